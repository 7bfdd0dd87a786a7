namespace PandaMcp.Contracts;

/// <summary>
/// The one place that names module grains: <c>&lt;module&gt;/&lt;shard&gt;</c>. Callers outside the silos pick a shard
/// per call so that their calls spread over the silos (an Orleans client sends every call for one key through one
/// connection); inside a silo any shard will do, since a stateless worker runs where it is called.
/// </summary>
public static class PandaModuleGrains
{
    public static string Key(string module, int shard) => $"{module}/{shard}";

    public static IPandaModuleGrain GetPandaModuleGrain(this IGrainFactory grains, string module, int shard) =>
        grains.GetGrain<IPandaModuleGrain>(Key(module, shard));
}
