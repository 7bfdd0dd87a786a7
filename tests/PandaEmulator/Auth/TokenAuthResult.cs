namespace PandaEmulator.Auth;

/// <summary>
/// The outcome of PanDA's token decoding: refused (with the reason PanDA puts after
/// <c>Token authentication failed.</c>) or accepted with the caller it describes.
/// </summary>
internal sealed record TokenAuthResult(bool Authenticated, string? Message, Caller Caller)
{
    public static readonly TokenAuthResult AnonymousCall = new(true, null, Caller.Anonymous);

    public static TokenAuthResult Refused(string message) => new(false, message, Caller.Anonymous);
}
