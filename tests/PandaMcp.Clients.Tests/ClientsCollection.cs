namespace PandaMcp.Clients.Tests;

/// <summary>The client tests share one gateway and emulator (<see cref="GatewayFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class ClientsCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "clients";
}
