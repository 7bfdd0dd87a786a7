using Orleans.Concurrency;
using PandaMcp.Contracts;
using PandaMcp.Silo.Panda;

namespace PandaMcp.Silo.Grains;

/// <summary>
/// Makes a module's REST calls. A stateless worker runs on the silo that receives the call, and it is
/// reentrant because each call only awaits I/O: one activation serves many calls at once.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class PandaModuleGrain(PandaClient client) : Grain, IPandaModuleGrain
{
    Task<PandaReply> IPandaModuleGrain.InvokeAsync(PandaCall call, CancellationToken cancellationToken) =>
        client.SendAsync(call, cancellationToken);
}
