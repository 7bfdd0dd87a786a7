namespace PandaMcp.Silo.PublicReads;

/// <summary>Where a public read's answer came from.</summary>
public enum PublicReadAnswer
{
    /// <summary>A REST call made for this call.</summary>
    Panda,

    /// <summary>A REST call another call made at the same time.</summary>
    Shared,

    /// <summary>An answer PanDA gave an earlier call, young enough to reuse.</summary>
    Reused,
}
