namespace PandaMcp.Contracts;

/// <summary>
/// Makes the REST calls of one PanDA API module. Keys come from <see cref="PandaModuleGrains"/>: callers spread
/// their calls over several keys so that the calls of many agents share the load across silos.
/// </summary>
[Alias("panda.IPandaModuleGrain")]
public interface IPandaModuleGrain : IGrainWithStringKey
{
    /// <summary>Sends one request to PanDA and returns its answer, or how it failed.</summary>
    [Alias("Invoke")]
    Task<PandaReply> InvokeAsync(PandaCall call, CancellationToken cancellationToken = default);
}
