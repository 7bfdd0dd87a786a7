namespace PandaMcp.Testing;

/// <summary>The command line of an all-in-one test gateway: its URLs, PanDA at the emulator, free Orleans ports.</summary>
public static class GatewayArguments
{
    public static string[] For(Uri pandaApiBaseUrl, string urls, params string[] more) =>
    [
        $"--urls={urls}",
        $"--PANDA_API_URL_SSL={pandaApiBaseUrl}",
        $"--PandaMcp:Cluster:SiloPort={FreePort.Next()}",
        $"--PandaMcp:Cluster:GatewayPort={FreePort.Next()}",
        .. more,
    ];
}
