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

    public IPandaModuleGrain For(string module) => grains.GetPandaModuleGrain(module, Random.Shared.Next(_shards));
}
