namespace PandaEmulator.Faults;

/// <summary>The fault drawn for one request.</summary>
internal readonly record struct FaultDecision(TimeSpan Delay, FaultAction Action)
{
    public static readonly FaultDecision None = new(TimeSpan.Zero, FaultAction.None);
}
