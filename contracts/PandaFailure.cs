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

    /// <summary>The cluster could not complete the call (the grain running it failed): it may or may not have reached PanDA.</summary>
    Cluster = 3,

    /// <summary>PanDA answered, but the answer was dropped from a session's replay to keep the silo's memory bounded.</summary>
    NotKept = 4,
}
