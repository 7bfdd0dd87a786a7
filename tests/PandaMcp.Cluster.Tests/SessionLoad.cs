using System.Collections.Concurrent;
using System.Text.Json;
using PandaMcp.Testing;

namespace PandaMcp.Cluster.Tests;

/// <summary>
/// A steady load: several sessions, each calling a tool again and again until stopped. Every answer that is not
/// a successful tool result is kept as a failure, with what it was. The tool needs the caller's token, so that each
/// call is a REST call of its own through a module grain (public reads share one grain and reuse answers).
/// </summary>
public sealed class SessionLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly List<Task> _workers = [];
    private int _succeeded;

    public int Succeeded => Volatile.Read(ref _succeeded);

    public IReadOnlyCollection<string> Failures => _failures;

    public static Task<SessionLoad> StartAsync(Uri endpoint, int sessions, string authorization) =>
        StartAsync(new GatewayPool([endpoint]), sessions, authorization);

    /// <summary>Each request goes to the pool's next gateway: the requests of one session land on all of them.</summary>
    public static async Task<SessionLoad> StartAsync(GatewayPool gateways, int sessions, string authorization)
    {
        var load = new SessionLoad();
        var started = await Task.WhenAll(Enumerable.Range(0, sessions).Select(_ => RawMcpSession.StartAsync(load._http, gateways.Next(), authorization)));
        load._workers.AddRange(started.Select(session => Task.Run(() => load.RunAsync(session, gateways))));
        return load;
    }

    private async Task RunAsync(RawMcpSession session, GatewayPool gateways)
    {
        for (var id = 1; !_stop.IsCancellationRequested; id++)
        {
            try
            {
                var response = await session.CallAsync(gateways.Next(), id, "tools/call", new { name = "system_get_user_attributes", arguments = new { } });
                if (response.TryGetProperty("result", out var result) && !(result.TryGetProperty("isError", out var isError) && isError.GetBoolean()))
                {
                    Interlocked.Increment(ref _succeeded);
                }
                else
                {
                    _failures.Enqueue(response.ToString());
                }
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                _failures.Enqueue($"{e.GetType().Name}: {e.Message}");
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // A call cut short by the end of the load is not a failure of the system under test.
            }
        }
    }

    public Task WaitForCallsAsync(int succeeded, TimeSpan timeout) =>
        Wait.UntilAsync(_ => Task.FromResult(Succeeded >= succeeded || !_failures.IsEmpty), timeout, $"{succeeded} successful calls");

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _stop.Dispose();
    }
}
