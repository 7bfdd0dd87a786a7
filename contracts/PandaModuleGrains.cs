namespace PandaMcp.Contracts;

/// <summary>
/// The one place that names the grains calls go to. Module grains are keyed <c>&lt;module&gt;/&lt;shard&gt;</c>:
/// callers outside the silos pick a shard per call so that their calls spread over the silos (an Orleans client
/// sends every call for one key through one connection); inside a silo any shard will do, since a stateless worker
/// runs where it is called. A public read goes to the grain of its question instead.
/// </summary>
public static class PandaModuleGrains
{
    public static string Key(string module, int shard) => $"{module}/{shard}";

    public static IPandaModuleGrain GetPandaModuleGrain(this IGrainFactory grains, string module, int shard) =>
        grains.GetGrain<IPandaModuleGrain>(Key(module, shard));

    /// <summary>Sends <paramref name="call"/> to the grain that makes it: its question's, or the module's on <paramref name="shard"/>.</summary>
    public static Task<PandaReply> SendPandaCallAsync(this IGrainFactory grains, PandaCall call, int shard, CancellationToken cancellationToken = default) =>
        call.PublicRead is { } question
            ? grains.GetGrain<IPublicReadGrain>(question.Key).ReadAsync(call, cancellationToken)
            : grains.GetPandaModuleGrain(call.Module, shard).InvokeAsync(call, cancellationToken);
}
