namespace PandaMcp.Security.Tests;

/// <summary>Tests that measure this process (its heap) run alone, after the others, so that no other test's allocations count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
