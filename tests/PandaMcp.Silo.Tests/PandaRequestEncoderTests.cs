using System.Text.Json;
using PandaMcp.Contracts;
using PandaMcp.Silo.Panda;

namespace PandaMcp.Silo.Tests;

public sealed class PandaRequestEncoderTests
{
    private static readonly Uri BaseUrl = new("https://panda.example:25443/api/v1/");

    private static PandaCall Call(string method, PandaEncoding encoding, string arguments, PandaCredentials? credentials = null) =>
        new("job", "get_status", method, encoding, arguments, credentials ?? PandaCredentials.Anonymous);

    [Fact]
    public void QueryString_RepeatsListKeys_WritesPythonBooleans_AndLeavesOutNulls()
    {
        using var arguments = JsonDocument.Parse("""{"job_ids": [1, 2], "full": true, "only": false, "dn": null, "since": "2026-01-01 10:00"}""");
        Assert.Equal("?job_ids=1&job_ids=2&full=True&only=False&since=2026-01-01%2010%3A00",
            PandaRequestEncoder.QueryString(arguments.RootElement));
    }

    [Fact]
    public async Task Encode_SendsGetsWithJsonHeaders_AndNoBody()
    {
        using var request = PandaRequestEncoder.Encode(BaseUrl, Call("GET", PandaEncoding.Query, """{"job_ids": [7]}"""));
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://panda.example:25443/api/v1/job/get_status?job_ids=7", request.RequestUri!.ToString());
        Assert.Equal("application/json", request.Headers.Accept.Single().MediaType);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.ToString());
        Assert.Empty(await request.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Encode_SendsPostsAsAJsonObject()
    {
        using var request = PandaRequestEncoder.Encode(BaseUrl, Call("POST", PandaEncoding.Json, """{"job_ids":[7],"code":9}"""));
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://panda.example:25443/api/v1/job/get_status", request.RequestUri!.ToString());
        Assert.Equal("""{"job_ids":[7],"code":9}""", await request.Content!.ReadAsStringAsync());
        Assert.Equal("application/json", request.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public void Encode_CarriesTheCallersCredentials_AndNoneWhenThereAreNone()
    {
        using var withToken = PandaRequestEncoder.Encode(BaseUrl,
            Call("GET", PandaEncoding.Query, "{}", new PandaCredentials("Bearer abc.def.ghi", "atlas:production")));
        Assert.Equal("Bearer abc.def.ghi", withToken.Headers.GetValues("Authorization").Single());
        Assert.Equal("atlas:production", withToken.Headers.GetValues("Origin").Single());

        using var anonymous = PandaRequestEncoder.Encode(BaseUrl, Call("GET", PandaEncoding.Query, "{}"));
        Assert.False(anonymous.Headers.Contains("Authorization"));
        Assert.False(anonymous.Headers.Contains("Origin"));
    }

    [Fact]
    public void Credentials_NeverShowInText()
    {
        var credentials = new PandaCredentials("Bearer secret-token", "atlas");
        Assert.DoesNotContain("secret-token", credentials.ToString());
        Assert.DoesNotContain("secret-token", Call("GET", PandaEncoding.Query, "{}", credentials).ToString());
        Assert.DoesNotContain("hunter2", Call("POST", PandaEncoding.Json, """{"value":"hunter2"}""").ToString());
        Assert.DoesNotContain("proxy-secret", new PandaReply(200, "proxy-secret").ToString());
    }
}
