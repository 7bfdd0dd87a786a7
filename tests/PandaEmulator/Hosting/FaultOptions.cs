namespace PandaEmulator.Hosting;

/// <summary>Start-up faults: a delay (fixed plus random jitter), a share of 500s, a share of closed connections.</summary>
public sealed class FaultOptions
{
    public int DelayMs { get; set; }

    public int DelayJitterMs { get; set; }

    public double ErrorRate { get; set; }

    public double CloseRate { get; set; }

    /// <summary>Routes (<c>module/function</c>, or <c>module/*</c>) the faults apply to, comma-separated; empty means all.</summary>
    public string? Routes { get; set; }
}
