using PandaEmulator.State;

namespace PandaEmulator.Tests;

public sealed class SeedTests
{
    private static readonly World World = SeedData.Build(new DateTime(2026, 8, 6, 12, 0, 0));

    [Fact]
    public void NamedTasks_HaveTheOwnersAndStatusesSeedPromises()
    {
        (long Id, string Owner, string Status)[] expected =
        [
            (Seed.RunningTaskOfAlice, Seed.Alice, "running"),
            (Seed.FinishedTaskOfAlice, Seed.Alice, "finished"),
            (Seed.FailedTaskOfAlice, Seed.Alice, "failed"),
            (Seed.ScoutingTaskOfAlice, Seed.Alice, "scouting"),
            (Seed.ChildTaskOfAlice, Seed.Alice, "running"),
            (Seed.PausedTaskOfAlice, Seed.Alice, "paused"),
            (Seed.RunningTaskOfBob, Seed.Bob, "running"),
            (Seed.DoneTaskOfBob, Seed.Bob, "done"),
            (Seed.RunningProductionTask, Seed.ProductionUser, "running"),
            (Seed.PendingProductionTask, Seed.ProductionUser, "pending"),
            (Seed.ExhaustedProductionTask, Seed.ProductionUser, "exhausted"),
        ];
        foreach (var (id, owner, status) in expected)
        {
            var task = World.FindTask(id);
            Assert.NotNull(task);
            Assert.Equal(owner, task.UserName);
            Assert.Equal(status, task.Status);
        }
        Assert.Equal(Seed.RunningTaskNameOfAlice, World.FindTask(Seed.RunningTaskOfAlice)!.TaskName);
        Assert.Equal(Seed.FinishedTaskOfAlice, World.FindTask(Seed.ChildTaskOfAlice)!.ParentTid);
    }

    [Fact]
    public void NamedJobs_BelongToTheirTasks_WithTheStatusesSeedPromises()
    {
        Assert.Equal(Seed.JobsOfRunningTaskOfAlice, World.FindTask(Seed.RunningTaskOfAlice)!.JobIds);
        Assert.Equal(Seed.JobsOfFinishedTaskOfAlice, World.FindTask(Seed.FinishedTaskOfAlice)!.JobIds);
        Assert.Equal(Seed.JobsOfRunningTaskOfBob, World.FindTask(Seed.RunningTaskOfBob)!.JobIds);
        Assert.Equal(Seed.JobsOfRunningProductionTask, World.FindTask(Seed.RunningProductionTask)!.JobIds);
        Assert.Equal("running", World.FindJob(Seed.RunningJobOfAlice)!.JobStatus);
        Assert.Equal("finished", World.FindJob(Seed.FinishedJobOfAlice)!.JobStatus);
        Assert.Equal("failed", World.FindJob(Seed.FailedJobOfAlice)!.JobStatus);
        Assert.Equal("running", World.FindJob(Seed.RunningJobOfBob)!.JobStatus);
        Assert.Equal("running", World.FindJob(Seed.RunningProductionJob)!.JobStatus);
        Assert.Null(World.FindTask(Seed.UnknownTaskId));
        Assert.Null(World.FindJob(Seed.UnknownJobId));
    }

    [Fact]
    public void BulkTasks_AlternateOwners()
    {
        for (var i = 0; i < Seed.BulkTaskCount; i++)
        {
            var task = World.FindTask(Seed.FirstBulkTaskId + i)!;
            Assert.Equal(i % 2 == 0 ? Seed.Alice : Seed.Bob, task.UserName);
            Assert.Equal(Seed.BulkJobsPerTask, task.JobIds.Length);
        }
    }

    [Fact]
    public void OtherSeededNames_Exist()
    {
        Assert.Contains(World.Tasks.Values, t => t.Datasets.Any(d => d.ContainerName == Seed.InputDatasetOfAlice));
        Assert.Equal(Seed.HarvesterId, World.FindSite(Seed.SiteName)!.HarvesterId);
        Assert.Equal("analysis", World.FindSite(Seed.AnalysisSiteName)!.Type);
        Assert.Null(World.FindSite(Seed.UnservedSiteName)!.HarvesterId);
        Assert.Equal("queued", World.CarouselRequests.Find(Seed.CarouselQueuedRequestId)!.Status);
        Assert.Equal(Seed.CarouselQueuedDataset, World.CarouselRequests.Find(Seed.CarouselQueuedRequestId)!.Dataset);
        Assert.Equal("staging", World.CarouselRequests.Find(Seed.CarouselStagingRequestId)!.Status);
        Assert.Equal("done", World.CarouselRequests.Find(Seed.CarouselDoneRequestId)!.Status);
        Assert.True(World.LeafShares.ContainsKey(Seed.GlobalShare));
        Assert.Contains(Seed.BannedUser, World.BannedUsers);
    }
}
