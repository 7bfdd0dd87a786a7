using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PandaEmulator.State;

/// <summary>Builds the seeded world: the same ids, names, statuses and counts in every run (see <see cref="Seed"/>).</summary>
internal static class SeedData
{
    private const string UserTransformation = "http://pandaserver.cern.ch:25080/trf/user/runGen-00-00-02";
    private const string UserRelease = "Atlas-25.2.32";
    private const string UserHomePackage = "AnalysisTransforms-AnalysisBase_25.2.32";
    private const string ProductionRelease = "Atlas-23.0.30";
    private const string ProductionHomePackage = "AtlasOffline/23.0.30";

    private static readonly SiteRecord[] Sites =
    [
        new("CERN-PROD_UCORE", "CERN-PROD", "CERN", "unified", "online", "T0", "CERN-PROD_DATADISK", 8, 16000, 172800, 11.62, "CERN_central_A"),
        new("BNL_PROD_UCORE", "BNL-ATLAS", "US", "unified", "online", "T1", "BNL-OSG2_DATADISK", 8, 18000, 172800, 13.3, "CERN_central_B"),
        new("TRIUMF_UCORE", "TRIUMF-LCG2", "CA", "unified", "online", "T1", "TRIUMF-LCG2_DATADISK", 8, 16000, 172800, 10.1, "CERN_central_B"),
        new("FZK-LCG2_UCORE", "FZK-LCG2", "DE", "unified", "online", "T1", "FZK-LCG2_DATADISK", 8, 20000, 172800, 12.4, "CERN_central_A"),
        new("IN2P3-CC_UCORE", "IN2P3-CC", "FR", "unified", "brokeroff", "T1", "IN2P3-CC_DATADISK", 8, 16000, 172800, 11.1, "CERN_central_A"),
        new("RAL-LCG2_UCORE", "RAL-LCG2", "UK", "unified", "online", "T1", "RAL-LCG2_DATADISK", 8, 16000, 172800, 12.0, "CERN_central_B"),
        new("ANALY_CERN_GPU", "CERN-PROD", "CERN", "analysis", "online", "T0", "CERN-PROD_DATADISK", 1, 32000, 86400, 11.62, "CERN_central_A"),
        new("ANALY_BNL_VP", "BNL-ATLAS", "US", "analysis", "online", "T1", "BNL-OSG2_DATADISK", 1, 16000, 86400, 13.3, "CERN_central_B"),
        new("praguelcg2_UCORE", "praguelcg2", "DE", "unified", "offline", "T2", "praguelcg2_DATADISK", 8, 16000, 172800, 9.8, null),
    ];

    private static readonly ResourceTypeRecord[] ResourceTypes =
    [
        new("SCORE", 1, 1, 0, 2000),
        new("MCORE", 2, null, 0, 2000),
        new("SCORE_HIMEM", 1, 1, 2001, 4000),
        new("MCORE_HIMEM", 2, null, 2001, 4000),
        new("SCORE_VHIMEM", 1, 1, 4001, null),
        new("MCORE_VHIMEM", 2, null, 4001, null),
    ];

    private static readonly Dictionary<string, string> LeafShares = new(StringComparer.Ordinal)
    {
        ["User Analysis"] = "user",
        ["Express Analysis"] = "user",
        ["MC Simulation Full"] = "managed",
        ["MC Simulation Fast"] = "managed",
        ["MC Event Generation"] = "managed",
        ["Data Derivations"] = "managed",
        ["Group production"] = "managed",
        ["Reprocessing default"] = "managed",
        ["Validation"] = "managed",
        ["Test"] = "test",
    };

    public static World Build(DateTime now)
    {
        // Seeded times are whole hours before start-up, so "modified since" queries behave as on a live server.
        var origin = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Unspecified);
        var builder = new Builder(origin);
        builder.AddNamedTasks();
        builder.AddBulkTasks();
        return new World
        {
            Tasks = new VersionedStore<long, TaskRecord>(builder.Tasks.Select(t => KeyValuePair.Create(t.JediTaskId, t))),
            Jobs = new VersionedStore<long, JobRecord>(builder.Jobs.Select(j => KeyValuePair.Create(j.PandaId, j))),
            CarouselRequests = new VersionedStore<long, CarouselRequest>(CarouselRequests(origin).Select(r => KeyValuePair.Create(r.RequestId, r))),
            Sites = Sites,
            ResourceTypes = ResourceTypes,
            LeafShares = LeafShares,
            BannedUsers = new HashSet<string>(StringComparer.Ordinal) { Seed.BannedUser },
            BackgroundJobs = BackgroundJobs(),
            WorkerStats = WorkerStats(),
            UserEmails = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [Seed.Alice] = "alice@example.org",
                [Seed.Bob] = "bob@example.org",
            },
            TaskIds = new IdSequence(45_200_000),
            JobIds = new IdSequence(6_413_000_000),
            CarouselIds = new IdSequence(1300),
            CommandIds = new IdSequence(0),
            DatasetIds = new IdSequence(900_000_000),
            FileIds = new IdSequence(40_000_000_000),
        };
    }

    private static CarouselRequest[] CarouselRequests(DateTime origin) =>
    [
        new()
        {
            RequestId = Seed.CarouselQueuedRequestId, Dataset = Seed.CarouselQueuedDataset, SourceRse = "BNL-OSG2_DATATAPE",
            Status = "queued", TotalFiles = 120, DatasetSize = 412_318_923_776, CreationTime = origin.AddHours(-6),
            ModificationTime = origin.AddHours(-6), SourceTape = "BNL_ATLAS_TAPE_2", RelatedTaskIds = [Seed.PendingProductionTask],
        },
        new()
        {
            RequestId = Seed.CarouselStagingRequestId, Dataset = Seed.CarouselStagingDataset, SourceRse = "CERN-PROD_DATATAPE",
            DestinationRse = "CERN-PROD_DATADISK", DdmRuleId = "5b1fd8e2c83c4cfa9d3c0f5a8e7e6a21", Status = "staging", TotalFiles = 200,
            StagedFiles = 40, DatasetSize = 731_045_117_952, StagedSize = 146_209_023_590, CreationTime = origin.AddHours(-30),
            StartTime = origin.AddHours(-29), ModificationTime = origin.AddHours(-2), SourceTape = "CERN_ATLAS_TAPE_7",
            PreviousDestinations = ["CERN-PROD_DATADISK"], RelatedTaskIds = [Seed.RunningProductionTask],
        },
        new()
        {
            RequestId = Seed.CarouselDoneRequestId, Dataset = Seed.CarouselDoneDataset, SourceRse = "FZK-LCG2_DATATAPE",
            DestinationRse = "FZK-LCG2_DATADISK", DdmRuleId = "0c9e2a77b51d4e4f8f0e2d4b6a1c3e59", Status = "done", TotalFiles = 80,
            StagedFiles = 80, DatasetSize = 287_762_808_832, StagedSize = 287_762_808_832, CreationTime = origin.AddDays(-5),
            StartTime = origin.AddDays(-5).AddHours(1), EndTime = origin.AddDays(-4), ModificationTime = origin.AddDays(-4),
            SourceTape = "FZK_ATLAS_TAPE_1", PreviousDestinations = ["FZK-LCG2_DATADISK"],
        },
    ];

    /// <summary>The rest of the grid, for the statistics: counts drawn from a fixed seed.</summary>
    private static List<JobCountRow> BackgroundJobs()
    {
        var random = new Random(20260806);
        var rows = new List<JobCountRow>();
        string[] productionStatuses = ["defined", "assigned", "activated", "starting", "running", "holding", "transferring", "finished", "failed", "cancelled"];
        string[] analysisStatuses = ["activated", "starting", "running", "holding", "finished", "failed", "cancelled", "closed"];
        (string Share, string Processing)[] productionWork = [("MC Simulation Full", "simul"), ("MC Event Generation", "evgen"), ("Data Derivations", "deriv"), ("Reprocessing default", "reprocessing")];
        foreach (var site in Sites.Where(s => s.Status != "offline"))
        {
            if (site.Type == "unified")
            {
                foreach (var (share, processing) in productionWork)
                {
                    foreach (var resource in new[] { "SCORE", "MCORE" })
                    {
                        foreach (var status in productionStatuses)
                        {
                            rows.Add(new JobCountRow(site.Name, site.Cloud, "managed", share, resource, processing, status, Draw(random, status)));
                        }
                    }
                }
            }
            foreach (var status in analysisStatuses)
            {
                rows.Add(new JobCountRow(site.Name, site.Cloud, "user", "User Analysis", "SCORE", "panda-client-1.5.85-jedi-run", status, Draw(random, status)));
            }
        }
        return rows;
    }

    private static long Draw(Random random, string status) => status switch
    {
        "running" => random.Next(200, 4000),
        "finished" => random.Next(500, 8000),
        "activated" or "assigned" or "defined" => random.Next(50, 1500),
        _ => random.Next(0, 300),
    };

    private static List<WorkerStatRow> WorkerStats()
    {
        var random = new Random(4711);
        var rows = new List<WorkerStatRow>();
        foreach (var site in Sites.Where(s => s.HarvesterId is not null))
        {
            var jobTypes = site.Type == "analysis" ? new[] { "user" } : new[] { "managed", "user" };
            foreach (var jobType in jobTypes)
            {
                foreach (var resource in site.Type == "analysis" ? new[] { "SCORE" } : new[] { "SCORE", "MCORE" })
                {
                    foreach (var status in new[] { "submitted", "running", "idle" })
                    {
                        var count = status == "running" ? random.Next(100, 3000) : random.Next(0, 400);
                        rows.Add(new WorkerStatRow(site.Name, site.HarvesterId!, jobType, resource, status, count));
                    }
                }
            }
        }
        return rows;
    }

    /// <summary>Assembles tasks with their datasets, files and jobs, numbering everything in order.</summary>
    private sealed class Builder(DateTime origin)
    {
        private long _nextJobId = Seed.FirstJobId;
        private long _nextDatasetId = 880_000_001;
        private long _nextFileId = 38_000_000_001;

        public List<TaskRecord> Tasks { get; } = [];
        public List<JobRecord> Jobs { get; } = [];

        public void AddNamedTasks()
        {
            AddUserTask(Seed.RunningTaskOfAlice, Seed.RunningTaskNameOfAlice, Seed.Alice, "running", 48,
                ["finished", "finished", "finished", "running", "running", "starting", "activated", "failed"], Seed.InputDatasetOfAlice);
            AddUserTask(Seed.FinishedTaskOfAlice, "user.alice.data18_13TeV.periodAllYear.muon_selection.v3/", Seed.Alice, "finished", 120,
                ["finished", "finished", "finished", "finished", "failed"], "data18_13TeV:data18_13TeV.periodAllYear.physics_Main.PhysCont.DAOD_PHYS.grp18_v01_p6266",
                withMetadata: true);
            AddUserTask(Seed.FailedTaskOfAlice, "user.alice.mc23_13p6TeV.700320.Zmumu.broken_config.v1/", Seed.Alice, "failed", 96,
                ["failed", "failed", "cancelled"], "mc23_13p6TeV:mc23_13p6TeV.700320.Sh_2214_Zmumu_maxHTpTV2_BFilter.deriv.DAOD_PHYS.e8514_s4162_r15540_p6266");
            AddUserTask(Seed.ScoutingTaskOfAlice, "user.alice.mc23_13p6TeV.601229.ttbar_SingleLep.systematics.v2/", Seed.Alice, "scouting", 3,
                ["running", "running"], Seed.InputDatasetOfAlice);
            AddUserTask(Seed.ChildTaskOfAlice, "user.alice.data18_13TeV.periodAllYear.muon_selection.v3.hist/", Seed.Alice, "running", 20,
                ["running", "activated"], "user.alice:user.alice.data18_13TeV.periodAllYear.muon_selection.v3_ANALYSIS.root/",
                parent: Seed.FinishedTaskOfAlice);
            AddUserTask(Seed.PausedTaskOfAlice, "user.alice.mc23_13p6TeV.601230.ttbar_dilep.analysis.v1/", Seed.Alice, "paused", 30,
                ["activated", "activated"], "mc23_13p6TeV:mc23_13p6TeV.601230.PhPy8EG_A14_ttbar_hdamp258p75_dil.deriv.DAOD_PHYS.e8514_s4162_r15540_p6266",
                oldStatus: "running");
            AddUserTask(Seed.RunningTaskOfBob, "user.bob.data22_13p6TeV.periodAllYear.jets.v7/", Seed.Bob, "running", 12,
                ["running", "running", "activated", "finished"], "data22_13p6TeV:data22_13p6TeV.periodAllYear.physics_Main.PhysCont.DAOD_PHYS.grp22_v01_p6266");
            AddUserTask(Seed.DoneTaskOfBob, "user.bob.data22_13p6TeV.periodAllYear.jets.v6/", Seed.Bob, "done", 200,
                ["finished", "finished", "finished"], "data22_13p6TeV:data22_13p6TeV.periodAllYear.physics_Main.PhysCont.DAOD_PHYS.grp22_v01_p6266");
            AddProductionTask(Seed.RunningProductionTask, "running", ["running", "running", "running", "activated", "finished", "failed"], 60);
            AddProductionTask(Seed.PendingProductionTask, "pending", [], 8);
            AddProductionTask(Seed.ExhaustedProductionTask, "exhausted", ["failed", "failed"], 150);
        }

        public void AddBulkTasks()
        {
            for (var i = 0; i < Seed.BulkTaskCount; i++)
            {
                var id = Seed.FirstBulkTaskId + i;
                var owner = i % 2 == 0 ? Seed.Alice : Seed.Bob;
                AddUserTask(id, $"user.{owner}.mc23_13p6TeV.601229.ttbar_SingleLep.bulk.{i:000}/", owner, "running", 6 + i % 24,
                    ["running", "activated"], Seed.InputDatasetOfAlice);
            }
        }

        private void AddUserTask(long id, string name, string owner, string status, int ageHours, string[] jobStatuses, string input,
            long? parent = null, string? oldStatus = null, bool withMetadata = false)
        {
            var created = origin.AddHours(-ageHours);
            var site = id % 2 == 0 ? "ANALY_CERN_GPU" : "ANALY_BNL_VP";
            var stem = name.TrimEnd('/');
            var parameters = new JsonObject
            {
                ["taskName"] = name,
                ["userName"] = owner,
                ["vo"] = "atlas",
                ["prodSourceLabel"] = "user",
                ["taskType"] = "anal",
                ["processingType"] = "panda-client-1.5.85-jedi-run",
                ["taskPriority"] = 1000,
                ["architecture"] = "x86_64-el9-gcc13-opt",
                ["transUses"] = UserRelease,
                ["transHome"] = "AnalysisBase-25.2.32",
                ["cliParams"] = $"prun --exec \"python run.py %IN\" --inDS {input} --outDS {name} --outputs ANALYSIS.root --nFilesPerJob 1",
                ["nFilesPerJob"] = 1,
                ["uniqueTaskName"] = true,
                ["log"] = new JsonObject { ["dataset"] = $"{stem}.log/", ["type"] = "template", ["param_type"] = "log", ["value"] = $"{stem}.log.$JEDITASKID.${{SN}}.log.tgz" },
            };
            if (parent is not null)
            {
                parameters["parentTaskName"] = Tasks.First(t => t.JediTaskId == parent).TaskName;
            }
            var (datasets, jobs) = Materialise(id, name, owner, "user", "User Analysis", "panda-client-1.5.85-jedi-run", site, created,
                jobStatuses, input, $"{stem}_ANALYSIS.root/", withMetadata);
            Tasks.Add(new TaskRecord
            {
                JediTaskId = id,
                TaskName = name,
                Status = status,
                OldStatus = oldStatus,
                UserName = owner,
                ProdSourceLabel = "user",
                TaskType = "anal",
                ProcessingType = "panda-client-1.5.85-jedi-run",
                TaskPriority = 1000,
                CurrentPriority = 1000,
                RamCount = 2000,
                WallTime = 0,
                CpuTime = 0,
                Cloud = Sites.First(s => s.Name == site).Cloud,
                Site = site,
                ParentTid = parent ?? id,
                ReqId = id,
                Gshare = "User Analysis",
                SplitRule = "NF=1,NG=20,RD=1,SC=1,UJ=0",
                TransUses = UserRelease,
                TransHome = "AnalysisBase-25.2.32",
                AttemptNr = 1,
                CreationDate = created,
                ModificationTime = origin.AddHours(-(ageHours / 4)),
                StartTime = status is "registered" or "defined" ? null : created.AddMinutes(20),
                EndTime = status is "finished" or "failed" or "done" ? origin.AddHours(-(ageHours / 4)) : null,
                StateChangeTime = origin.AddHours(-(ageHours / 4)),
                ErrorDialog = status == "failed" ? "Input files are exhausted after retries (3/3 failed)" : null,
                ParametersJson = parameters.ToJsonString(),
                JobParamsTemplate = $"-j \"\" --sourceURL https://aipanda048.cern.ch:25443 -r . -p \"python%20run.py%20%25IN\" -i \"${{IN/T}}\" -o \"{{'ANALYSIS.root': '{stem}.$JEDITASKID._${{SN/P}}.ANALYSIS.root'}}\"",
                Datasets = datasets,
                JobIds = [.. jobs.Select(j => j.PandaId)],
            });
            Jobs.AddRange(jobs);
        }

        private void AddProductionTask(long id, string status, string[] jobStatuses, int ageHours)
        {
            var created = origin.AddHours(-ageHours);
            var name = $"mc23_13p6TeV.601229.PhPy8EG_A14_ttbar_hdamp258p75_SingleLep.simul.HITS.e8514_s4162_tid{id}";
            var input = "mc23_13p6TeV:mc23_13p6TeV.601229.PhPy8EG_A14_ttbar_hdamp258p75_SingleLep.evgen.EVNT.e8514_tid38400001_00";
            var parameters = new JsonObject
            {
                ["taskName"] = name,
                ["userName"] = Seed.ProductionUser,
                ["vo"] = "atlas",
                ["prodSourceLabel"] = "managed",
                ["taskType"] = "prod",
                ["processingType"] = "simul",
                ["taskPriority"] = 900,
                ["campaign"] = "MC23:MC23e",
                ["transUses"] = ProductionRelease,
                ["transHome"] = "Athena-23.0.30",
                ["nEventsPerJob"] = 1000,
                ["ramCount"] = 2000,
                ["coreCount"] = 8,
            };
            var (datasets, jobs) = Materialise(id, name, Seed.ProductionUser, "managed", Seed.GlobalShare, "simul", "CERN-PROD_UCORE", created,
                jobStatuses, input, $"mc23_13p6TeV:mc23_13p6TeV.601229.PhPy8EG_A14_ttbar_hdamp258p75_SingleLep.simul.HITS.e8514_s4162_tid{id}_00", false);
            Tasks.Add(new TaskRecord
            {
                JediTaskId = id,
                TaskName = name,
                Status = status,
                UserName = Seed.ProductionUser,
                WorkingGroup = "AP_MCGN",
                ProdSourceLabel = "managed",
                TaskType = "prod",
                ProcessingType = "simul",
                TaskPriority = 900,
                CurrentPriority = 900,
                CoreCount = 8,
                RamCount = 2000,
                WallTime = 3600,
                CpuTime = 250,
                Cloud = "CERN",
                Nucleus = "CERN-PROD",
                ParentTid = id,
                ReqId = 54321,
                Gshare = Seed.GlobalShare,
                ResourceType = "MCORE",
                SplitRule = "EC=1,ES=1,NG=2,RD=1",
                Campaign = "MC23:MC23e",
                TransUses = ProductionRelease,
                TransHome = "Athena-23.0.30",
                AttemptNr = 0,
                CreationDate = created,
                ModificationTime = origin.AddHours(-1),
                StartTime = status == "pending" ? null : created.AddHours(1),
                StateChangeTime = origin.AddHours(-1),
                ErrorDialog = status == "exhausted" ? "exhausted since too many jobs failed (failureRate=1.0)" : null,
                ParametersJson = parameters.ToJsonString(),
                JobParamsTemplate = "--inputEVNTFile=${IN} --outputHITSFile=${OUT.HITS} --maxEvents=1000 --randomSeed=${RNDMSEED} --geometryVersion=default:ATLAS-R3S-2021-03-02-00 --conditionsTag=default:OFLCOND-MC23-SDR-RUN3-07",
                Datasets = datasets,
                JobIds = [.. jobs.Select(j => j.PandaId)],
            });
            Jobs.AddRange(jobs);
        }

        private (ImmutableArray<DatasetRecord> Datasets, List<JobRecord> Jobs) Materialise(long taskId, string taskName, string owner, string label,
            string share, string processing, string site, DateTime created, string[] jobStatuses, string inputContainer, string outputName, bool withMetadata)
        {
            var user = label == "user";
            var scope = inputContainer.Split(':')[0];
            var inputName = inputContainer.Contains("_tid", StringComparison.Ordinal) ? inputContainer : $"{inputContainer.TrimEnd('/')}_tid{38_511_000 + taskId % 1000}_00";
            var outputScope = user ? $"user.{owner}" : "mc23_13p6TeV";
            var siteRecord = Sites.First(s => s.Name == site);
            var inputId = _nextDatasetId++;
            var outputId = _nextDatasetId++;
            var logId = _nextDatasetId++;
            var inputFiles = new List<FileRecord>();
            var outputFiles = new List<FileRecord>();
            var logFiles = new List<FileRecord>();
            var jobs = new List<JobRecord>();
            for (var i = 0; i < jobStatuses.Length; i++)
            {
                var pandaId = _nextJobId++;
                var status = jobStatuses[i];
                var serial = (i + 1).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
                var inputLfn = user ? $"DAOD_PHYS.{38_511_000 + taskId % 1000}._{serial}.pool.root.1" : $"EVNT.38400001._{serial}.pool.root.1";
                var outputLfn = user ? $"{outputScope}.{taskId}._{serial}.ANALYSIS.root" : $"HITS.{taskId}._{serial}.pool.root.1";
                var logLfn = $"{(user ? outputScope + "." : "")}{taskId}._{serial}.log.tgz";
                var fileStatus = status switch
                {
                    "finished" => "finished",
                    "failed" or "cancelled" => "failed",
                    _ => "running",
                };
                var inputFile = new FileRecord(_nextFileId++, inputLfn, scope, fileStatus, 1_843_200_000 + i * 7_340_032L, Guid(taskId, i, 1), Checksum(taskId, i, 1), pandaId, 1);
                inputFiles.Add(inputFile);
                outputFiles.Add(new FileRecord(_nextFileId++, outputLfn, outputScope, status == "finished" ? "finished" : "defined", 52_428_800 + i * 1024L, Guid(taskId, i, 2), Checksum(taskId, i, 2), pandaId, 1));
                logFiles.Add(new FileRecord(_nextFileId++, logLfn, outputScope, status == "finished" ? "finished" : "defined", 1_048_576, Guid(taskId, i, 3), Checksum(taskId, i, 3), pandaId, 1));
                var started = status is "running" or "starting" or "finished" or "failed" or "holding" ? created.AddMinutes(30 + i * 7) : (DateTime?)null;
                var ended = status is "finished" or "failed" or "cancelled" ? created.AddMinutes(95 + i * 11) : (DateTime?)null;
                jobs.Add(new JobRecord
                {
                    PandaId = pandaId,
                    JediTaskId = taskId,
                    JobDefinitionId = user ? 42_000 + taskId % 1000 : taskId % 100_000,
                    JobsetId = user ? 41_000 + taskId % 1000 : taskId % 100_000,
                    JobName = user ? $"{taskName.TrimEnd('/')}.{pandaId}" : $"{taskName}._{serial}",
                    JobStatus = status,
                    CommandToPilot = status == "cancelled" ? "tobekilled" : null,
                    ComputingSite = site,
                    ComputingElement = status is "activated" ? null : $"ce{(i % 3) + 1}.{siteRecord.PandaSite.ToLowerInvariant()}.example.org",
                    Cloud = siteRecord.Cloud,
                    Nucleus = user ? null : "CERN-PROD",
                    ProdSourceLabel = label,
                    ProdUserName = owner,
                    ProdUserId = user ? $"{char.ToUpperInvariant(owner[0])}{owner[1..]}/CN=nickname:{owner}" : "/DC=ch/DC=cern/OU=Organic Units/OU=Users/CN=atlasprd/CN=Robot: ATLAS Production",
                    WorkingGroup = user ? null : "AP_MCGN",
                    Transformation = user ? UserTransformation : "Sim_tf.py",
                    AtlasRelease = user ? UserRelease : ProductionRelease,
                    HomePackage = user ? UserHomePackage : ProductionHomePackage,
                    JobParameters = user
                        ? $"-j \"\" --sourceURL https://aipanda048.cern.ch:25443 -r . -p \"python%20run.py%20%25IN\" -i \"['{inputLfn}']\" -o \"{{'ANALYSIS.root': '{outputLfn}'}}\""
                        : $"--inputEVNTFile={inputLfn} --outputHITSFile={outputLfn} --maxEvents=1000 --randomSeed={i + 1} --geometryVersion=default:ATLAS-R3S-2021-03-02-00 --conditionsTag=default:OFLCOND-MC23-SDR-RUN3-07",
                    ProcessingType = processing,
                    AssignedPriority = user ? 1000 : 900,
                    CurrentPriority = user ? 1000 - i * 10 : 900,
                    AttemptNr = status == "failed" ? 3 : 1,
                    MaxAttempt = 3,
                    CreationTime = created.AddMinutes(i),
                    ModificationTime = ended ?? started ?? created.AddMinutes(i),
                    StateChangeTime = ended ?? started ?? created.AddMinutes(i),
                    StartTime = started,
                    EndTime = ended,
                    CoreCount = user ? 1 : 8,
                    ActualCoreCount = started is null ? null : user ? 1 : 8,
                    MinRamCount = user ? 2000 : 16000,
                    ResourceType = user ? "SCORE" : "MCORE",
                    Gshare = share,
                    TransExitCode = status switch { "finished" => 0, "failed" => user ? 1 : 65, _ => null },
                    PilotErrorCode = status == "failed" ? 1305 : 0,
                    PilotErrorDiag = status == "failed" ? "Failed to execute payload:Non-zero return code from payload (1)" : null,
                    ExeErrorCode = status == "failed" ? 65 : 0,
                    ExeErrorDiag = status == "failed" ? "Non-zero return code from runGen (1)" : null,
                    TaskBufferErrorCode = status == "cancelled" ? 100 : 0,
                    TaskBufferErrorDiag = status == "cancelled" ? $"killed by {owner}" : null,
                    NEvents = status == "finished" ? (user ? 48_213 + i * 17 : 1000) : null,
                    CpuConsumptionTime = started is null ? null : 3_600 + i * 120,
                    MaxRss = started is null ? null : 1_572_864 + i * 4096,
                    BatchId = started is null ? null : $"{(8_812_000 + pandaId % 10_000)}.0",
                    PilotId = started is null ? null : $"https://aipanda158.cern.ch/condor_logs/{pandaId % 1000}/grid.{pandaId}.out|PR|PICARD|3.10.2.4",
                    ReqId = user ? taskId : 54321,
                    MetadataJson = withMetadata && status == "finished"
                        ? JsonSerializer.Serialize(new { exitCode = 0, exitMsg = "OK", files = new { output = new[] { new { name = outputLfn, nentries = 48_213 + i * 17 } } } })
                        : null,
                    Files =
                    [
                        new JobFileRecord(pandaId * 10 + 1, inputLfn, "input", inputName, scope, status == "finished" ? "ready" : "ready", inputFile.Size, inputFile.Guid, inputFile.Checksum, inputId, inputFile.FileId, siteRecord.Ddm),
                        new JobFileRecord(pandaId * 10 + 2, outputLfn, "output", outputName, outputScope, status == "finished" ? "ready" : "unknown", outputFiles[^1].Size, outputFiles[^1].Guid, outputFiles[^1].Checksum, outputId, outputFiles[^1].FileId, siteRecord.Ddm),
                        new JobFileRecord(pandaId * 10 + 3, logLfn, "log", $"{taskName.TrimEnd('/')}.log/", outputScope, status == "finished" ? "ready" : "unknown", 1_048_576, logFiles[^1].Guid, logFiles[^1].Checksum, logId, logFiles[^1].FileId, siteRecord.Ddm),
                    ],
                });
            }
            // two inputs not yet given to any job
            if (jobStatuses.All(s => s is not ("finished" or "failed" or "cancelled")) || jobStatuses.Length == 0)
            {
                for (var extra = 0; extra < 2; extra++)
                {
                    var serial = (jobStatuses.Length + extra + 1).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
                    var lfn = user ? $"DAOD_PHYS.{38_511_000 + taskId % 1000}._{serial}.pool.root.1" : $"EVNT.38400001._{serial}.pool.root.1";
                    inputFiles.Add(new FileRecord(_nextFileId++, lfn, scope, "ready", 1_900_000_000, Guid(taskId, 100 + extra, 1), Checksum(taskId, 100 + extra, 1), null, 0));
                }
            }
            var datasets = ImmutableArray.Create(
                new DatasetRecord(inputId, inputName, inputContainer, "input", "ready", [.. inputFiles]),
                new DatasetRecord(outputId, user ? $"{outputScope}:{outputScope}.{taskId}._ANALYSIS.root" : outputName, user ? outputName : outputName, "output", "running", [.. outputFiles]),
                new DatasetRecord(logId, $"{outputScope}:{taskName.TrimEnd('/')}.log.{taskId}", $"{taskName.TrimEnd('/')}.log/", "log", "running", [.. logFiles]));
            return (datasets, jobs);
        }

        private static string Guid(long taskId, int index, int kind) =>
            new System.Guid((int)(taskId % int.MaxValue), (short)index, (short)kind, 0x8a, 0x3c, 0x11, 0x4e, 0x90, 0x27, 0x5b, (byte)(taskId % 251)).ToString().ToUpperInvariant();

        private static string Checksum(long taskId, int index, int kind) =>
            $"ad:{((taskId * 31 + index * 7 + kind) * 2_654_435_761L & 0xffffffffL):x8}";
    }
}
