using ModelContextProtocol.Protocol;
using PandaMcp.Contracts;

namespace PandaMcp.Gateway.Tools;

/// <summary>
/// Reads the caller's PanDA credentials from the MCP HTTP request, as PanDA's own MCP server does: the token
/// from <c>Authorization</c> or <c>X-Auth-Token</c>, the VO from <c>Origin</c>. Nothing else is ever used:
/// the gateway's own environment credentials (PANDA_AUTH_ID_TOKEN, X509_USER_PROXY) are never read.
/// </summary>
public static class CallerCredentials
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>Where a transport that answers after the HTTP request has ended leaves that request's credentials.</summary>
    public const string ItemKey = "panda.credentials";

    /// <summary>The credentials a message carries with it, else those of the HTTP request being served.</summary>
    public static PandaCredentials From(JsonRpcMessage message, HttpContext? context) =>
        message.Context?.Items is { } items && items.TryGetValue(ItemKey, out var carried) && carried is PandaCredentials credentials
            ? credentials
            : From(context);

    public static PandaCredentials From(HttpContext? context)
    {
        if (context is null)
        {
            return PandaCredentials.Anonymous;
        }
        var headers = context.Request.Headers;
        var authorization = headers.Authorization.ToString();
        if (authorization.Length == 0 && headers["X-Auth-Token"].ToString() is { Length: > 0 } token)
        {
            authorization = token.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? token : BearerPrefix + token;
        }
        var origin = headers.Origin.ToString();
        return new PandaCredentials(
            authorization.Length > 0 ? authorization : null,
            origin.Length > 0 ? origin : null);
    }
}
