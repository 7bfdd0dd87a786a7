using System.Net;
using PandaMcp.Catalog;

namespace PandaEmulator.Tests;

[Collection(SharedEmulatorCollection.Name)]
public sealed class RoutingTests(EmulatorFixture fixture)
{
    private readonly PandaTestClient _client = fixture.Client;

    [Theory]
    [InlineData("/api/v1/task/no_such_function", "ERROR : method no_such_function is forbidden")]
    [InlineData("/api/v1/no_such_module/get_status", "ERROR : method get_status is forbidden")]
    [InlineData("/api/latest/task/get_status", "ERROR : method get_status is forbidden")]
    [InlineData("/api/v2/task/get_status", "ERROR : method get_status is forbidden")]
    [InlineData("/api/v1/credential_management/get_proxy", "ERROR : method get_proxy is forbidden")]
    [InlineData("/api/v1/task/get_status/", "ERROR : method  is forbidden")]
    [InlineData("/api/v1/task", "ERROR : method  is forbidden")]
    public async Task Route_Forbidden403Text_WhenNotAnApiV1Function(string path, string expected)
    {
        var answer = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("text/plain", answer.ContentType);
        Assert.Equal(expected, answer.Body);
    }

    [Fact]
    public async Task Route_NotFound_OutsideApi()
    {
        var answer = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/server/other/is_alive"));

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
    }

    [Fact]
    public async Task IsAlive_PythonRepr_WhenJsonNotAsked()
    {
        var answer = await _client.GetAsync("system/is_alive", json: false);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("text/plain", answer.ContentType);
        Assert.Equal("{'success': True, 'message': '', 'data': None}", answer.Body);
    }

    [Fact]
    public async Task IsAlive_JsonWithPythonSeparators_WhenAcceptIsJson()
    {
        var answer = await _client.GetAsync("system/is_alive");

        Assert.Equal("text/plain", answer.ContentType);
        Assert.Equal("{\"success\": true, \"message\": \"\", \"data\": null}", answer.Body);
    }

    [Fact]
    public async Task IsAlive_Json_WhenContentTypeIsJson()
    {
        var request = _client.Request(HttpMethod.Get, "system/is_alive", json: false);
        request.Content = new StringContent("");
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var answer = await _client.SendAsync(request);

        Assert.Equal("{\"success\": true, \"message\": \"\", \"data\": null}", answer.Body);
    }

    [Fact]
    public async Task IsAlive_Repr_WhenAcceptIsNotExactlyJson()
    {
        var request = _client.Request(HttpMethod.Get, "system/is_alive", json: false);
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/plain");

        var answer = await _client.SendAsync(request);

        Assert.StartsWith("{'success': True", answer.Body);
    }

    [Fact]
    public async Task EveryCatalogRoute_AnswersLikePanda_ForAnAnonymousGet()
    {
        var catalog = PandaCatalog.LoadEmbedded();
        Assert.Equal(108, catalog.Endpoints.Count);
        foreach (var endpoint in catalog.Endpoints)
        {
            var answer = await _client.GetAsync(endpoint.Path, json: false);

            Assert.True(answer.Status == HttpStatusCode.OK, $"{endpoint.Path}: {answer.Status} {answer.Body}");
            if (endpoint.Secure)
            {
                Assert.Equal("{'success': False, 'message': 'SSL secure connection is required', 'data': None}", answer.Body);
            }
            else if (endpoint.Envelope)
            {
                Assert.StartsWith("{'success': ", answer.Body);
            }
        }
    }

    [Fact]
    public async Task UndecoratedHelper_IsRoutable_AndFails500()
    {
        var answer = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/idds/decode_idds_enum"));

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("argument of type 'PandaRequest' is not iterable", answer.Body);
    }
}
