using System.Net.Http.Json;

namespace PandaEmulator;

/// <summary>The emulator's fault controls (<c>/_emulator/faults</c>) as a test calls them: slow a route down, clear every fault.</summary>
public static class EmulatorFaults
{
    public static async Task SlowDownAsync(HttpClient http, Uri emulator, string route, TimeSpan delay)
    {
        var faults = new { perRoute = new Dictionary<string, object> { [route] = new { delayMs = (int)delay.TotalMilliseconds } } };
        using var response = await http.PostAsJsonAsync(new Uri(emulator, "/_emulator/faults"), faults);
        response.EnsureSuccessStatusCode();
    }

    public static async Task ClearAsync(HttpClient http, Uri emulator)
    {
        using var response = await http.PostAsJsonAsync(new Uri(emulator, "/_emulator/faults"), new { });
        response.EnsureSuccessStatusCode();
    }
}
