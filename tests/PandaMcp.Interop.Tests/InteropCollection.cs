using PandaMcp.Testing;

namespace PandaMcp.Interop.Tests;

/// <summary>
/// One emulator and gateway for all interop tests, which run one after another: they read the emulator's request
/// log and one of them slows a PanDA route down.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InteropCollection : ICollectionFixture<DefaultsGatewayFixture>
{
    public const string Name = "interop";
}
