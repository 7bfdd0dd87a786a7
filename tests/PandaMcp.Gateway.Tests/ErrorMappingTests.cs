using System.Net.Http.Json;
using ModelContextProtocol.Protocol;
using PandaEmulator;

namespace PandaMcp.Gateway.Tests;

/// <summary>Every way a call can fail reaches the agent as a clear tool error, never a stack trace.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ErrorMappingTests(GatewayFixture gateway) : IAsyncLifetime
{
    [Theory]
    [InlineData(null)]
    [InlineData(ProtocolTests.Sessions)]
    public async Task SchemaViolations_NameEachField_AndPandaIsNotCalled(string? version)
    {
        await using var client = await gateway.ConnectAsync(version);
        await gateway.ClearEmulatorRequestsAsync();

        var result = await client.CallToolAsync("task_change_priority", new Dictionary<string, object?>
        {
            ["task_id"] = "twelve",
            ["colour"] = "blue",
        });

        Assert.True(result.IsError);
        var text = Text(result);
        Assert.Contains("'task_id' must be an integer, not a string", text);
        Assert.Contains("'priority' is required", text);
        Assert.Contains("'colour' is not an argument of task_change_priority", text);
        Assert.Empty(await gateway.EmulatorRequestsAsync());
    }

    [Fact]
    public async Task PandaRefusal_ComesWithPandasMessageFirst()
    {
        await using var client = await gateway.ConnectAsync();
        var result = await client.CallToolAsync("task_change_priority", new Dictionary<string, object?>
        {
            ["task_id"] = Seed.RunningTaskOfAlice,
            ["priority"] = 900,
        });

        Assert.True(result.IsError);
        Assert.StartsWith("PanDA refused POST /api/v1/task/change_priority: SSL secure connection is required", Text(result));
        Assert.False(result.StructuredContent!.Value.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task ServerError_NamesStatusAndEndpoint()
    {
        await SetFaultsAsync(new { errorRate = 1.0, routes = new[] { "system/is_alive" } });
        await using var client = await gateway.ConnectAsync();

        var result = await client.CallToolAsync("system_is_alive");

        Assert.True(result.IsError);
        Assert.Contains("HTTP 500", Text(result));
        Assert.Contains("GET /api/v1/system/is_alive", Text(result));
    }

    [Fact]
    public async Task SlowPanda_EndsWithATimeoutError()
    {
        await SetFaultsAsync(new { delayMs = 4000, routes = new[] { "system/is_alive" } });
        await using var client = await gateway.ConnectAsync(ProtocolTests.Sessions);

        var result = await client.CallToolAsync("system_is_alive");

        Assert.True(result.IsError);
        Assert.Contains("did not answer in time", Text(result));
        Assert.Contains("may or may not have reached PanDA", Text(result));
    }

    [Fact]
    public async Task ClosedConnection_SaysPandaCouldNotBeReached()
    {
        await SetFaultsAsync(new { closeRate = 1.0, routes = new[] { "system/is_alive" } });
        await using var client = await gateway.ConnectAsync();

        var result = await client.CallToolAsync("system_is_alive");

        Assert.True(result.IsError);
        Assert.Contains("PanDA could not be reached for GET /api/v1/system/is_alive", Text(result));
    }

    private async Task SetFaultsAsync(object faults)
    {
        using var response = await gateway.Http.PostAsJsonAsync(new Uri(gateway.Emulator.Address, "/_emulator/faults"), faults);
        response.EnsureSuccessStatusCode();
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(result.Content[0]).Text;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => SetFaultsAsync(new { });
}
