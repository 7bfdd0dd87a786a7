using System.Net;
using PandaMcp.Gateway;
using PandaMcp.Silo;
using PandaMcp.Silo.Hosting;

namespace PandaMcp.Operations.Tests;

/// <summary>The probes Kubernetes calls: startup (joined the cluster), ready (may get work), live (the process answers).</summary>
[Collection(OperationsCollection.Name)]
public sealed class HealthTests(GatewayFixture gateway)
{
    /// <summary>Nothing is called on it: the probes must not depend on PanDA.</summary>
    private static readonly Uri UnusedPanda = new("https://panda.invalid/api/v1");

    [Theory]
    [InlineData(HealthEndpoints.StartupPath)]
    [InlineData(HealthEndpoints.ReadyPath)]
    [InlineData(HealthEndpoints.LivePath)]
    public async Task AllInOneGateway_AnswersEveryProbe(string path)
    {
        Assert.Equal(HttpStatusCode.OK, await Probe.StatusAsync(gateway.Http, gateway.McpUrl, path));
    }

    [Fact]
    public async Task Ready_Is503WhileStopping_WhileLiveStays200()
    {
        await using var app = GatewayApp.Create(GatewayArguments.For(UnusedPanda, "http://127.0.0.1:0", "--PandaMcp:Shutdown:DrainDelay=00:00:05"));
        await app.StartAsync();
        var address = Probe.HttpAddress(app);
        Assert.Equal(HttpStatusCode.OK, await Probe.StatusAsync(gateway.Http, address, HealthEndpoints.ReadyPath));

        var stopping = app.StopAsync();
        await Probe.UntilAsync(gateway.Http, address, HealthEndpoints.ReadyPath, HttpStatusCode.ServiceUnavailable);
        var live = await Probe.StatusAsync(gateway.Http, address, HealthEndpoints.LivePath);
        await stopping;

        Assert.Equal(HttpStatusCode.OK, live);
    }

    [Fact]
    public async Task ClusterClientGateway_IsReadyWithASilo_AndNotWhenTheSiloStops()
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        string[] cluster = [$"--PandaMcp:Cluster:SiloPort={siloPort}", $"--PandaMcp:Cluster:GatewayPort={gatewayPort}", $"--PANDA_API_URL_SSL={UnusedPanda}"];
        await using var silo = SiloApp.Create(["--urls=http://127.0.0.1:0", .. cluster]);
        await silo.StartAsync();
        await using var client = GatewayApp.Create(["--urls=http://127.0.0.1:0", "--PandaMcp:Gateway:HostSilo=false", .. cluster]);
        await client.StartAsync();
        var siloAddress = Probe.HttpAddress(silo);
        var clientAddress = Probe.HttpAddress(client);

        foreach (var path in new[] { HealthEndpoints.StartupPath, HealthEndpoints.ReadyPath, HealthEndpoints.LivePath })
        {
            Assert.Equal(HttpStatusCode.OK, await Probe.StatusAsync(gateway.Http, siloAddress, path));
            Assert.Equal(HttpStatusCode.OK, await Probe.StatusAsync(gateway.Http, clientAddress, path));
        }

        await silo.StopAsync();

        await Probe.UntilAsync(gateway.Http, clientAddress, HealthEndpoints.ReadyPath, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, await Probe.StatusAsync(gateway.Http, clientAddress, HealthEndpoints.LivePath));
        await client.StopAsync();
    }
}
