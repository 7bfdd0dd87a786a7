namespace PandaMcp.Contracts;

/// <summary>PanDA's answer to one call: its HTTP status and body, or why no answer came.</summary>
[GenerateSerializer, Immutable, Alias("panda.PandaReply")]
public sealed record PandaReply(
    [property: Id(0)] int Status,
    [property: Id(1)] string Body,
    [property: Id(2)] PandaFailure Failure = PandaFailure.None,
    [property: Id(3)] string? FailureDetail = null)
{
    public static PandaReply Failed(PandaFailure failure, string detail) => new(0, "", failure, detail);
}
