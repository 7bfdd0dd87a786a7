namespace PandaMcp.StdioBridge;

/// <summary>The token to send now, or (with <see cref="Token"/> null) why there is none; and what a refresh needs.</summary>
/// <param name="Problem">One sentence without a final stop, e.g. "the ID token in /home/u/.panda_id_token expired at ...".</param>
/// <param name="Expiry">When the ID token in the file expires (also when it already has), if it says.</param>
/// <param name="RefreshToken">The refresh token of the file's token response, if it holds one.</param>
internal sealed record IdTokenState(string? Token, string? Problem, DateTimeOffset? Expiry = null, string? RefreshToken = null);
