namespace PandaMcp.Gateway.Tests;

/// <summary>The gateway tests share one <see cref="GatewayFixture"/>; xunit wants the definition in the test assembly.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
