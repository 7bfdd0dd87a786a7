using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PandaMcp.Gateway.Tests;

/// <summary>
/// The fixture's emulator as a test drives it besides the gateway: reset to the seeded data, what PanDA holds
/// (its <c>/_emulator/state</c> routes, camelCase, nulls left out), and direct PanDA calls to prepare a case.
/// </summary>
public sealed class EmulatorControl(GatewayFixture gateway)
{
    public async Task ResetAsync()
    {
        using var response = await gateway.Http.PostAsync(Url("/_emulator/reset"), null);
        response.EnsureSuccessStatusCode();
    }

    public Task<JsonElement> TaskAsync(long id) => StateAsync($"tasks/{id}");

    public Task<JsonElement> JobAsync(long id) => StateAsync($"jobs/{id}");

    public Task<JsonElement> CarouselRequestAsync(long id) => StateAsync($"carousel/{id}");

    public Task<JsonElement> HarvesterCommandsAsync() => StateAsync("harvester-commands");

    /// <summary>POSTs <paramref name="argumentsJson"/> to PanDA's <paramref name="route"/> as PanDA's client does; the answer is not looked at.</summary>
    public async Task PostToPandaAsync(string route, string argumentsJson, IDictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("/api/v1/" + route))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(argumentsJson)),
        };
        // Exactly application/json, no charset: PanDA reads the body as JSON only then.
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await gateway.Http.SendAsync(request);
    }

    private async Task<JsonElement> StateAsync(string path) =>
        await gateway.Http.GetFromJsonAsync<JsonElement>(Url("/_emulator/state/" + path));

    private Uri Url(string path) => new(gateway.Emulator.Address, path);
}
