namespace PandaMcp.Contracts;

/// <summary>
/// One REST call to PanDA: the endpoint, how its arguments travel, and the caller's credentials. A public read
/// names its question (<see cref="PublicRead"/>): calls asking the same one share an answer, and carry no credentials.
/// </summary>
[GenerateSerializer, Immutable, Alias("panda.PandaCall")]
public sealed record PandaCall(
    [property: Id(0)] string Module,
    [property: Id(1)] string Function,
    [property: Id(2)] string Method,
    [property: Id(3)] PandaEncoding Encoding,
    [property: Id(4)] string ArgumentsJson,
    [property: Id(5)] PandaCredentials Credentials,
    [property: Id(6)] PublicRead? PublicRead = null)
{
    /// <summary>A GET: PanDA's GET endpoints change nothing, so such a call may be sent again.</summary>
    public bool IsRead => string.Equals(Method, "GET", StringComparison.OrdinalIgnoreCase);

    /// <summary>The endpoint only: arguments can hold secrets (creds.set_user_secrets), credentials always do.</summary>
    public override string ToString() => $"PandaCall {{ {Method} {Module}/{Function} }}";
}
