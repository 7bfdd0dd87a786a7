using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace PandaMcp.Gateway.Identity;

/// <summary>
/// One VO's identity provider as the gateway knows it: the audience of its tokens, and its discovery document with
/// its signing keys. Both are read through Microsoft.IdentityModel's configuration managers, which cache them, read
/// them again every <see cref="IdentityOptions.RefreshInterval"/>, keep the last good copy when a read fails, and
/// read the keys again on request (a token signed with a key not seen yet).
/// </summary>
public sealed class VoIssuer
{
    private readonly ConfigurationManager<PandaAuthConfig>? _authConfig;
    private readonly VoIssuerOptions? _configured;
    private readonly Func<string, ConfigurationManager<OpenIdConnectConfiguration>> _discoveryAt;
    /// <summary>Swapped whole, so that a request reads a URL and its manager together.</summary>
    private volatile Discovery? _discovery;

    /// <param name="authConfigUrl">PanDA's auth configuration of the VO; used when <paramref name="configured"/> is null.</param>
    /// <param name="newManager">Makes a configuration manager for a document's address.</param>
    public VoIssuer(
        VoIssuerOptions? configured,
        string authConfigUrl,
        Func<string, IConfigurationRetriever<PandaAuthConfig>, ConfigurationManager<PandaAuthConfig>> newAuthConfigManager,
        Func<string, ConfigurationManager<OpenIdConnectConfiguration>> newDiscoveryManager)
    {
        _configured = configured;
        _authConfig = configured is null ? newAuthConfigManager(authConfigUrl, new PandaAuthConfig.Retriever()) : null;
        _discoveryAt = newDiscoveryManager;
    }

    /// <summary>The provider's discovery document (issuer, keys) and the audience; throws when neither was ever read.</summary>
    public async Task<(OpenIdConnectConfiguration Provider, string Audience)> GetAsync(CancellationToken cancellationToken)
    {
        var (url, audience) = _authConfig is { } authConfig
            ? await AuthConfigAsync(authConfig, cancellationToken)
            : (_configured!.OidcConfigUrl, _configured.Audience);
        var discovery = _discovery is { } known && known.Url == url ? known.Manager : Replace(url);
        return (await discovery.GetConfigurationAsync(cancellationToken), audience);
    }

    /// <summary>Asks for the keys to be read again at the next use (no more often than the manager allows).</summary>
    public void RequestKeyRefresh() => _discovery?.Manager.RequestRefresh();

    private long _unavailableUntilTicks;

    /// <summary>Whether the provider could not be read a moment ago: requests until then get 503 at once instead of each waiting for another read to fail.</summary>
    public bool IsUnavailable(DateTimeOffset now) => now.UtcTicks < Interlocked.Read(ref _unavailableUntilTicks);

    public void MarkUnavailable(DateTimeOffset until) => Interlocked.Exchange(ref _unavailableUntilTicks, until.UtcTicks);

    private static async Task<(string Url, string Audience)> AuthConfigAsync(ConfigurationManager<PandaAuthConfig> manager, CancellationToken cancellationToken)
    {
        var config = await manager.GetConfigurationAsync(cancellationToken);
        return (config.OidcConfigUrl!, config.Audience!);
    }

    /// <summary>A manager for a discovery document's new address (PanDA's auth configuration changed, or the first use).</summary>
    private ConfigurationManager<OpenIdConnectConfiguration> Replace(string url)
    {
        var manager = _discoveryAt(url);
        _discovery = new Discovery(url, manager);
        return manager;
    }

    private sealed record Discovery(string Url, ConfigurationManager<OpenIdConnectConfiguration> Manager);
}
