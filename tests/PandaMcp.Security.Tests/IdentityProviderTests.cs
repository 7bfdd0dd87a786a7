using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PandaEmulator;
using PandaMcp.Testing;

namespace PandaMcp.Security.Tests;

/// <summary>
/// The gateway follows the VO's identity provider: keys it rotates in are accepted once read, keys it retires are
/// refused once read again, and while it is down, tokens get 503 until it is back (keys already read keep working).
/// Each test has a gateway and an emulator of its own: it changes the provider's keys or takes it down.
/// </summary>
public sealed class IdentityProviderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AKeyRotatedIn_IsAcceptedOnceRead_AndOneRotatedOut_IsRefusedOnceTheKeysAreReadAgain()
    {
        await using var gateway = await TestGateway.StartAsync("--PandaMcp:Identity:UnknownKeyRefreshInterval=00:00:01");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(gateway, TokenIssuer.Mint("alice")));

        using (var rotated = await gateway.Http.PostAsync(new Uri(gateway.Emulator.Address, "/_emulator/identity/keys"), null))
        {
            rotated.EnsureSuccessStatusCode();
        }
        var signedWithTheNewKey = await MintAsync(gateway, "alice");
        await Wait.UntilAsync(async _ => await StatusAsync(gateway, signedWithTheNewKey) == HttpStatusCode.OK, Patience,
            "a token signed with the key rotated in is accepted");
        using (var retired = await gateway.Http.DeleteAsync(new Uri(gateway.Emulator.Address, $"/_emulator/identity/keys/{TokenIssuer.KeyId}")))
        {
            retired.EnsureSuccessStatusCode();
        }
        await Wait.UntilAsync(async _ =>
        {
            // A key nobody published makes the gateway read the keys again.
            await StatusAsync(gateway, TokenIssuer.WithNewKey("never-published").Issue("mallory"));
            // A token of its own each time: one the gateway verified before is trusted for a few minutes.
            return await StatusAsync(gateway, TokenIssuer.Mint($"alice-{Guid.NewGuid():N}")) == HttpStatusCode.Unauthorized;
        }, Patience, "a token signed with the retired key is refused");

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(gateway, await MintAsync(gateway, "bob")));
    }

    [Fact]
    public async Task WhileTheProviderIsDown_ATokenGets503_ItWorksWhenItIsBack_AndKeysAlreadyReadKeepWorking()
    {
        await using var gateway = await TestGateway.StartAsync("--PandaMcp:Identity:UnknownKeyRefreshInterval=00:00:01");
        try
        {
            await SetAvailableAsync(gateway, false);
            using var refused = await gateway.Http.SendAsync(gateway.ToolCall("system_get_user_attributes", token: TokenIssuer.Mint("alice"), origin: "atlas"));
            var (anonymousError, _) = await gateway.CallToolAsync("system_is_alive");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Contains("could not be reached", await refused.Content.ReadAsStringAsync());
            Assert.False(anonymousError);

            await SetAvailableAsync(gateway, true);
            await Wait.UntilAsync(async _ => await StatusAsync(gateway, TokenIssuer.Mint($"alice-{Guid.NewGuid():N}")) == HttpStatusCode.OK, Patience,
                "tokens are accepted once the provider is back");
            await SetAvailableAsync(gateway, false);

            Assert.Equal(HttpStatusCode.OK, await StatusAsync(gateway, TokenIssuer.Mint($"bob-{Guid.NewGuid():N}")));
        }
        finally
        {
            await SetAvailableAsync(gateway, true);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(TestGateway gateway, string token)
    {
        using var response = await gateway.Http.SendAsync(gateway.ToolCall("system_get_user_attributes", token: token, origin: "atlas"));
        return response.StatusCode;
    }

    /// <summary>A token the emulator signs with its current key.</summary>
    private static async Task<string> MintAsync(TestGateway gateway, string user)
    {
        using var response = await gateway.Http.PostAsJsonAsync(new Uri(gateway.Emulator.Address, "/_emulator/identity/tokens"), new { sub = user });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
    }

    private static async Task SetAvailableAsync(TestGateway gateway, bool available)
    {
        using var response = await gateway.Http.PostAsJsonAsync(new Uri(gateway.Emulator.Address, "/_emulator/identity/availability"), new { available });
        response.EnsureSuccessStatusCode();
    }
}
