namespace PandaMcp.Contracts;

/// <summary>
/// The caller's PanDA credentials, carried with one call and never kept: grains hold them only for the duration
/// of the REST request. <see cref="ToString"/> is redacted so that no log line or exception text can show them.
/// </summary>
[GenerateSerializer, Immutable, Alias("panda.PandaCredentials")]
public sealed record PandaCredentials(
    [property: Id(0)] string? Authorization,
    [property: Id(1)] string? Origin)
{
    public static readonly PandaCredentials Anonymous = new(null, null);

    public override string ToString() => Authorization is null ? "PandaCredentials { anonymous }" : "PandaCredentials { redacted }";
}
