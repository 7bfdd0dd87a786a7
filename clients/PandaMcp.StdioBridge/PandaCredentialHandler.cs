using Microsoft.Extensions.Options;
using PandaMcp.Clients;

namespace PandaMcp.StdioBridge;

/// <summary>
/// Puts the current ID token and the VO on every request to the gateway, so each call carries the token the file
/// holds at that moment (the SDK's fixed headers would keep the token of the start).
/// </summary>
internal sealed class PandaCredentialHandler(IdTokenFile tokenFile, IOptions<BridgeOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in PandaAuthHeaders.For(tokenFile.Current().Token, options.Value.Vo))
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
