namespace PandaEmulator.Tests;

/// <summary>Tests that only read share one emulator; tests that change state use their own.</summary>
[CollectionDefinition(Name)]
public sealed class SharedEmulatorCollection : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "shared emulator";
}
