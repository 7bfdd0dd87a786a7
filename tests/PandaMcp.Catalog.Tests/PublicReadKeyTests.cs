using System.Text.Json;
using PandaMcp.Catalog;

namespace PandaMcp.Catalog.Tests;

/// <summary>Calls meaning the same thing to PanDA name the same public question; calls meaning different things do not.</summary>
public sealed class PublicReadKeyTests
{
    private static readonly PandaCatalog Catalog = PandaCatalog.LoadEmbedded();

    [Fact]
    public void PublicReads_AreTheCatalogsReadsThatNeedNoCredentials()
    {
        var publicReads = Catalog.Endpoints.Where(e => e.IsPublicRead).Select(e => e.ToolName).Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "job_generate_offline_execution_script",
                "metaconfig_get_site_specs",
                "statistics_active_job_detailed_stats_by_site",
                "statistics_active_job_stats_by_site",
                "statistics_job_stats_by_cloud",
                "statistics_job_stats_by_site_and_resource_type",
                "statistics_job_stats_by_site_share_and_resource_type",
                "statistics_production_job_stats_by_cloud_and_processing_type",
                "system_is_alive",
            ],
            publicReads);
    }

    [Theory]
    // The default named, or left out.
    [InlineData("statistics", "job_stats_by_cloud", "{}", """{"type":"production"}""")]
    // Names in any order; null is the default, as PanDA's client leaves it out of the query.
    [InlineData("job", "generate_offline_execution_script", """{"job_id":7,"days":null}""", """{"job_id":7}""")]
    [InlineData("job", "generate_offline_execution_script", """{"days":3,"job_id":7}""", """{"job_id":7,"days":3}""")]
    public void CallsMeaningTheSame_NameOneQuestion(string module, string function, string one, string other) =>
        Assert.Equal(Key(module, function, one), Key(module, function, other));

    [Theory]
    [InlineData("statistics", "job_stats_by_cloud", "{}", """{"type":"analysis"}""")]
    [InlineData("job", "generate_offline_execution_script", """{"job_id":7}""", """{"job_id":8}""")]
    [InlineData("statistics", "job_stats_by_site_and_resource_type", "{}", """{"time_window":60}""")]
    // Integers beyond a double's precision stay apart.
    [InlineData("job", "generate_offline_execution_script", """{"job_id":9007199254740993}""", """{"job_id":9007199254740992}""")]
    public void CallsMeaningDifferentThings_NameDifferentQuestions(string module, string function, string one, string other) =>
        Assert.NotEqual(Key(module, function, one), Key(module, function, other));

    [Fact]
    public void AKey_NamesTheEndpoint()
    {
        Assert.Equal("""statistics/job_stats_by_cloud?{"type":"production"}""", Key("statistics", "job_stats_by_cloud", "{}"));
        Assert.NotEqual(Key("statistics", "active_job_stats_by_site", "{}"), Key("statistics", "active_job_detailed_stats_by_site", "{}"));
    }

    private static string Key(string module, string function, string argumentsJson)
    {
        var endpoint = Catalog.Find(module, function)!;
        // As the gateway does: the arguments checked first, then named.
        var check = ArgumentCheck.Run(endpoint, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(argumentsJson));
        Assert.True(check.IsValid, string.Join(" ", check.Errors));
        return PublicReadKey.Of(endpoint, check.ArgumentsJson!);
    }
}
