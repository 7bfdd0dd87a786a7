using ModelContextProtocol.Client;
using PandaEmulator;
using PandaMcp.Silo.Telemetry;
using PandaMcp.Testing;

namespace PandaMcp.Cluster.Tests;

/// <summary>
/// Tokens travel with each call and are kept nowhere: not in Redis, not in any log line at any level. Session ids,
/// which a client presents to use its session, are not kept or logged either: the cluster names a session by a hash.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CredentialSearchTests(SplitClusterFixture cluster)
{
    [Fact]
    public async Task AWorkloadWithKnownTokens_LeavesNoPartOfThemNorAnySessionIdInRedisOrTheLogs()
    {
        await using var redis = await RedisServer.StartAsync(SplitClusterFixture.StartTimeout);
        var everything = LogLevelDefaults.AllAt("Trace").ToDictionary(level => level.Key.Replace(":", "__", StringComparison.Ordinal), level => level.Value);
        var (silos, gateways) = await cluster.StartClusterAsync("token-search", silos: 2, gateways: 2, redis, everything);
        var tokens = new[] { TokenIssuer.Mint("alice"), TokenIssuer.Mint("bob", production: true), TokenIssuer.Mint("carol") };
        var mcp = gateways.Select(g => new Uri(g.Address, "/mcp")).ToArray();

        using var http = new HttpClient();
        var sessionIds = new List<string>();
        foreach (var token in tokens)
        {
            // Sessions on both gateways, calls, a deletion, and the legacy transport.
            var session = await RawMcpSession.StartAsync(http, mcp[0], "Bearer " + token);
            sessionIds.Add(session.SessionId);
            await session.CallAsync(mcp[1], 1, "tools/call", new { name = "system_is_alive", arguments = new { } });
            await session.CallAsync(mcp[0], 2, "tools/call", new { name = "task_get_status", arguments = new { task_id = 1 } });
            await session.CallAsync(mcp[1], 3, "logging/setLevel", new { level = "debug" });
            using (await session.DeleteAsync(mcp[0]))
            {
            }
            sessionIds.Add((await RawMcpSession.StartAsync(http, mcp[1], "Bearer " + token)).SessionId);
            using var legacy = new HttpClient();
            legacy.DefaultRequestHeaders.Authorization = new("Bearer", token);
            legacy.DefaultRequestHeaders.Add("Origin", RawMcpSession.Vo);
            await using var client = await McpClient.CreateAsync(
                new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(gateways[0].Address, "/sse"), TransportMode = HttpTransportMode.Sse }, legacy),
                new McpClientOptions { ProtocolVersion = "2024-11-05" });
            await client.CallToolAsync("system_is_alive");
        }

        var stored = await redis.DumpAsync();
        var lines = silos.Concat(gateways).SelectMany(p => p.EveryLine).ToList();
        // Each token, and each of its three parts (header, claims, signature) on its own.
        var secrets = tokens.SelectMany(t => t.Split('.').Append(t)).Distinct().ToList();

        Assert.Contains("session", stored, StringComparison.OrdinalIgnoreCase);
        Assert.True(lines.Count > 100, $"{lines.Count} log lines");
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, stored));
        Assert.All(secrets, secret => Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal)));
        Assert.Equal(tokens.Length * 2, sessionIds.Distinct().Count());
        Assert.All(sessionIds, id => Assert.DoesNotContain(id, stored));
        Assert.All(sessionIds, id => Assert.DoesNotContain(lines, line => line.Contains(id, StringComparison.Ordinal)));
    }
}
