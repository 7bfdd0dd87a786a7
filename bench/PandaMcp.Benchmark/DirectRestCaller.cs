using PandaMcp.Contracts;
using PandaMcp.Silo.Panda;

namespace PandaMcp.Benchmark;

/// <summary>
/// Calls the emulator's REST API with the request the gateway itself would send for the tool (the silo's encoder:
/// Accept and Content-Type application/json), over a connection of its own.
/// </summary>
public sealed class DirectRestCaller(Uri apiBaseUrl, PandaCall call) : ICaller
{
    private readonly HttpClient _http = new();
    private readonly Uri _baseUrl = new(apiBaseUrl.ToString().TrimEnd('/') + "/");

    public string Protocol => "REST over HTTP/1.1";

    public async Task<string?> CallAsync()
    {
        using var request = PandaRequestEncoder.Encode(_baseUrl, call);
        using var response = await _http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} from {request.RequestUri}";
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
