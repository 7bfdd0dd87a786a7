using PandaEmulator.Api;
using PandaEmulator.Python;
using PandaEmulator.State;

namespace PandaEmulator.Handlers;

/// <summary>The metaconfig endpoints (<c>metaconfig_api.py</c>).</summary>
internal sealed class MetaconfigHandlers : IHandlerModule
{
    public void Register(HandlerRegistry registry)
    {
        registry.Add("metaconfig", "get_banned_users", GetBannedUsers);
        registry.Add("metaconfig", "get_site_specs", GetSiteSpecs);
        registry.Add("metaconfig", "get_resource_types", GetResourceTypes);
    }

    private static PyDict GetBannedUsers(HandlerContext context)
    {
        var users = new PyDict();
        foreach (var user in context.World.BannedUsers.Order(StringComparer.Ordinal))
        {
            users[user] = false;
        }
        return Envelope.Ok(users);
    }

    private static PyDict GetSiteSpecs(HandlerContext context)
    {
        var type = context.String("type");
        var specs = new PyDict();
        foreach (var site in context.World.Sites.Where(s => type == "all" || s.Type == type))
        {
            specs[site.Name] = SiteSpec(site);
        }
        return Envelope.Ok(specs);
    }

    /// <summary>vars(SiteSpec) less the attributes PanDA leaves out (ddm_endpoints_*, ddm_input/output, setokens_input, num_slots_map).</summary>
    private static PyDict SiteSpec(SiteRecord site) => new()
    {
        { "sitename", site.Name },
        { "nickname", site.Name },
        { "dq2url", null },
        { "cloud", site.Cloud },
        { "ddm", site.Ddm },
        { "type", site.Type },
        { "releases", new PyList { "ANY" } },
        { "memory", (long)site.Memory },
        { "maxtime", (long)site.MaxTime },
        { "status", site.Status },
        { "setokens_output", new PyDict { { "default", new PyDict { { "ATLASDATADISK", site.Ddm } } } } },
        { "defaulttoken", "" },
        { "validatedreleases", new PyList { "True" } },
        { "maxinputsize", 14_336L },
        { "comment", site.Status == "online" ? "" : $"HC.Blacklist.set.{site.Status}" },
        { "statusmodtime", new DateTime(2026, 7, 30, 9, 12, 44) },
        { "pledgedCPU", 0L },
        { "coreCount", (long)site.CoreCount },
        { "reliabilityLevel", null },
        { "iscvmfs", true },
        { "transferringlimit", 2000L },
        { "maxwdir", 32_768L },
        { "fairsharePolicy", site.Type == "analysis" ? "" : "type=managed:90%,type=user:10%" },
        { "mintime", 0L },
        { "allowfax", false },
        { "pandasite", site.PandaSite },
        { "corepower", site.CorePower },
        { "wnconnectivity", "full#IPv4" },
        { "catchall", site.Type == "analysis" ? "" : "useJumboJobs" },
        { "role", site.Type == "analysis" ? "analysis" : "production" },
        { "pandasite_state", "ACTIVE" },
        { "maxrss", (long)(site.Memory * site.CoreCount) },
        { "minrss", 0L },
        { "direct_access_lan", true },
        { "direct_access_wan", false },
        { "tier", site.Tier },
        { "objectstores", new PyList() },
        { "is_unified", site.Type == "unified" },
        { "unified_name", site.Name },
        { "jobseed", site.Type == "analysis" ? "std" : "all" },
        { "capability", site.Type == "unified" ? "ucore" : "score" },
        { "workflow", "pull_ups" },
        { "maxDiskio", 1_500L },
        { "extra_queue_params", new PyDict() },
    };

    private static PyDict GetResourceTypes(HandlerContext context) => Envelope.Ok(new PyList(context.World.ResourceTypes.Select(r => (object?)new PyDict
    {
        { "resource_name", r.Name },
        { "mincore", (long)r.MinCore },
        { "maxcore", r.MaxCore is { } max ? (long)max : null },
        { "minrampercore", (long)r.MinRamPerCore },
        { "maxrampercore", r.MaxRamPerCore is { } maxRam ? (long)maxRam : null },
    })));
}
