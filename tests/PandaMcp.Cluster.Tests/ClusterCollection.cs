namespace PandaMcp.Cluster.Tests;

/// <summary>
/// One multi-process cluster for all these tests, which run one after another: they share the emulator's
/// faults and the machine's two cores. Tests that break a cluster start one of their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<SplitClusterFixture>
{
    public const string Name = "cluster";
}
