namespace PandaEmulator.Tests;

/// <summary>An emulator for one test class (or collection), started once and stopped after.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private RunningEmulator? _emulator;

    public RunningEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    public PandaTestClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorApp.StartAsync();
        Client = new PandaTestClient(_emulator);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
