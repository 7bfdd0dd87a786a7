using PandaMcp.Contracts;

namespace PandaMcp.Gateway.Protocol;

/// <summary>
/// Reads the caller's PanDA credentials from the MCP HTTP request, as PanDA's own MCP server does: the token
/// from <c>Authorization</c> or <c>X-Auth-Token</c>, the VO from <c>Origin</c>. Nothing else is ever used:
/// the gateway's own environment credentials (PANDA_AUTH_ID_TOKEN, X509_USER_PROXY) are never read.
/// </summary>
public static class CallerCredentials
{
    private const string BearerPrefix = "Bearer ";

    public static PandaCredentials From(HttpRequest request)
    {
        var headers = request.Headers;
        var authorization = headers.Authorization.ToString();
        if (authorization.Length == 0 && headers["X-Auth-Token"].ToString() is { Length: > 0 } token)
        {
            authorization = token.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? token : BearerPrefix + token;
        }
        var origin = headers.Origin.ToString();
        return authorization.Length == 0 && origin.Length == 0
            ? PandaCredentials.Anonymous
            : new PandaCredentials(authorization.Length > 0 ? authorization : null, origin.Length > 0 ? origin : null);
    }

    /// <summary>The token of an <c>Authorization</c> value (its <c>Bearer</c> scheme word, if any, taken off), or null.</summary>
    public static string? BearerToken(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return null;
        }
        var token = authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? authorization[BearerPrefix.Length..] : authorization;
        token = token.Trim();
        return token.Length > 0 ? token : null;
    }
}
