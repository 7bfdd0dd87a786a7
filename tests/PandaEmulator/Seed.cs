namespace PandaEmulator;

/// <summary>
/// The ids and names of the emulator's seeded data, the same in every run, for tests to rely on. The state
/// changes as calls change it (<c>POST /_emulator/reset</c> reseeds); timestamps are relative to start-up.
/// </summary>
public static class Seed
{
    /// <summary>A user with tasks of her own (token <c>sub</c> and task owner name).</summary>
    public const string Alice = "alice";

    /// <summary>A second user with tasks of his own.</summary>
    public const string Bob = "bob";

    /// <summary>A user on PanDA's ban list: any token for him gets <c>403 ERROR : mallory is banned</c>.</summary>
    public const string BannedUser = "mallory";

    /// <summary>The owner of the production tasks (a production account, not a person).</summary>
    public const string ProductionUser = "atlas-prod";

    /// <summary>The VO the emulator knows by default.</summary>
    public const string Vo = "atlas";

    /// <summary>Alice's running user analysis task, with <see cref="JobsOfRunningTaskOfAlice"/>; kill, finish and retry act on it.</summary>
    public const long RunningTaskOfAlice = 45_012_301;

    /// <summary>The name (output dataset) of <see cref="RunningTaskOfAlice"/>.</summary>
    public const string RunningTaskNameOfAlice = "user.alice.mc23_13p6TeV.601229.ttbar_SingleLep.analysis.v1/";

    /// <summary>Alice's finished task: retry is accepted; its finished jobs carry user metadata.</summary>
    public const long FinishedTaskOfAlice = 45_012_302;

    /// <summary>Alice's failed task.</summary>
    public const long FailedTaskOfAlice = 45_012_303;

    /// <summary>Alice's task in scouting (avalanche is accepted).</summary>
    public const long ScoutingTaskOfAlice = 45_012_304;

    /// <summary>Alice's running task whose parent is <see cref="FinishedTaskOfAlice"/>.</summary>
    public const long ChildTaskOfAlice = 45_012_305;

    /// <summary>Alice's paused task (resume is accepted).</summary>
    public const long PausedTaskOfAlice = 45_012_306;

    /// <summary>Bob's running task: Alice is not its owner.</summary>
    public const long RunningTaskOfBob = 45_012_401;

    /// <summary>Bob's done task.</summary>
    public const long DoneTaskOfBob = 45_012_402;

    /// <summary>A running production (managed) simulation task.</summary>
    public const long RunningProductionTask = 39_876_501;

    /// <summary>A pending production task (release is accepted); it waits for <see cref="CarouselQueuedRequestId"/>.</summary>
    public const long PendingProductionTask = 39_876_502;

    /// <summary>An exhausted production task (retry needs the production role).</summary>
    public const long ExhaustedProductionTask = 39_876_503;

    /// <summary>The first of <see cref="BulkTaskCount"/> running tasks (ids consecutive) for benchmarks, owned by Alice (even offsets) and Bob (odd).</summary>
    public const long FirstBulkTaskId = 45_100_000;

    public const int BulkTaskCount = 200;

    /// <summary>Jobs per bulk task: one running, one activated.</summary>
    public const int BulkJobsPerTask = 2;

    /// <summary>A task id and a PanDA id the emulator does not know.</summary>
    public const long UnknownTaskId = 1;

    public const long UnknownJobId = 1;

    /// <summary>The first PanDA id of the seeded jobs; the jobs of the named tasks come first, in the order above.</summary>
    public const long FirstJobId = 6_412_000_001;

    /// <summary>The jobs of <see cref="RunningTaskOfAlice"/>: 3 finished, 2 running, 1 starting, 1 activated, 1 failed.</summary>
    public static readonly IReadOnlyList<long> JobsOfRunningTaskOfAlice = Range(FirstJobId, 8);

    /// <summary>A running job of <see cref="RunningTaskOfAlice"/>.</summary>
    public static readonly long RunningJobOfAlice = JobsOfRunningTaskOfAlice[3];

    /// <summary>A finished job of <see cref="RunningTaskOfAlice"/>.</summary>
    public static readonly long FinishedJobOfAlice = JobsOfRunningTaskOfAlice[0];

    /// <summary>A failed job of <see cref="RunningTaskOfAlice"/>.</summary>
    public static readonly long FailedJobOfAlice = JobsOfRunningTaskOfAlice[7];

    /// <summary>The jobs of <see cref="FinishedTaskOfAlice"/>: 4 finished (with metadata), 1 failed.</summary>
    public static readonly IReadOnlyList<long> JobsOfFinishedTaskOfAlice = Range(FirstJobId + 8, 5);

    /// <summary>The jobs of <see cref="RunningTaskOfBob"/>: 2 running, 1 activated, 1 finished; the first is running.</summary>
    public static readonly IReadOnlyList<long> JobsOfRunningTaskOfBob = Range(FirstJobId + 22, 4);

    /// <summary>A running job of Bob's.</summary>
    public static readonly long RunningJobOfBob = JobsOfRunningTaskOfBob[0];

    /// <summary>The jobs of <see cref="RunningProductionTask"/>; the first is running.</summary>
    public static readonly IReadOnlyList<long> JobsOfRunningProductionTask = Range(FirstJobId + 29, 6);

    /// <summary>A running production job.</summary>
    public static readonly long RunningProductionJob = JobsOfRunningProductionTask[0];

    /// <summary>The input container of <see cref="RunningTaskOfAlice"/>.</summary>
    public const string InputDatasetOfAlice = "mc23_13p6TeV:mc23_13p6TeV.601229.PhPy8EG_A14_ttbar_hdamp258p75_SingleLep.deriv.DAOD_PHYS.e8514_s4162_r15540_p6266";

    /// <summary>A unified production queue.</summary>
    public const string SiteName = "CERN-PROD_UCORE";

    /// <summary>An analysis queue.</summary>
    public const string AnalysisSiteName = "ANALY_CERN_GPU";

    /// <summary>A queue no harvester serves (a sweep command for it is refused).</summary>
    public const string UnservedSiteName = "praguelcg2_UCORE";

    /// <summary>The harvester instance serving <see cref="SiteName"/>.</summary>
    public const string HarvesterId = "CERN_central_A";

    /// <summary>A queued data carousel request (force_to_staging and change_staging_source accept it).</summary>
    public const long CarouselQueuedRequestId = 1201;

    /// <summary>A staging data carousel request (change_staging_destination resubmits it).</summary>
    public const long CarouselStagingRequestId = 1202;

    /// <summary>A done data carousel request (retire_unused accepts it).</summary>
    public const long CarouselDoneRequestId = 1203;

    /// <summary>The dataset of <see cref="CarouselQueuedRequestId"/>.</summary>
    public const string CarouselQueuedDataset = "data18_13TeV:data18_13TeV.00350013.physics_Main.merge.AOD.f1002_m2037";

    /// <summary>The dataset of <see cref="CarouselStagingRequestId"/>.</summary>
    public const string CarouselStagingDataset = "data18_13TeV:data18_13TeV.00350160.physics_Main.merge.AOD.f1002_m2037";

    /// <summary>The dataset of <see cref="CarouselDoneRequestId"/>.</summary>
    public const string CarouselDoneDataset = "data18_13TeV:data18_13TeV.00350184.physics_Main.merge.AOD.f1002_m2037";

    /// <summary>A leaf global share tasks can be moved to.</summary>
    public const string GlobalShare = "MC Simulation Full";

    private static long[] Range(long first, int count) => Enumerable.Range(0, count).Select(i => first + i).ToArray();
}
