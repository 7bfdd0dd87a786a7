using System.Net;

namespace PandaMcp.Operations.Tests;

/// <summary>GETs a probe or scrape path of a running host, as Kubernetes and Prometheus do.</summary>
internal static class Probe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<HttpStatusCode> StatusAsync(HttpClient http, Uri baseAddress, string path, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri(baseAddress, path), cancellationToken);
        return response.StatusCode;
    }

    /// <summary>Waits until <paramref name="path"/> answers <paramref name="expected"/>.</summary>
    public static Task UntilAsync(HttpClient http, Uri baseAddress, string path, HttpStatusCode expected) =>
        Wait.UntilAsync(
            async cancellationToken => await StatusAsync(http, baseAddress, path, cancellationToken) == expected,
            Timeout,
            $"{path} on {baseAddress} answers {(int)expected}");

    /// <summary>The first http address a started in-process host listens on.</summary>
    public static Uri HttpAddress(Microsoft.AspNetCore.Builder.WebApplication app) =>
        new(app.Urls.First(u => u.StartsWith("http:", StringComparison.Ordinal)));
}
