using PandaMcp.Catalog;

namespace PandaMcp.Catalog.Tests;

public sealed class CatalogContentTests
{
    private static readonly PandaCatalog Catalog = PandaCatalog.LoadEmbedded();

    [Fact]
    public void Catalog_HoldsEveryEndpointOfEveryModule()
    {
        var perModule = Catalog.Modules.ToDictionary(m => m.Module, m => m.Endpoints.Count);
        Assert.Equal(new Dictionary<string, int>
        {
            ["async_process"] = 3, ["creds"] = 6, ["data_carousel"] = 4, ["event"] = 5, ["file_server"] = 13,
            ["harvester"] = 11, ["idds"] = 2, ["job"] = 10, ["metaconfig"] = 3, ["pilot"] = 7, ["statistics"] = 6,
            ["system"] = 4, ["task"] = 32, ["workflow"] = 2,
        }, perModule);
        Assert.Equal(108, Catalog.Endpoints.Count);
    }

    [Fact]
    public void Catalog_FlagsMatchTheServer()
    {
        var insecure = Catalog.Endpoints.Where(e => !e.Secure).Select(e => e.Path).Order().ToList();
        Assert.Equal(
            [
                "job/generate_offline_execution_script", "metaconfig/get_site_specs",
                "statistics/active_job_detailed_stats_by_site", "statistics/active_job_stats_by_site",
                "statistics/job_stats_by_cloud", "statistics/job_stats_by_site_and_resource_type",
                "statistics/job_stats_by_site_share_and_resource_type",
                "statistics/production_job_stats_by_cloud_and_processing_type", "system/is_alive",
            ],
            insecure);
        Assert.Equal(37, Catalog.Endpoints.Count(e => e.Production));
        Assert.Equal(["file_server/upload_file_recovery_request", "task/finish", "task/kill", "task/retry"],
            Catalog.Endpoints.Where(e => e.TaskOwner).Select(e => e.Path).Order().ToList());
    }

    [Fact]
    public void Catalog_MethodsAreTheOnesTheServerEnforces()
    {
        // The docstrings of these two say POST; the server enforces GET, and so does the catalog.
        Assert.Equal("GET", Catalog.Find("creds", "get_user_secrets")!.Method);
        Assert.Equal("GET", Catalog.Find("file_server", "download_jedi_log")!.Method);
        Assert.Equal(["job/get_description", "job/get_description_incl_archive"],
            Catalog.Endpoints.Where(e => !e.MethodEnforced).Select(e => e.Path).Order().ToList());
        Assert.Equal(27, Catalog.Endpoints.Count(e => e.IsGet && EndpointList.SelectDefault(Catalog).Contains(e)));
    }

    [Fact]
    public void Catalog_DescribesEveryEndpointAndParameterForAgents()
    {
        var missing = Catalog.Endpoints
            .SelectMany(e => new[] { (e.Path, "title", e.Title), (e.Path, "description", e.Description), (e.Path, "returns", e.Returns) }
                .Concat(e.Parameters.Select(p => (e.Path, p.Name, p.Description))))
            .Where(x => string.IsNullOrWhiteSpace(x.Item3))
            .Select(x => $"{x.Path}:{x.Item2}")
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Catalog_ReadEndpointsAreNeverDestructive()
    {
        Assert.All(Catalog.Endpoints.Where(e => e.ReadOnly), e => Assert.False(e.Destructive, e.Path));
        Assert.True(Catalog.Find("task", "kill")!.Destructive);
        Assert.True(Catalog.Find("task", "get_status")!.ReadOnly);
    }

    [Fact]
    public void Catalog_ParametersKeepTheirDefaultsAndRequiredness()
    {
        var datasets = Catalog.Find("task", "get_datasets_and_files")!;
        Assert.Null(datasets.Parameters[0].Annotation);
        Assert.True(datasets.Parameters[0].Required);
        Assert.Equal("[\"input\",\"pseudo_input\"]", datasets.Parameters[1].Default.GetRawText().Replace(" ", "").Replace("\n", ""));
        Assert.Equal("Dict | str", Catalog.Find("task", "retry")!.Parameters.Single(p => p.Name == "new_parameters").Annotation);
        Assert.True(Catalog.Find("system", "get_attributes")!.Parameters.Single().IsKeywords);
    }
}
