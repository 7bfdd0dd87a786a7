using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using PandaMcp.Gateway;

namespace PandaMcp.Operations.Tests;

/// <summary>The Orleans dashboard is off by default, and once enabled it answers only to its credentials.</summary>
[Collection(OperationsCollection.Name)]
public sealed class DashboardTests(GatewayFixture gateway)
{
    private const string Password = "a-long-dashboard-password";

    [Fact]
    public async Task Dashboard_IsNotServed_ByDefault()
    {
        Assert.Equal(HttpStatusCode.NotFound, await Probe.StatusAsync(gateway.Http, gateway.McpUrl, "/dashboard/"));
    }

    [Fact]
    public async Task EnabledDashboard_AnswersOnlyToItsCredentials()
    {
        await using var app = CreateWithDashboard($"--PandaMcp:Dashboard:Password={Password}", "--PandaMcp:Dashboard:PathPrefix=/ops/dashboard");
        await app.StartAsync();
        var page = new Uri(Probe.HttpAddress(app), "/ops/dashboard/");

        using var anonymous = await gateway.Http.GetAsync(page);
        var wrong = await GetWithBasicAsync(page, "admin", "not-the-password-at-all");
        var right = await GetWithBasicAsync(page, "admin", Password);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal(HttpStatusCode.OK, right);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("--PandaMcp:Dashboard:Password=short")]
    public void EnabledDashboard_WithoutAStrongPassword_StopsStartUp(string password)
    {
        var error = Assert.Throws<OptionsValidationException>(() => CreateWithDashboard(password));

        Assert.Contains("Password", error.Message);
    }

    private static WebApplication CreateWithDashboard(params string[] more) =>
        GatewayApp.Create(GatewayArguments.For(
            new Uri("https://panda.invalid/api/v1"), "http://127.0.0.1:0", ["--PandaMcp:Dashboard:Enabled=true", .. more.Where(m => m.Length > 0)]));

    private async Task<HttpStatusCode> GetWithBasicAsync(Uri page, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, page);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await gateway.Http.SendAsync(request);
        return response.StatusCode;
    }
}
