namespace PandaMcp.Security.Tests;

/// <summary>
/// One <see cref="TestGateway"/> for all the tests of a class (an xunit class fixture), configured by a subclass:
/// a host per test would cost seconds each, and ASP.NET's rate-limiting middleware keeps a stopped host in memory.
/// </summary>
public abstract class SharedTestGateway(params string[] args) : IAsyncLifetime
{
    public TestGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await TestGateway.StartAsync(args);

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
