namespace PandaMcp.Contracts;

/// <summary>Why a call to PanDA got no HTTP answer.</summary>
[GenerateSerializer, Alias("panda.PandaFailure")]
public enum PandaFailure
{
    None = 0,

    /// <summary>No answer within the configured per-call timeout.</summary>
    Timeout = 1,

    /// <summary>The connection could not be made, or it broke before an answer came.</summary>
    Unreachable = 2,
}
