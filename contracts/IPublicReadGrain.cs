namespace PandaMcp.Contracts;

/// <summary>
/// One public question to PanDA (keyed by <see cref="PublicRead.Key"/>): its one activation in the cluster
/// lets concurrent calls asking it share one REST call, and later calls reuse the answer for a few seconds.
/// </summary>
[Alias("panda.IPublicReadGrain")]
public interface IPublicReadGrain : IGrainWithStringKey
{
    /// <summary>PanDA's answer to the question: fetched for this call, shared with calls asking now, or reused.</summary>
    [Alias("Read")]
    Task<PandaReply> ReadAsync(PandaCall call, CancellationToken cancellationToken = default);
}
