using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PandaEmulator;
using PandaMcp.Catalog;

namespace PandaMcp.Gateway.Tests;

/// <summary>
/// Every tool of the default list, called through the MCP client against the emulator, as a 2026-07-28 client and
/// as a 2025-11-25 one: what the client gets back and, for a change, what PanDA holds afterwards.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class EveryToolTests(GatewayFixture gateway) : IAsyncLifetime
{
    private static readonly PandaCatalog Catalog = PandaCatalog.LoadEmbedded();
    private static readonly string AliceToken = TokenIssuer.Mint(Seed.Alice);
    private static readonly string ProductionToken = TokenIssuer.Mint(Seed.ProductionUser, production: true);
    private static readonly long ActivatedJobOfAlice = Seed.JobsOfRunningTaskOfAlice[6];
    private readonly EmulatorControl _emulator = new(gateway);

    public static TheoryData<string, string> Calls
    {
        get
        {
            var calls = new TheoryData<string, string>();
            foreach (var version in new[] { ProtocolTests.Stateless, ProtocolTests.Sessions })
            {
                foreach (var call in Cases)
                {
                    calls.Add(version, call.Tool);
                }
            }
            return calls;
        }
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task DefaultTool_GivesPandasAnswerAndChange_WhenCalledThroughTheClient(string version, string tool)
    {
        var call = Cases.Single(c => c.Tool == tool);
        await _emulator.ResetAsync();
        if (call.Setup is { } setup)
        {
            await setup(_emulator);
        }
        await gateway.ClearEmulatorRequestsAsync();
        await using var client = await gateway.ConnectAsync(version, Headers(call.Caller));
        Assert.Equal(version, client.NegotiatedProtocolVersion);
        var calledAt = DateTime.UtcNow;

        var result = await client.CallToolAsync(tool, call.Arguments);

        var endpoint = Catalog.Endpoints.Single(e => e.ToolName == tool);
        var sent = Assert.Single(await gateway.EmulatorRequestsAsync());
        Assert.Equal((endpoint.Method, endpoint.Path), (sent.Method, sent.Route));
        // A public read goes without credentials whoever asks (its answer may serve others); any other call with its caller's.
        var credentials = endpoint.IsPublicRead ? null : Headers(call.Caller);
        Assert.Equal(credentials?["Authorization"], sent.Header("Authorization"));
        Assert.Equal(credentials?["Origin"], sent.Header("Origin"));
        var outcome = new ToolOutcome(result, _emulator, sent, calledAt);
        call.Answer(outcome);
        if (call.Holds is { } holds)
        {
            await holds(outcome);
        }
    }

    [Fact]
    public async Task Cases_CoverExactlyTheListedTools()
    {
        await using var client = await gateway.ConnectAsync();

        var listed = (await client.ListToolsAsync()).Select(t => t.Name).Order(StringComparer.Ordinal);

        Assert.Equal(listed, Cases.Select(c => c.Tool).Order(StringComparer.Ordinal));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // The other tests of the collection expect the seeded data.
    public Task DisposeAsync() => _emulator.ResetAsync();

    private static readonly ToolCase[] Cases =
    [
        new("system_get_voms_attributes", Caller.Production, [],
            o => Assert.Equal("VOMS /atlas/Role=production", Text(o.Succeeded(), "GRST_CRED_AUTH_TOKEN_0"))),
        new("system_get_user_attributes", Caller.Alice, [], o =>
        {
            var user = o.Succeeded();
            Assert.Equal("Alice/CN=nickname:alice", Text(user, "user_dn_raw"));
            Assert.False(user.GetProperty("is_production_user").GetBoolean());
            Assert.Contains("Email address: alice@example.org", o.Message);
        }),
        new("system_is_alive", Caller.Alice, [], o => Assert.Equal(JsonValueKind.Null, o.Succeeded().ValueKind)),

        new("job_get_status", Caller.Alice, new() { ["job_ids"] = new[] { Seed.RunningJobOfAlice, Seed.UnknownJobId } }, o =>
        {
            var statuses = o.Succeeded();
            Assert.Equal("running", Text(statuses[0], "status"));
            Assert.Equal("unknown", Text(statuses[1], "status"));
            Assert.Equal("tobekilled", Text(statuses[1], "command"));
        }),
        new("job_get_description_incl_archive", Caller.Alice, new() { ["job_ids"] = new[] { Seed.RunningJobOfAlice, Seed.UnknownJobId } }, o =>
        {
            var jobs = o.Succeeded();
            Assert.Equal(2, jobs.GetArrayLength());
            Assert.Equal(Seed.RunningJobOfAlice, jobs[0].GetProperty("PandaID").GetInt64());
            Assert.Equal("running", Text(jobs[0], "jobStatus"));
            Assert.Equal(JsonValueKind.Null, jobs[1].ValueKind);
        }),
        new("job_generate_offline_execution_script", Caller.Alice, new() { ["job_id"] = Seed.RunningJobOfAlice }, o =>
        {
            Assert.Equal(o.Text, o.Succeeded().GetString());
            Assert.StartsWith("#!/bin/bash", o.Text);
            Assert.Contains($"PandaID={Seed.RunningJobOfAlice} (jediTaskID={Seed.RunningTaskOfAlice})", o.Text);
        }),
        new("job_get_metadata_for_analysis_jobs", Caller.Alice, new() { ["task_id"] = Seed.FinishedTaskOfAlice }, o =>
        {
            var metadata = o.Succeeded().EnumerateObject().ToList();
            // its first 4 jobs finished, the fifth failed
            Assert.Equal(Seed.JobsOfFinishedTaskOfAlice.Take(4).Select(Id), metadata.Select(m => m.Name));
            Assert.All(metadata, m => Assert.Equal("OK", Text(m.Value, "exitMsg")));
        }),
        new("job_kill", Caller.Alice, new() { ["job_ids"] = new[] { Seed.RunningJobOfAlice } },
            o => Assert.Equal([true], o.Succeeded().EnumerateArray().Select(b => b.GetBoolean())))
        {
            Holds = async o => Assert.Equal("cancelled", Text(await o.Emulator.JobAsync(Seed.RunningJobOfAlice), "jobStatus")),
        },
        new("job_reassign", Caller.Alice, new() { ["job_ids"] = new[] { ActivatedJobOfAlice } }, o => SucceededWith(o, ""))
        {
            Holds = async o => Assert.Equal("defined", Text(await o.Emulator.JobAsync(ActivatedJobOfAlice), "jobStatus")),
        },
        new("job_set_command", Caller.Production, new() { ["job_id"] = Seed.RunningProductionJob, ["command"] = "debug" },
            o => SucceededWith(o, "command received"))
        {
            Holds = async o => Assert.Equal("debug", Text(await o.Emulator.JobAsync(Seed.RunningProductionJob), "commandToPilot")),
        },
        // PanDA's inverted flag: the change is made and reported as a failure whose message is "Succeeded".
        new("job_set_debug_mode", Caller.Production, new() { ["job_id"] = Seed.RunningJobOfAlice, ["mode"] = true },
            o => Assert.Equal("Succeeded", o.Refused()))
        {
            Holds = async o => Assert.Equal("debug", Text(await o.Emulator.JobAsync(Seed.RunningJobOfAlice), "specialHandling")),
        },
        new("job_submit", Caller.Alice, new()
        {
            ["jobs"] = JsonSerializer.Serialize(new[] { new { jobName = "user.alice.e2e.job", jediTaskID = Seed.RunningTaskOfAlice, computingSite = Seed.AnalysisSiteName } }),
        }, o => Assert.Equal("user.alice.e2e.job", o.Succeeded()[0][2].GetString()))
        {
            Holds = async o =>
            {
                var pandaId = o.Succeeded()[0][0].GetInt64();
                var job = await o.Emulator.JobAsync(pandaId);
                Assert.Equal(("defined", Seed.Alice), (Text(job, "jobStatus"), Text(job, "prodUserName")));
                Assert.Contains(pandaId, Longs((await o.Emulator.TaskAsync(Seed.RunningTaskOfAlice)).GetProperty("jobIds")));
            },
        },

        // task: commands for JEDI, which the emulator applies at once
        new("task_retry", Caller.Alice, new() { ["task_id"] = Seed.FinishedTaskOfAlice }, o => Registered(o, "retry"))
        {
            Holds = async o =>
            {
                var task = await o.Emulator.TaskAsync(Seed.FinishedTaskOfAlice);
                Assert.Equal(("toretry", 2), (Text(task, "status"), task.GetProperty("attemptNr").GetInt32()));
            },
        },
        new("task_resume", Caller.Production, new() { ["task_id"] = Seed.PausedTaskOfAlice }, o => Registered(o, "resume"))
        {
            Holds = o => HasStatusAsync(o, Seed.PausedTaskOfAlice, "running"),
        },
        new("task_release", Caller.Production, new() { ["task_id"] = Seed.PendingProductionTask }, o => Registered(o, "release"))
        {
            Holds = o => HasStatusAsync(o, Seed.PendingProductionTask, "ready"),
        },
        new("task_reassign", Caller.Alice, new() { ["task_id"] = Seed.RunningTaskOfAlice, ["site"] = Seed.AnalysisSiteName }, o => Registered(o, "reassign"))
        {
            Holds = async o =>
            {
                var task = await o.Emulator.TaskAsync(Seed.RunningTaskOfAlice);
                Assert.Equal(Seed.AnalysisSiteName, Text(task, "site"));
                Assert.Equal($"site:{Seed.AnalysisSiteName}:y", Text(task, "pendingCommand"));
            },
        },
        new("task_pause", Caller.Production, new() { ["task_id"] = Seed.RunningProductionTask }, o => Registered(o, "pause"))
        {
            Holds = o => HasStatusAsync(o, Seed.RunningProductionTask, "paused"),
        },
        new("task_kill", Caller.Alice, new() { ["task_id"] = Seed.RunningTaskOfAlice }, o => Registered(o, "kill"))
        {
            Holds = async o =>
            {
                await HasStatusAsync(o, Seed.RunningTaskOfAlice, "aborting");
                Assert.Equal("cancelled", Text(await o.Emulator.JobAsync(Seed.RunningJobOfAlice), "jobStatus"));
            },
        },
        new("task_kill_unfinished_jobs", Caller.Alice, new() { ["task_id"] = Seed.RunningTaskOfAlice },
            // 3 finished jobs, then running, running, starting, activated, then a failed one
            o => Assert.Equal([false, false, false, true, true, true, true, false], o.Succeeded().EnumerateArray().Select(b => b.GetBoolean())))
        {
            Holds = async o =>
            {
                await HasStatusAsync(o, Seed.RunningTaskOfAlice, "running");
                Assert.Equal("cancelled", Text(await o.Emulator.JobAsync(ActivatedJobOfAlice), "jobStatus"));
                Assert.Equal("finished", Text(await o.Emulator.JobAsync(Seed.FinishedJobOfAlice), "jobStatus"));
            },
        },
        new("task_finish", Caller.Alice, new() { ["task_id"] = Seed.RunningTaskOfAlice, ["soft"] = true }, o => Registered(o, "finish"))
        {
            Holds = async o =>
            {
                var task = await o.Emulator.TaskAsync(Seed.RunningTaskOfAlice);
                Assert.Equal("finishing", Text(task, "status"));
                Assert.StartsWith("soft finish by ", Text(task, "pendingCommand"));
            },
        },
        new("task_reactivate", Caller.Production, new() { ["task_id"] = Seed.FailedTaskOfAlice }, o =>
        {
            Assert.Equal(0, o.Succeeded().GetInt32());
            Assert.Equal($"updated 3 inputs and task {Seed.FailedTaskOfAlice} was reactivated ", o.Message);
        })
        {
            Holds = o => HasStatusAsync(o, Seed.FailedTaskOfAlice, "ready"),
        },
        new("task_avalanche", Caller.Production, new() { ["task_id"] = Seed.ScoutingTaskOfAlice }, o => Registered(o, "avalanche"))
        {
            Holds = o => HasStatusAsync(o, Seed.ScoutingTaskOfAlice, "running"),
        },
        new("task_reload_input", Caller.Alice, new() { ["task_id"] = Seed.FinishedTaskOfAlice }, o => Registered(o, "incexec"))
        {
            Holds = o => HasStatusAsync(o, Seed.FinishedTaskOfAlice, "toincexec"),
        },

        new("task_reassign_global_share", Caller.Production, new()
        {
            ["task_id_list"] = new[] { Seed.RunningProductionTask },
            ["share"] = "MC Simulation Fast",
            ["reassign_running_jobs"] = true,
        }, o =>
        {
            Assert.Equal(0, o.Succeeded().GetInt32());
            Assert.Null(o.Message);
        })
        {
            Holds = async o =>
            {
                Assert.Equal("MC Simulation Fast", Text(await o.Emulator.TaskAsync(Seed.RunningProductionTask), "gshare"));
                Assert.Equal("MC Simulation Fast", Text(await o.Emulator.JobAsync(Seed.RunningProductionJob), "gshare"));
            },
        },
        // PanDA makes the change, then crashes calling avalanche without a request: HTTP 500.
        new("task_enable_jumbo_jobs", Caller.Production, new() { ["task_id"] = Seed.RunningProductionTask, ["jumbo_jobs_total"] = 10 }, o =>
        {
            Assert.True(o.Result.IsError);
            Assert.Contains("PanDA answered HTTP 500 to POST /api/v1/task/enable_jumbo_jobs", o.Text);
        })
        {
            Holds = async o =>
            {
                var task = await o.Emulator.TaskAsync(Seed.RunningProductionTask);
                Assert.Equal("W", Text(task, "useJumbo"));
                Assert.Contains("NJ=10", Text(task, "splitRule")!.Split(','));
            },
        },
        new("task_get_jumbo_job_datasets", Caller.Alice, new() { ["from_offset"] = 1 }, o =>
        {
            var task = Assert.Single(o.Succeeded().EnumerateObject());
            Assert.Equal(Id(Seed.RunningTaskOfAlice), task.Name);
            Assert.Equal("running", Text(task.Value, "status"));
            Assert.StartsWith(Seed.InputDatasetOfAlice, Assert.Single(task.Value.GetProperty("datasets").EnumerateArray()).GetString());
        })
        {
            Setup = emulator => emulator.PostToPandaAsync("task/enable_jumbo_jobs",
                $$"""{"task_id": {{Seed.RunningTaskOfAlice}}, "jumbo_jobs_total": 10}""", Headers(Caller.Production)!),
        },
        new("task_enable_job_cloning", Caller.Production, new() { ["jedi_task_id"] = Seed.RunningProductionTask, ["mode"] = "runonce" },
            o => SucceededWith(o, null))
        {
            Holds = async o =>
            {
                var task = await o.Emulator.TaskAsync(Seed.RunningProductionTask);
                Assert.Equal(2, task.GetProperty("eventService").GetInt32());
                Assert.Contains("UC=1", Text(task, "splitRule")!.Split(','));
            },
        },
        new("task_disable_job_cloning", Caller.Production, new() { ["jedi_task_id"] = Seed.RunningProductionTask },
            o => SucceededWith(o, null))
        {
            // seeded as EC=1,ES=1,NG=2,RD=1
            Holds = async o => Assert.Equal("NG=2,RD=1", Text(await o.Emulator.TaskAsync(Seed.RunningProductionTask), "splitRule")),
        },
        new("task_increase_attempts", Caller.Production, new() { ["task_id"] = Seed.RunningProductionTask, ["increase"] = 2 }, o =>
        {
            Assert.Equal(0, o.Succeeded().GetInt32());
            Assert.Equal("increased attemptNr for 4 inputs (0 reactivated)", o.Message);
        })
        {
            // The emulator keeps no per-file attempts; the task's modification time is what the update leaves.
            Holds = async o => Assert.True(Time(await o.Emulator.TaskAsync(Seed.RunningProductionTask), "modificationTime") >= o.CalledAt),
        },
        new("task_get_status", Caller.Alice, new() { ["task_id"] = Seed.PausedTaskOfAlice }, o => Assert.Equal("paused", o.Succeeded().GetString())),
        new("task_get_details", Caller.Alice, new() { ["task_id"] = Seed.RunningTaskOfAlice, ["include_status"] = true }, o =>
        {
            var details = o.Succeeded();
            Assert.Equal("running", Text(details, "status"));
            Assert.Equal(Seed.InputDatasetOfAlice, Text(details, "inDS"));
            Assert.Equal(Seed.JobsOfRunningTaskOfAlice, Longs(details.GetProperty("PandaID")));
        }),
        new("task_change_attribute", Caller.Production, new() { ["task_id"] = Seed.RunningProductionTask, ["attribute_name"] = "ramCount", ["value"] = 4000 },
            o => SucceededWith(o, "1 tasks changed"))
        {
            Holds = async o => Assert.Equal(4000, (await o.Emulator.TaskAsync(Seed.RunningProductionTask)).GetProperty("ramCount").GetInt32()),
        },
        new("task_change_priority", Caller.Production, new() { ["task_id"] = Seed.RunningProductionTask, ["priority"] = 950 },
            o => SucceededWith(o, "1 tasks changed"))
        {
            Holds = async o => Assert.Equal(950, (await o.Emulator.TaskAsync(Seed.RunningProductionTask)).GetProperty("taskPriority").GetInt32()),
        },
        new("task_change_split_rule", Caller.Production, new() { ["task_id"] = Seed.RunningProductionTask, ["attribute_name"] = "NG", ["value"] = "5" },
            o => SucceededWith(o, "1 tasks changed"))
        {
            Holds = async o => Assert.Equal("EC=1,ES=1,RD=1,NG=5", Text(await o.Emulator.TaskAsync(Seed.RunningProductionTask), "splitRule")),
        },
        // The running task was modified 12 hours ago, the finished one 30 hours ago.
        new("task_get_tasks_modified_since", Caller.Alice, new() { ["since"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) }, o =>
        {
            var tasks = o.Succeeded();
            Assert.Equal(Seed.RunningTaskNameOfAlice, Text(tasks.GetProperty(Id(Seed.RunningTaskOfAlice)), "taskName"));
            Assert.False(tasks.TryGetProperty(Id(Seed.FinishedTaskOfAlice), out _));
            Assert.False(tasks.TryGetProperty(Id(Seed.RunningTaskOfBob), out _));
        }),
        new("task_get_datasets_and_files", Caller.Alice, new() { ["task_id"] = Seed.RunningTaskOfAlice, ["dataset_types"] = new[] { "input" } }, o =>
        {
            var input = Assert.Single(o.Succeeded().EnumerateArray());
            Assert.StartsWith(Seed.InputDatasetOfAlice, Text(input.GetProperty("dataset"), "name"));
            Assert.Equal(Seed.JobsOfRunningTaskOfAlice.Count, input.GetProperty("files").GetArrayLength());
        }),
        new("task_get_job_ids", Caller.Alice, new() { ["task_id"] = Seed.RunningTaskOfAlice },
            o => Assert.Equal(Seed.JobsOfRunningTaskOfAlice, Longs(o.Succeeded()))),
        new("task_submit", Caller.Alice, new()
        {
            ["task_parameters"] = new Dictionary<string, object?>
            {
                ["taskName"] = "user.alice.e2e.submitted/",
                ["vo"] = Seed.Vo,
                ["prodSourceLabel"] = "user",
            },
        }, o => Assert.Equal($"succeeded. new jediTaskID={o.Succeeded().GetInt64()}", o.Message))
        {
            Holds = async o =>
            {
                var task = await o.Emulator.TaskAsync(o.Succeeded().GetInt64());
                Assert.Equal(("user.alice.e2e.submitted/", "registered", Seed.Alice), (Text(task, "taskName"), Text(task, "status"), Text(task, "userName")));
            },
        },
        new("task_get_task_parameters", Caller.Alice, new() { ["task_id"] = Seed.RunningTaskOfAlice }, o =>
        {
            var parameters = o.Succeeded();
            Assert.Equal(Seed.RunningTaskNameOfAlice, Text(parameters, "taskName"));
            Assert.Equal(Seed.Alice, Text(parameters, "userName"));
        }),
        new("task_get_detailed_info", Caller.Alice, new() { ["task_id"] = Seed.RunningTaskOfAlice }, o =>
        {
            var info = o.Succeeded();
            Assert.Equal(Seed.RunningTaskOfAlice, info.GetProperty("jediTaskID").GetInt64());
            Assert.Equal((8, 3, 1), (info.GetProperty("nFiles").GetInt32(), info.GetProperty("nFilesFinished").GetInt32(), info.GetProperty("nFilesFailed").GetInt32()));
        }),
        new("task_get_parent_detailed_info", Caller.Alice, new() { ["task_id"] = Seed.ChildTaskOfAlice }, o =>
        {
            var parent = o.Succeeded();
            Assert.Equal(Seed.FinishedTaskOfAlice, parent.GetProperty("jediTaskID").GetInt64());
            Assert.Equal("finished", Text(parent, "status"));
        }),
        new("task_get_job_descriptions", Caller.Alice, new() { ["task_id"] = Seed.RunningTaskOfAlice, ["unsuccessful_only"] = true }, o =>
        {
            var job = Assert.Single(o.Succeeded().EnumerateArray());
            Assert.Equal(Seed.FailedJobOfAlice, job.GetProperty("PandaID").GetInt64());
            Assert.Equal("failed", Text(job, "jobStatus"));
        }),

        new("metaconfig_get_banned_users", Caller.Alice, [],
            o => Assert.Equal([(Seed.BannedUser, false)], o.Succeeded().EnumerateObject().Select(u => (u.Name, u.Value.GetBoolean())))),
        new("metaconfig_get_site_specs", Caller.Alice, new() { ["type"] = "analysis" }, o =>
        {
            var sites = o.Succeeded();
            Assert.Equal(["ANALY_BNL_VP", Seed.AnalysisSiteName], Names(sites));
            Assert.Equal("analysis", Text(sites.GetProperty(Seed.AnalysisSiteName), "role"));
        }),
        new("metaconfig_get_resource_types", Caller.Alice, [],
            o => Assert.Equal(["SCORE", "MCORE", "SCORE_HIMEM", "MCORE_HIMEM", "SCORE_VHIMEM", "MCORE_VHIMEM"],
                o.Succeeded().EnumerateArray().Select(r => Text(r, "resource_name")))),

        new("data_carousel_change_staging_destination", Caller.Production, new() { ["request_id"] = Seed.CarouselStagingRequestId }, o =>
        {
            var change = o.Succeeded();
            Assert.Equal(Seed.CarouselStagingRequestId, change.GetProperty("request_id").GetInt64());
            Assert.Equal(Seed.CarouselStagingDataset, Text(change, "dataset"));
            Assert.Equal("new request resubmitted, destination changed; submitted iDDS requests", o.Message);
        })
        {
            Holds = async o =>
            {
                Assert.Equal("cancelled", Text(await o.Emulator.CarouselRequestAsync(Seed.CarouselStagingRequestId), "status"));
                var resubmitted = await o.Emulator.CarouselRequestAsync(o.Succeeded().GetProperty("new_request_id").GetInt64());
                Assert.Equal(("staging", Seed.CarouselStagingDataset), (Text(resubmitted, "status"), Text(resubmitted, "dataset")));
                Assert.NotEqual("CERN-PROD_DATADISK", Text(resubmitted, "destinationRse"));
            },
        },
        new("data_carousel_change_staging_source", Caller.Production, new() { ["request_id"] = Seed.CarouselQueuedRequestId, ["source_rse"] = "CERN-PROD_DATATAPE" },
            o =>
            {
                Assert.Equal("CERN-PROD_DATATAPE", Text(o.Succeeded(), "source_rse"));
                Assert.Equal("status=queued changed source_rse from BNL-OSG2_DATATAPE to CERN-PROD_DATATAPE", o.Message);
            })
        {
            Holds = async o => Assert.Equal("CERN-PROD_DATATAPE", Text(await o.Emulator.CarouselRequestAsync(Seed.CarouselQueuedRequestId), "sourceRse")),
        },
        new("data_carousel_force_to_staging", Caller.Production, new() { ["request_id"] = Seed.CarouselQueuedRequestId }, o =>
        {
            Assert.Equal("staging", Text(o.Succeeded(), "status"));
            Assert.Equal("status has become staging", o.Message);
        })
        {
            Holds = async o => Assert.Equal("staging", Text(await o.Emulator.CarouselRequestAsync(Seed.CarouselQueuedRequestId), "status")),
        },
        new("data_carousel_retire_unused", Caller.Production, new() { ["dataset"] = Seed.CarouselDoneDataset }, o =>
        {
            var retired = o.Succeeded();
            Assert.Equal((Seed.CarouselDoneRequestId, "retired"), (retired.GetProperty("request_id").GetInt64(), Text(retired, "status")));
        })
        {
            Holds = async o => Assert.Equal("retired", Text(await o.Emulator.CarouselRequestAsync(Seed.CarouselDoneRequestId), "status")),
        },

        // statistics: the grid's background counts plus the emulator's jobs; the offline queue has none
        new("statistics_job_stats_by_cloud", Caller.Alice, new() { ["type"] = "analysis" }, o =>
        {
            var clouds = o.Succeeded();
            Assert.Equal(["CA", "CERN", "DE", "FR", "UK", "US"], Names(clouds));
            // a production-only status
            Assert.False(clouds.GetProperty("CERN").TryGetProperty("transferring", out _));
        }),
        new("statistics_production_job_stats_by_cloud_and_processing_type", Caller.Alice, [],
            o => Assert.Equal(["deriv", "evgen", "reprocessing", "simul"], Names(o.Succeeded().GetProperty("CERN")))),
        new("statistics_active_job_stats_by_site", Caller.Alice, [], o =>
        {
            var sites = o.Succeeded();
            Assert.Equal(ServedSites, Names(sites));
            Assert.False(sites.GetProperty(Seed.SiteName).TryGetProperty("finished", out _));
            Assert.True(sites.GetProperty(Seed.SiteName).GetProperty("running").GetInt64() > 0);
        }),
        new("statistics_active_job_detailed_stats_by_site", Caller.Alice, [], o =>
        {
            var sites = o.Succeeded();
            Assert.Equal(ServedSites, Names(sites));
            // user jobs are single-core
            Assert.Equal(["managed", "user"], Names(sites.GetProperty(Seed.SiteName).GetProperty("SCORE")));
            Assert.Equal(["managed"], Names(sites.GetProperty(Seed.SiteName).GetProperty("MCORE")));
            Assert.True(sites.GetProperty(Seed.AnalysisSiteName).GetProperty("SCORE").GetProperty("user").GetProperty("running").GetInt64() > 0);
        }),
        new("statistics_job_stats_by_site_and_resource_type", Caller.Alice, new() { ["time_window"] = 60 }, o =>
        {
            var sites = o.Succeeded();
            Assert.Equal(ServedSites, Names(sites));
            Assert.Equal(["MCORE", "SCORE"], Names(sites.GetProperty(Seed.SiteName)));
            Assert.True(sites.GetProperty(Seed.SiteName).GetProperty("MCORE").GetProperty("finished").GetInt64() > 0);
        }),
        new("statistics_job_stats_by_site_share_and_resource_type", Caller.Alice, new() { ["time_window"] = 60 }, o =>
        {
            var sites = o.Succeeded();
            Assert.Equal(ServedSites, Names(sites));
            Assert.Equal(["managed", "user"], Names(sites.GetProperty(Seed.SiteName)));
            Assert.Equal(["user"], Names(sites.GetProperty(Seed.AnalysisSiteName)));
        }),

        new("harvester_get_worker_statistics", Caller.Alice, [], o =>
        {
            var queues = o.Succeeded();
            Assert.False(queues.TryGetProperty(Seed.UnservedSiteName, out _));
            Assert.Equal(["managed", "user"], Names(queues.GetProperty(Seed.SiteName).GetProperty(Seed.HarvesterId)));
        }),
        new("harvester_add_sweep_command", Caller.Production, new()
        {
            ["panda_queue"] = Seed.SiteName,
            ["status_list"] = new[] { "submitted" },
            ["ce_list"] = new[] { "ce1.cern-prod.example.org" },
            ["submission_host_list"] = new[] { "aipanda158" },
        }, o => SucceededWith(o, ""))
        {
            Holds = async o =>
            {
                var command = Assert.Single((await o.Emulator.HarvesterCommandsAsync()).EnumerateArray());
                Assert.Equal((Seed.HarvesterId, "KILL_WORKERS"), (Text(command, "harvesterId"), Text(command, "command")));
                using var parameters = JsonDocument.Parse(Text(command, "parameters")!);
                Assert.Equal(Seed.SiteName, parameters.RootElement.GetProperty("computingSite")[0].GetString());
                Assert.Equal("ce1.cern-prod.example.org", parameters.RootElement.GetProperty("computingElement")[0].GetString());
            },
        },
        new("harvester_add_target_slots", Caller.Production, new() { ["panda_queue"] = Seed.SiteName, ["slots"] = 100, ["global_share"] = Seed.GlobalShare },
            o => SucceededWith(o, $"set numSlots=100 for PQ={Seed.SiteName} gshare={Seed.GlobalShare} resource=None"))
        {
            Holds = async o =>
            {
                var command = Assert.Single((await o.Emulator.HarvesterCommandsAsync()).EnumerateArray());
                Assert.Equal((Seed.HarvesterId, "SET_N_WORKERS_JOBTYPE"), (Text(command, "harvesterId"), Text(command, "command")));
                using var parameters = JsonDocument.Parse(Text(command, "parameters")!);
                Assert.Equal(100, parameters.RootElement.GetProperty("numSlots").GetInt32());
            },
        },

        new("file_server_upload_file_recovery_request", Caller.Alice, new() { ["task_id"] = Seed.FinishedTaskOfAlice, ["dry_run"] = true }, o =>
        {
            Assert.Contains("/cache/jedilog/lost_file_recovery.", Text(o.Succeeded(), "logFileURL"));
            Assert.Equal("The request was accepted and will be processed in a few minutes", o.Message);
            // The emulator keeps no recovery requests: what PanDA received is the evidence.
            Assert.Equal(Seed.FinishedTaskOfAlice, o.Sent.Arguments.GetProperty("task_id").GetInt64());
            Assert.True(o.Sent.Arguments.GetProperty("dry_run").GetBoolean());
        }),
    ];

    /// <summary>The queues the statistics know: all but the offline one.</summary>
    private static readonly string[] ServedSites =
        ["ANALY_BNL_VP", "ANALY_CERN_GPU", "BNL_PROD_UCORE", "CERN-PROD_UCORE", "FZK-LCG2_UCORE", "IN2P3-CC_UCORE", "RAL-LCG2_UCORE", "TRIUMF_UCORE"];

    private static Dictionary<string, string>? Headers(Caller caller) => caller switch
    {
        Caller.Alice => new() { ["Authorization"] = $"Bearer {AliceToken}", ["Origin"] = Seed.Vo },
        Caller.Production => new() { ["Authorization"] = $"Bearer {ProductionToken}", ["Origin"] = $"{Seed.Vo}:production" },
        _ => null,
    };

    /// <summary>A command JEDI accepted: return code 0 and PanDA's confirmation.</summary>
    private static void Registered(ToolOutcome outcome, string command)
    {
        Assert.Equal(0, outcome.Succeeded().GetInt32());
        Assert.StartsWith($"command={command} is registered for task ID ", outcome.Message);
    }

    /// <summary>A change PanDA reports in its message only (no data).</summary>
    private static void SucceededWith(ToolOutcome outcome, string? message)
    {
        Assert.Equal(JsonValueKind.Null, outcome.Succeeded().ValueKind);
        Assert.Equal(message, outcome.Message);
    }

    private static async Task HasStatusAsync(ToolOutcome outcome, long taskId, string status) =>
        Assert.Equal(status, Text(await outcome.Emulator.TaskAsync(taskId), "status"));

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();

    private static DateTime Time(JsonElement element, string name) =>
        DateTime.Parse(Text(element, name)!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static IEnumerable<long> Longs(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64());

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private enum Caller
    {
        Alice,
        Production,
    }

    /// <summary>
    /// One call of a tool: who calls it with what, what the answer must say, and, for a change, what PanDA must
    /// hold afterwards; <see cref="Setup"/> prepares the data a read needs.
    /// </summary>
    private sealed record ToolCase(string Tool, Caller Caller, Dictionary<string, object?> Arguments, Action<ToolOutcome> Answer)
    {
        public Func<EmulatorControl, Task>? Setup { get; init; }

        public Func<ToolOutcome, Task>? Holds { get; init; }
    }

    /// <summary>What a call gave (the tool result, the request that reached PanDA), and the emulator to look at its effect in.</summary>
    private sealed record ToolOutcome(CallToolResult Result, EmulatorControl Emulator, RecordedRequest Sent, DateTime CalledAt)
    {
        public string Text => Assert.IsType<TextContentBlock>(Assert.Single(Result.Content)).Text;

        public JsonElement Envelope => Result.StructuredContent ?? throw new InvalidOperationException("The result has no structured content.");

        public string? Message => Envelope.GetProperty("message").GetString();

        /// <summary>The envelope's data, once the call is known to have succeeded.</summary>
        public JsonElement Succeeded()
        {
            Assert.NotEqual(true, Result.IsError);
            Assert.True(Envelope.GetProperty("success").GetBoolean());
            return Envelope.GetProperty("data");
        }

        /// <summary>PanDA's message, once the call is known to have been refused.</summary>
        public string? Refused()
        {
            Assert.True(Result.IsError);
            Assert.False(Envelope.GetProperty("success").GetBoolean());
            return Message;
        }
    }
}
