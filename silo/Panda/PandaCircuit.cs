using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PandaMcp.Silo.Telemetry;
using Polly.CircuitBreaker;
using PandaMcp.Contracts;

namespace PandaMcp.Silo.Panda;

/// <summary>
/// The state of the circuit breaker in front of PanDA's base URL, as the resilience pipeline reports it: logged
/// at each change, reported to the circuit-state gauge, and readable (<see cref="State"/>, <see cref="StateChanged"/>).
/// </summary>
public sealed partial class PandaCircuit
{
    private readonly SiloMetrics _metrics;
    private readonly ILogger<PandaCircuit> _logger;
    private volatile int _state = (int)CircuitState.Closed;

    public PandaCircuit(IOptions<PandaClientOptions> options, SiloMetrics metrics, ILogger<PandaCircuit> logger)
    {
        BaseUrl = options.Value.BaseUrl;
        _metrics = metrics;
        _logger = logger;
        _metrics.ReportCircuitState(SafeUrl.Of(BaseUrl), CircuitState.Closed);
    }

    public string BaseUrl { get; }

    public CircuitState State => (CircuitState)_state;

    /// <summary>Raised after each change, on the thread of the call that caused it.</summary>
    public event Action<CircuitState>? StateChanged;

    internal void Opened(TimeSpan breakDuration)
    {
        LogOpened(_logger, BaseUrl, breakDuration.TotalSeconds);
        Change(CircuitState.Open);
    }

    internal void HalfOpened()
    {
        LogHalfOpened(_logger, BaseUrl);
        Change(CircuitState.HalfOpen);
    }

    internal void Closed()
    {
        LogClosed(_logger, BaseUrl);
        Change(CircuitState.Closed);
    }

    private void Change(CircuitState state)
    {
        _state = (int)state;
        _metrics.ReportCircuitState(SafeUrl.Of(BaseUrl), state);
        StateChanged?.Invoke(state);
    }

    [LoggerMessage(EventId = LogEvents.PandaCircuitOpened, Level = LogLevel.Error, Message = "PanDA at {BaseUrl} keeps failing: calls to it fail at once for {Seconds} s (circuit open)")]
    private static partial void LogOpened(ILogger logger, string baseUrl, double seconds);

    [LoggerMessage(EventId = LogEvents.PandaCircuitHalfOpened, Level = LogLevel.Information, Message = "Trying PanDA at {BaseUrl} again with one call (circuit half-open)")]
    private static partial void LogHalfOpened(ILogger logger, string baseUrl);

    [LoggerMessage(EventId = LogEvents.PandaCircuitClosed, Level = LogLevel.Warning, Message = "PanDA at {BaseUrl} answers again: calls go through (circuit closed)")]
    private static partial void LogClosed(ILogger logger, string baseUrl);
}
