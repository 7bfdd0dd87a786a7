namespace PandaMcp.Silo.Sessions;

/// <summary>The sessions an identity holds, stored so that its limit survives the loss of a silo.</summary>
[GenerateSerializer, Alias("panda.IdentitySessionsState")]
public sealed class IdentitySessionsState
{
    [Id(0)] public HashSet<string> Sessions { get; set; } = new(StringComparer.Ordinal);
}
