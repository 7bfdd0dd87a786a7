using PandaMcp.Clients;

namespace PandaMcp.StdioBridge;

/// <summary>
/// <c>panda-mcp-bridge login</c>: the OAuth 2.0 device flow against the VO's identity provider that PanDA's auth
/// configuration names, as PanDA's get_panda_token does. It prints the URL to open, polls at the interval the provider
/// asks for (slower when told slow_down), and writes the whole token response to the token file (0600).
/// </summary>
internal static class BridgeLogin
{
    public const string HttpClientName = "panda-auth";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const int ExitFailed = 1;

    public static async Task<int> RunAsync(BridgeOptions options, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout };
        var vo = BridgeHostingExtensions.VoName(options.Vo);
        var auth = new PandaAuthClient(http, options.PandaUrl, vo);
        try
        {
            var device = await auth.StartDeviceAsync(cancellationToken);
            Console.WriteLine($"To log in to PanDA (VO {vo}), open {device.VerificationUrl} and approve the code {device.UserCode}.");
            var interval = TimeSpan.FromSeconds(device.IntervalSeconds);
            while (true)
            {
                await Task.Delay(interval, cancellationToken);
                var answer = await auth.PollDeviceAsync(device.DeviceCode, cancellationToken);
                switch (answer.Error)
                {
                    case null:
                        await TokenResponseFile.WriteAsync(options.TokenFile, answer.ResponseJson!, cancellationToken);
                        Console.WriteLine($"Logged in: the ID and refresh tokens are in {options.TokenFile}.");
                        return BridgeApp.ExitSuccess;
                    case "authorization_pending":
                        continue;
                    case "slow_down":
                        // RFC 8628 3.5: wait 5 seconds longer from now on.
                        interval += TimeSpan.FromSeconds(5);
                        continue;
                    case "access_denied":
                        return Fail("the login was denied in the browser.");
                    case "expired_token":
                        return Fail("the code expired before it was approved: run login again.");
                    default:
                        return Fail($"the identity provider refused the login ({answer.Error}).");
                }
            }
        }
        catch (LoginException e)
        {
            return Fail(e.Message);
        }
    }

    private static int Fail(string why)
    {
        Console.Error.WriteLine($"{BridgeIdentity.Name} login: {OneLine.Of(why)}");
        return ExitFailed;
    }
}
