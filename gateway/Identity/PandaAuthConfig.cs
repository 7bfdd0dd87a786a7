using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Protocols;

namespace PandaMcp.Gateway.Identity;

/// <summary>
/// A VO's entry in PanDA's auth configuration (<c>{PanDA}/auth/{vo}_auth_config.json</c>): where its identity
/// provider's discovery document is, and the audience its tokens carry. Read through a configuration manager, which
/// caches it and reads it again on a schedule.
/// </summary>
public sealed record PandaAuthConfig(
    [property: JsonPropertyName("oidc_config_url")] string? OidcConfigUrl,
    [property: JsonPropertyName("audience")] string? Audience)
{
    /// <summary>Reads and checks the document; a document without the two fields is an error, not an empty configuration.</summary>
    public sealed class Retriever : IConfigurationRetriever<PandaAuthConfig>
    {
        public async Task<PandaAuthConfig> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var document = await retriever.GetDocumentAsync(address, cancel);
            var config = JsonSerializer.Deserialize<PandaAuthConfig>(document);
            return config is { Audience.Length: > 0 } && Uri.TryCreate(config.OidcConfigUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
                ? config
                : throw new InvalidOperationException($"PanDA's auth configuration at {address} names no oidc_config_url or no audience.");
        }
    }
}
