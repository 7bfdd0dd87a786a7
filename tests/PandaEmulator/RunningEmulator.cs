using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace PandaEmulator;

/// <summary>An emulator started by <see cref="EmulatorApp.StartAsync"/>; dispose it to stop it.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    internal RunningEmulator(WebApplication app)
    {
        App = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        ApiBaseUrl = new Uri(Address, "api/v1");
    }

    /// <summary>The running application (its services, its configuration).</summary>
    public WebApplication App { get; }

    /// <summary>Where the emulator listens, e.g. <c>http://127.0.0.1:41235/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The PanDA API base, <c>http://127.0.0.1:&lt;port&gt;/api/v1</c>, as PanDA clients configure PANDA_API_URL.</summary>
    public Uri ApiBaseUrl { get; }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
