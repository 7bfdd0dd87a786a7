namespace PandaMcp.Operations.Tests;

/// <summary>The tests that look at a running all-in-one gateway share one <see cref="GatewayFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class OperationsCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "operations";
}
