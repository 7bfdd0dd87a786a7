using PandaMcp.Testing;

namespace PandaMcp.Gateway.Tests;

/// <summary>A gateway at the defaults users get, reusing public reads for 15 s, for the tests of that reuse.</summary>
[CollectionDefinition(Name)]
public sealed class PublicReadsCollection : ICollectionFixture<DefaultsGatewayFixture>
{
    public const string Name = "public reads";
}
