using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using PandaEmulator;
using PandaMcp.Testing;

namespace PandaMcp.Security.Tests;

/// <summary>
/// ID tokens are checked before the gateway trusts who a caller is: each kind of bad token gets 401 with what is
/// wrong, before any grain or PanDA call; a forged token carrying a victim's claims gets nothing of the victim's
/// session, its replayable streams or its legacy stream.
/// </summary>
public sealed class TokenVerificationTests(TokenVerificationTests.Gateway fixture) : IClassFixture<TokenVerificationTests.Gateway>
{
    private const string Route = "system/get_user_attributes";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TestGateway _gateway = fixture.Gateway;

    /// <summary>Legacy SSE as well as Streamable HTTP; every session call answered on a stream, whose events can be replayed.</summary>
    public sealed class Gateway() : SharedTestGateway("--PandaMcp:Gateway:Transport=sse", "--PandaMcp:Sessions:AnswerWithin=00:00:00");

    public static TheoryData<string, string> BadTokens => new()
    {
        { "forged signature", "signature does not verify" },
        { "expired", "expired at" },
        { "not valid yet", "not valid before" },
        { "another issuer", "not issued by the identity provider of VO 'atlas'" },
        { "another audience", "not meant for PanDA" },
        { "alg none", "signature does not verify" },
        { "not a JWT", "not a JWT" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ABadToken_Gets401SayingWhatIsWrong_AndPandaIsNotCalled(string kind, string problem)
    {
        var before = await _gateway.PandaRequestCountAsync(Route);

        using var response = await _gateway.Http.SendAsync(_gateway.ToolCall("system_get_user_attributes", token: BadToken(kind), origin: "atlas"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter);
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString();
        Assert.Contains(problem, message);
        Assert.Equal(before, await _gateway.PandaRequestCountAsync(Route));
    }

    [Fact]
    public async Task AGenuineToken_IsServed_AndACallWithoutOneStaysAnonymous()
    {
        var (genuineError, genuine) = await _gateway.CallToolAsync("system_get_user_attributes", token: TokenIssuer.Mint("alice"), origin: "atlas");
        var (anonymousError, anonymous) = await _gateway.CallToolAsync("system_get_user_attributes");

        Assert.False(genuineError, genuine);
        Assert.Contains("nickname:alice", genuine);
        Assert.True(anonymousError);
        Assert.Contains("SSL secure connection is required", anonymous);
    }

    [Fact]
    public async Task AForgedTokenWithTheVictimsClaims_CannotUseResumeOrEndTheVictimsSession()
    {
        var mcp = _gateway.McpUrl;
        using var http = new HttpClient();
        var victim = await RawMcpSession.StartAsync(http, mcp, "Bearer " + TokenIssuer.Mint("alice"));
        string firstEventId;
        await using (var stream = await victim.RequestAsync(mcp, 1, "tools/call", new { name = "system_get_user_attributes", arguments = new { } }))
        {
            firstEventId = (await stream.NextAsync(Patience))!.Value.EventId!;
            await stream.ResponseToAsync(1, Patience);
        }
        // Alice's issuer, subject and claims, signed with a key of the attacker's.
        var attacker = new RawMcpSession(http, victim.SessionId, "Bearer " + TokenIssuer.WithNewKey(TokenIssuer.KeyId).Issue("alice"));

        await using var replay = await attacker.ResumeAsync(mcp, firstEventId);
        await using var listen = await attacker.OpenStreamAsync(mcp);
        using var call = await attacker.SendAsync(mcp, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"system_is_alive","arguments":{}}}""");
        using var end = await attacker.DeleteAsync(mcp);

        Assert.All([replay.Response, listen.Response, call, end], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.DoesNotContain("nickname:alice", replay.Body);
        await using var ownReplay = await victim.ResumeAsync(mcp, firstEventId);
        var (answer, _) = await ownReplay.ResponseToAsync(1, Patience);
        Assert.Contains("nickname:alice", answer.ToString());
    }

    [Fact]
    public async Task AForgedTokenWithTheVictimsClaims_CannotPostToTheVictimsLegacyStream()
    {
        using var http = new HttpClient();
        await using var legacy = await OpenLegacyStreamAsync(http, TokenIssuer.Mint("alice"));
        var endpoint = (await legacy.NextAsync(Patience))!.Value;
        var forged = TokenIssuer.WithNewKey(TokenIssuer.KeyId).Issue("alice");

        await using var attackersStream = await OpenLegacyStreamAsync(http, forged);
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(_gateway.McpUrl, endpoint.Data))
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"system_get_user_attributes","arguments":{}}}""", Encoding.UTF8, "application/json"),
        };
        post.Headers.Authorization = new("Bearer", forged);
        post.Headers.Add("Origin", "atlas");
        using var posted = await http.SendAsync(post);

        Assert.Equal("endpoint", endpoint.EventType);
        Assert.Equal(HttpStatusCode.Unauthorized, attackersStream.Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, posted.StatusCode);
    }

    private async Task<SseStream> OpenLegacyStreamAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_gateway.McpUrl, "/sse"));
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("Origin", "atlas");
        return await SseStream.OpenAsync(await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
    }

    private static string BadToken(string kind) => kind switch
    {
        "forged signature" => TokenIssuer.WithNewKey(TokenIssuer.KeyId).Issue("alice"),
        "expired" => TokenIssuer.Mint("alice", ttl: TimeSpan.FromMinutes(-10)),
        "not valid yet" => new TokenIssuer().Issue("alice", notBefore: DateTimeOffset.UtcNow.AddMinutes(10)),
        "another issuer" => new TokenIssuer(issuer: "https://elsewhere.example/").Issue("alice"),
        "another audience" => new TokenIssuer(audience: "another-client").Issue("alice"),
        "alg none" => Unsigned(),
        _ => "garbage",
    };

    /// <summary>A token that says it needs no signature (<c>alg: none</c>), with every claim a genuine one has.</summary>
    private static string Unsigned()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = JsonSerializer.Serialize(new
        {
            iss = TokenIssuer.DefaultIssuer,
            aud = TokenIssuer.DefaultAudience,
            sub = "alice",
            groups = new[] { "atlas" },
            iat = now,
            exp = now + 3600,
        });
        return $"{Segment("""{"alg":"none","typ":"JWT"}""")}.{Segment(claims)}.";
    }

    private static string Segment(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
