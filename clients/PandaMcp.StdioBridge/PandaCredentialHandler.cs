using Microsoft.Extensions.Options;
using PandaMcp.Clients;

namespace PandaMcp.StdioBridge;

/// <summary>
/// Puts the current ID token (refreshed first when it is about to expire) and the VO on every request to the gateway,
/// so each call carries the token the file holds at that moment (the SDK's fixed headers would keep the token of the start).
/// </summary>
internal sealed class PandaCredentialHandler(TokenRefresher tokens, IOptions<BridgeOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = (await tokens.CurrentAsync(cancellationToken)).Token;
        foreach (var (name, value) in PandaAuthHeaders.For(token, options.Value.Vo))
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
