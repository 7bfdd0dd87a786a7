namespace PandaMcp.Benchmark;

/// <summary>Addresses of the servers the benchmark starts, all on the loopback interface.</summary>
public static class Loopback
{
    public static Uri Url(int port) => new($"http://127.0.0.1:{port}/");

    /// <summary>The scheme, host and port of <paramref name="url"/>, as <c>--urls</c> takes it.</summary>
    public static string Authority(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
