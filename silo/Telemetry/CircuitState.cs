namespace PandaMcp.Silo.Telemetry;

/// <summary>A circuit breaker's state as the gauge reports it; the values are Polly's <c>CircuitState</c>'s.</summary>
public enum CircuitState
{
    Closed = 0,
    Open = 1,
    HalfOpen = 2,
    Isolated = 3,
}
