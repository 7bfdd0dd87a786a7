using System.Net;
using PandaEmulator.Auth;

namespace PandaEmulator.Tests;

[Collection(SharedEmulatorCollection.Name)]
public sealed class AuthTests(EmulatorFixture fixture)
{
    private const string Failed = "ERROR : Token authentication failed. ";
    private readonly PandaTestClient _client = fixture.Client;

    [Fact]
    public async Task ValidToken_SatisfiesSecure_OnPlainHttp()
    {
        var answer = await _client.GetAsync("task/get_status", $"task_id={Seed.RunningTaskOfAlice}", PandaTestClient.Token());

        Assert.True(answer.Success);
        Assert.Equal("running", answer.Data.GetString());
    }

    [Fact]
    public async Task ExpiredToken_Is403()
    {
        var token = TokenIssuer.Mint("alice", ttl: TimeSpan.FromMinutes(-5));

        var answer = await _client.GetAsync("system/is_alive", token: token);

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("text/plain", answer.ContentType);
        Assert.Equal(Failed + "Invalid token. Signature has expired", answer.Body);
    }

    [Fact]
    public async Task TokenSignedWithAnotherKey_Is403()
    {
        var token = TokenIssuer.WithNewKey(TokenIssuer.KeyId).Issue("alice");

        var answer = await _client.GetAsync("system/is_alive", token: token);

        Assert.Equal(Failed + "Invalid token. Signature verification failed", answer.Body);
    }

    [Fact]
    public async Task TokenFromAnotherIssuer_Is403()
    {
        var token = new TokenIssuer(issuer: "https://elsewhere.example/").Issue("alice");

        var answer = await _client.GetAsync("system/is_alive", token: token);

        Assert.Equal(Failed + "Invalid token. failed to decode: Invalid issuer", answer.Body);
    }

    [Fact]
    public async Task MalformedToken_Is403()
    {
        var answer = await _client.GetAsync("system/is_alive", token: "garbage");

        Assert.Equal(Failed + "Invalid token. Not enough segments", answer.Body);
    }

    [Fact]
    public async Task UnknownVo_Is403()
    {
        var answer = await _client.GetAsync("system/is_alive", token: PandaTestClient.Token(), origin: "cms");

        Assert.Equal(Failed + "Unknown vo : cms", answer.Body);
    }

    [Fact]
    public async Task MissingOrigin_Is403()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/system/is_alive");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {PandaTestClient.Token()}");

        var answer = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.StartsWith(Failed + "Token decode failure. 'NoneType' object has no attribute 'replace'", answer.Body);
    }

    [Fact]
    public async Task ProductionRole_NeedsTheGroup()
    {
        var answer = await _client.GetAsync("system/is_alive", token: PandaTestClient.Token(), origin: "atlas:production");

        Assert.Equal(Failed + "Not a member of the atlas/production group", answer.Body);
    }

    [Theory]
    [InlineData("atlas:production")]
    [InlineData("atlas.production")]
    public async Task ProductionRole_ComesFromOriginAndGroups(string origin)
    {
        var answer = await _client.GetAsync("system/get_user_attributes", token: PandaTestClient.Token("prodmanager", production: true), origin: origin);

        Assert.True(answer.Data.GetProperty("is_production_user").GetBoolean());
        Assert.Equal("/atlas/Role=production", answer.Data.GetProperty("fqans")[0].GetString());
    }

    [Fact]
    public async Task ProductionGroup_WithoutRoleInOrigin_IsNoProductionRole()
    {
        var answer = await _client.GetAsync("system/get_user_attributes", token: PandaTestClient.Token("prodmanager", production: true));

        Assert.False(answer.Data.GetProperty("is_production_user").GetBoolean());
        Assert.Equal("Prodmanager/CN=nickname:prodmanager", answer.Data.GetProperty("user_dn_raw").GetString());
    }

    [Fact]
    public async Task AuthorizationWithoutToken_ProceedsAnonymously()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/task/get_status?task_id=1");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer");

        var answer = await _client.SendAsync(request);

        Assert.Equal("{'success': False, 'message': 'SSL secure connection is required', 'data': None}", answer.Body);
    }

    [Fact]
    public async Task XAuthToken_IsIgnored()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/task/get_status?task_id=1");
        request.Headers.TryAddWithoutValidation("X-Auth-Token", PandaTestClient.Token());
        request.Headers.TryAddWithoutValidation("Origin", "atlas");

        var answer = await _client.SendAsync(request);

        Assert.Contains("SSL secure connection is required", answer.Body);
    }

    [Fact]
    public async Task BannedUser_Is403()
    {
        var answer = await _client.GetAsync("system/is_alive", token: PandaTestClient.Token(Seed.BannedUser));

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("ERROR : mallory is banned", answer.Body);
    }

    [Fact]
    public async Task MintTokenCommand_PrintsATokenTheEmulatorAccepts()
    {
        using var output = new StringWriter();
        var code = MintTokenCommand.Run(["--sub", "alice", "--vo", "atlas", "--production", "--ttl", "600"], output, TextWriter.Null);

        var answer = await _client.GetAsync("system/get_user_attributes", token: output.ToString().Trim(), origin: "atlas:production");

        Assert.Equal(0, code);
        Assert.True(answer.Data.GetProperty("is_production_user").GetBoolean());
    }

    [Fact]
    public void MintTokenCommand_RequiresASub()
    {
        Assert.Equal(2, MintTokenCommand.Run(["--vo", "atlas"], TextWriter.Null, TextWriter.Null));
    }
}
