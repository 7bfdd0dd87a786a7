using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PandaEmulator;
using PandaMcp.StdioBridge;

namespace PandaMcp.Clients.Tests;

/// <summary>Reading the token file: raw or get_panda_token's JSON, again after each change, never an expired token.</summary>
public sealed class IdTokenFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"panda-id-token-{Guid.NewGuid():N}");

    [Fact]
    public void RawToken_IsSent_WithoutItsLineBreak()
    {
        var token = TokenIssuer.Mint(Seed.Alice);
        File.WriteAllText(_path, token + "\n");

        var state = Tokens().Current();

        Assert.Equal((token, null, null), (state.Token, state.Problem, state.RefreshToken));
        Assert.NotNull(state.Expiry);
    }

    [Fact]
    public void GetPandaTokensJson_GivesItsIdToken_AndItsRefreshToken()
    {
        var token = TokenIssuer.Mint(Seed.Alice);
        File.WriteAllText(_path, JsonSerializer.Serialize(new { access_token = "a", id_token = token, refresh_token = "r", expires_in = 900 }));

        var state = Tokens().Current();

        Assert.Equal((token, "r"), (state.Token, state.RefreshToken));
    }

    [Fact]
    public void ChangedFile_IsReadAgain()
    {
        var tokens = Tokens();
        File.WriteAllText(_path, TokenIssuer.Mint(Seed.Alice));
        var first = tokens.Current().Token;
        var bob = TokenIssuer.Mint(Seed.Bob);
        File.WriteAllText(_path, bob);

        Assert.NotEqual(bob, first);
        Assert.Equal(bob, tokens.Current().Token);
    }

    [Fact]
    public void ExpiredToken_IsNotSent_AndSaysWhen()
    {
        File.WriteAllText(_path, TokenIssuer.Mint(Seed.Alice, ttl: TimeSpan.FromMinutes(-5)));

        var state = Tokens().Current();

        Assert.Null(state.Token);
        Assert.StartsWith($"the ID token in {_path} expired at ", state.Problem);
    }

    [Fact]
    public void TokenWithoutExpiry_IsSent_ForPandaToJudge()
    {
        File.WriteAllText(_path, "opaque-token");

        Assert.Equal("opaque-token", Tokens().Current().Token);
    }

    [Theory]
    [InlineData(null, "does not exist")]
    [InlineData("", "is empty")]
    [InlineData("  \n", "is empty")]
    [InlineData("{\"refresh_token\": \"r\"}", "holds neither an ID token nor JSON with an id_token")]
    [InlineData("{not json", "holds neither an ID token nor JSON with an id_token")]
    public void NoUsableToken_SaysWhy(string? content, string problem)
    {
        if (content is not null)
        {
            File.WriteAllText(_path, content);
        }

        var state = Tokens().Current();

        Assert.Null(state.Token);
        Assert.Equal($"{_path} {problem}", state.Problem);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig")]
    public void JwtExpiry_IsNull_WithoutAReadableExp(string token) => Assert.Null(JwtExpiry.Read(token));

    [Fact]
    public void JwtExpiry_IsTheExpClaim()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        Assert.Equal(now.AddHours(1), JwtExpiry.Read(new TokenIssuer().Issue(Seed.Alice, now: now)));
    }

    private IdTokenFile Tokens() =>
        new(Options.Create(new BridgeOptions { TokenFile = _path }), TimeProvider.System, NullLogger<IdTokenFile>.Instance);

    public void Dispose() => File.Delete(_path);
}
