namespace PandaEmulator.State;

/// <summary>
/// Holds the current <see cref="World"/>. A reset swaps in a freshly seeded one, so a request in flight keeps
/// working on the world it started with.
/// </summary>
internal sealed class EmulatorState(TimeProvider time)
{
    private volatile World _world = SeedData.Build(time.GetUtcNow().UtcDateTime);

    public World World => _world;

    public void Reset() => _world = SeedData.Build(time.GetUtcNow().UtcDateTime);
}
