using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PandaEmulator;
using PandaMcp.Silo.Panda;
using PandaMcp.Silo.Telemetry;
using Polly.CircuitBreaker;

namespace PandaMcp.Security.Tests;

/// <summary>
/// The calls to PanDA under the emulator's injected faults: a timeout per attempt, reads retried and POSTs not,
/// and a circuit breaker that fails fast while PanDA is down and closes when it is back. Each test has a
/// gateway of its own, since the circuit's state is the gateway's.
/// </summary>
public sealed class UpstreamResilienceTests
{
    private const string QuickRetries = "--PandaMcp:Panda:Resilience:RetryDelay=00:00:00.050";

    [Fact]
    public async Task Read_IsRetriedAfterABrokenConnection_ButAPostIsNot()
    {
        await using var gateway = await TestGateway.StartAsync(QuickRetries, "--PandaMcp:Panda:Resilience:MinimumAttempts=1000");
        await gateway.SetFaultsAsync(new { closeRate = 1.0, routes = new[] { "system/is_alive", "task/kill" } });

        var read = await gateway.CallToolAsync("system_is_alive");
        var retriesOfRead = Retries(gateway);
        var post = await gateway.CallToolAsync("task_kill", """{"task_id":45012301}""", TokenIssuer.Mint("alice"));

        Assert.True(read.IsError);
        Assert.True(post.IsError);
        Assert.Equal(2, retriesOfRead);
        Assert.Equal(2, Retries(gateway));
        Assert.True(await gateway.PandaRequestCountAsync("system/is_alive") >= 3);
        Assert.Contains("could not be reached", post.Text);
    }

    [Fact]
    public async Task SlowPanda_TimesOutAfterTheConfiguredTimeout_WithoutARetry()
    {
        await using var gateway = await TestGateway.StartAsync(QuickRetries, "--PandaMcp:Panda:Timeout=00:00:01");
        await gateway.SetFaultsAsync(new { delayMs = 5000, routes = new[] { "system/is_alive" } });

        var clock = Stopwatch.StartNew();
        var result = await gateway.CallToolAsync("system_is_alive");

        Assert.True(result.IsError);
        Assert.Contains("did not answer in time (no answer within 1 s)", result.Text);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.Equal(0, Retries(gateway));
    }

    [Fact]
    public async Task CircuitOpens_WhilePandaIsDown_FailsFast_AndClosesWhenPandaIsBack()
    {
        await using var gateway = await TestGateway.StartAsync(
            "--PandaMcp:Panda:Resilience:RetryAttempts=0",
            "--PandaMcp:Panda:Resilience:MinimumAttempts=3",
            "--PandaMcp:Panda:Resilience:BreakDuration=00:00:01");
        var circuit = gateway.Services.GetRequiredService<PandaCircuit>();
        var changes = new List<CircuitState>();
        circuit.StateChanged += changes.Add;
        await gateway.SetFaultsAsync(new { closeRate = 1.0 });

        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("could not be reached", (await gateway.CallToolAsync("system_is_alive")).Text);
        }
        var reachedPanda = await gateway.PandaRequestCountAsync("system/is_alive");
        var clock = Stopwatch.StartNew();
        var failedFast = await gateway.CallToolAsync("system_is_alive");
        clock.Stop();
        var stateWhileDown = circuit.State;
        var circuitLabel = ("panda_circuit", SafeUrl.Of(circuit.BaseUrl));
        await PrometheusScrape.UntilAsync(gateway.Http, gateway.McpUrl, (int)CircuitState.Open, "pandamcp_panda_circuit_state", circuitLabel);
        var reachedPandaWhileOpen = await gateway.PandaRequestCountAsync("system/is_alive");

        await gateway.SetFaultsAsync(new { });
        // Calls fail fast until the break is over; the first one after it is let through, and closes the circuit.
        (bool IsError, string Text) afterRecovery = default;
        await Wait.UntilAsync(async _ => !(afterRecovery = await gateway.CallToolAsync("system_is_alive")).IsError,
            TimeSpan.FromSeconds(30), "a call succeeds once the circuit's break is over");

        Assert.Equal(CircuitState.Open, stateWhileDown);
        Assert.True(failedFast.IsError);
        Assert.Contains("the gateway is not calling it for now", failedFast.Text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"failing fast took {clock.Elapsed}");
        Assert.Equal(reachedPanda, reachedPandaWhileOpen);
        Assert.False(afterRecovery.IsError, afterRecovery.Text);
        Assert.Equal(CircuitState.Closed, circuit.State);
        Assert.Equal([CircuitState.Open, CircuitState.HalfOpen, CircuitState.Closed], changes);
        await PrometheusScrape.UntilAsync(gateway.Http, gateway.McpUrl, (int)CircuitState.Closed, "pandamcp_panda_circuit_state", circuitLabel);
        Assert.Contains(gateway.LogLines, line => line.Contains("(circuit open)", StringComparison.Ordinal));
        Assert.Contains(gateway.LogLines, line => line.Contains("(circuit closed)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerError_DoesNotOpenTheCircuit()
    {
        await using var gateway = await TestGateway.StartAsync("--PandaMcp:Panda:Resilience:MinimumAttempts=2");
        var circuit = gateway.Services.GetRequiredService<PandaCircuit>();
        await gateway.SetFaultsAsync(new { errorRate = 1.0 });

        for (var i = 0; i < 4; i++)
        {
            Assert.Contains("HTTP 500", (await gateway.CallToolAsync("system_is_alive")).Text);
        }

        Assert.Equal(CircuitState.Closed, circuit.State);
        Assert.Equal(0, Retries(gateway));
    }

    /// <summary>The retries the resilience pipeline reports in the log (its telemetry logs one event per retry).</summary>
    private static int Retries(TestGateway gateway) =>
        gateway.LogLines.Count(line => line.Contains("OnRetry", StringComparison.Ordinal));
}
