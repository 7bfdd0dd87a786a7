using Microsoft.Extensions.Options;
using PandaMcp.Contracts;
using PandaMcp.Gateway.Hosting;

namespace PandaMcp.Gateway.Cluster;

/// <summary>
/// Picks the module grain for a call. One key per module would pin every call of a gateway to one silo (an
/// Orleans client sends all calls for a key through one connection), so each call takes one of several keys.
/// </summary>
public sealed class ModuleGrainRouter(IGrainFactory grains, IOptions<GatewayOptions> options)
{
    private readonly int _shards = options.Value.ShardsPerModule;

    /// <summary>Sends a call to a module grain of a shard picked now, or, for a public read, to its question's grain.</summary>
    public Task<PandaReply> SendAsync(PandaCall call, CancellationToken cancellationToken) =>
        grains.SendPandaCallAsync(call, Random.Shared.Next(_shards), cancellationToken);
}
