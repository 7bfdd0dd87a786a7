namespace PandaMcp.Contracts;

/// <summary>
/// PanDA's answer to one call: its HTTP status and body, or why no answer came. <see cref="Age"/> is set on an answer
/// PanDA gave to an earlier call asking the same public question, reused for this one.
/// </summary>
[GenerateSerializer, Immutable, Alias("panda.PandaReply")]
public sealed record PandaReply(
    [property: Id(0)] int Status,
    [property: Id(1)] string Body,
    [property: Id(2)] PandaFailure Failure = PandaFailure.None,
    [property: Id(3)] string? FailureDetail = null,
    [property: Id(4)] TimeSpan? Age = null)
{
    /// <summary>The status only: bodies can hold proxies, tokens or secrets (creds.get_proxy, system.get_attributes).</summary>
    public override string ToString() => $"PandaReply {{ {Status}, {Body.Length} chars, {Failure} }}";

    public static PandaReply Failed(PandaFailure failure, string detail) => new(0, "", failure, detail);
}
