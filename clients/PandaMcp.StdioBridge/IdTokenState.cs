namespace PandaMcp.StdioBridge;

/// <summary>The token to send now, or (with <see cref="Token"/> null) why there is none.</summary>
/// <param name="Problem">One sentence without a final stop, e.g. "the ID token in /home/u/.panda_id_token expired at ...".</param>
internal sealed record IdTokenState(string? Token, string? Problem);
