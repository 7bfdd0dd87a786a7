namespace PandaEmulator.Faults;

/// <summary>One set of faults: a delay of <see cref="DelayMs"/> plus up to <see cref="DelayJitterMs"/> at random, then a share of 500s and of closed connections.</summary>
public sealed record FaultRule
{
    public int DelayMs { get; init; }

    public int DelayJitterMs { get; init; }

    /// <summary>The share (0 to 1) of requests answered with HTTP 500.</summary>
    public double ErrorRate { get; init; }

    /// <summary>The share (0 to 1) of requests whose connection is dropped without an answer.</summary>
    public double CloseRate { get; init; }

    public bool IsEmpty => DelayMs == 0 && DelayJitterMs == 0 && ErrorRate == 0 && CloseRate == 0;

    public IEnumerable<string> Problems(string where)
    {
        if (DelayMs < 0 || DelayJitterMs < 0)
        {
            yield return $"{where}: delays must not be negative.";
        }
        if (ErrorRate is < 0 or > 1 || CloseRate is < 0 or > 1 || double.IsNaN(ErrorRate) || double.IsNaN(CloseRate))
        {
            yield return $"{where}: rates must be between 0 and 1.";
        }
    }
}
