using Controls.Collectors.Scheduling;
using Controls.Compliance.Collection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Xunit.Abstractions;
using static Controls.Collectors.Tests.Scheduling.SchedulingTestEnvironment;

namespace Controls.Collectors.Tests.Scheduling;

/// <summary>What must hold across a stop and a start of the process on the same database file.</summary>
[Collection(SchedulingCollection.Name)]
public sealed class SchedulePersistenceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Restart_KeepsTheStoredTrigger_AndACollectionMissedWhileDownRunsOnce()
    {
        await using var env = new SchedulingTestEnvironment(output);
        var systemId = 0;
        var workspaceId = await env.SeedAsync(async (db, ws) =>
        {
            var system = NewSystem(ws, "acme-org", schedule: YearlyCron);
            db.Systems.Add(system);
            await db.SaveChangesAsync();
            systemId = system.Id;
        });
        var triggerKey = CollectSystemJob.CronTriggerKeyFor(systemId);
        var sched = ("$sched", (object)env.InstanceName);
        var name = ("$name", (object)triggerKey.Name);

        var hostA = await env.StartHostAsync();
        var before = await (await SchedulerAsync(hostA)).GetTrigger(triggerKey);
        Assert.NotNull(before);
        await env.StopAsync(hostA);

        var hostB = await env.StartHostAsync();
        var after = await (await SchedulerAsync(hostB)).GetTrigger(triggerKey);
        Assert.NotNull(after);

        // The same stored trigger, not a new one built from the same cron: a rebuilt one would start "now".
        Assert.Equal(before.StartTimeUtc, after.StartTimeUtc);
        Assert.Equal(before.NextFireTimeUtc, after.NextFireTimeUtc);
        Assert.Equal(after.NextFireTimeUtc!.Value.UtcTicks, await env.ScalarAsync("SELECT NEXT_FIRE_TIME FROM QRTZ_TRIGGERS WHERE SCHED_NAME = $sched AND TRIGGER_NAME = $name", sched, name));
        await env.StopAsync(hostB);

        // Rewind the stored trigger as if the process had been down for three yearly firings: it was created
        // (started) before the first of them and is due at it. Both times are UTC ticks, as the check above shows.
        var missed = new DateTimeOffset(after.NextFireTimeUtc.Value.Year - 3, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(after.StartTimeUtc.UtcTicks, await env.ScalarAsync("SELECT START_TIME FROM QRTZ_TRIGGERS WHERE SCHED_NAME = $sched AND TRIGGER_NAME = $name", sched, name));
        Assert.Equal(1, await env.ScalarAsync(
            "UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = $next, START_TIME = $start WHERE SCHED_NAME = $sched AND TRIGGER_NAME = $name; SELECT changes();",
            sched, name, ("$next", missed.UtcTicks), ("$start", missed.AddDays(-1).UtcTicks)));

        var hostC = await env.StartHostAsync();
        await EventuallyAsync(async () => (await RunsAsync(hostC, workspaceId, systemId)).Any(r => r.Outcome != RunOutcome.Running), "the missed collection to run on recovery");

        // FireAndProceed: one run, and the trigger moved straight on to the next future firing. Had the misfires
        // been replayed, the next fire time would still be in the past (the following missed year).
        var recovered = await (await SchedulerAsync(hostC)).GetTrigger(triggerKey);
        Assert.NotNull(recovered);
        Assert.Equal(after.NextFireTimeUtc, recovered.NextFireTimeUtc);
        var run = Assert.Single(await RunsAsync(hostC, workspaceId, systemId));
        Assert.Equal(CollectSystemJob.ScheduleTrigger, run.Trigger);
        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(1, env.Collector.Calls);
    }

    [Fact]
    public async Task HostStopping_CancelsTheRunningCollector_AndWaitsForItsRunToBeClosed()
    {
        await using var env = new SchedulingTestEnvironment(output);
        var systemId = 0;
        var workspaceId = await env.SeedAsync(async (db, ws) =>
        {
            var system = NewSystem(ws, "acme-org");
            db.Systems.Add(system);
            await db.SaveChangesAsync();
            systemId = system.Id;
        });

        // A well-behaved collector: it runs until it is told to stop.
        env.Collector.Behaviour = (_, _, ct) => Task.Delay(Timeout.InfiniteTimeSpan, ct);
        var hostA = await env.StartHostAsync();
        await hostA.Services.GetRequiredService<ICollectionScheduler>().TriggerNowAsync(workspaceId, systemId);
        await EventuallyAsync(() => Task.FromResult(env.Collector.Calls == 1), "the collector to be running");
        await env.StopAsync(hostA);

        // Closed by the run itself during the shutdown, so the next start has nothing to call interrupted.
        var hostB = await env.StartHostAsync(scheduling: false);
        var run = Assert.Single(await RunsAsync(hostB, workspaceId, systemId));
        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Equal("Collection was cancelled because the host is stopping.", run.Error);
    }

    [Fact]
    public async Task HostStoppedMidRun_RunIsMarkedInterruptedOnTheNextStart()
    {
        await using var env = new SchedulingTestEnvironment(output);
        var systemId = 0;
        var workspaceId = await env.SeedAsync(async (db, ws) =>
        {
            var system = NewSystem(ws, "acme-org");
            db.Systems.Add(system);
            await db.SaveChangesAsync();
            systemId = system.Id;
        });

        // A collector that ignores cancellation and never finishes: the host gives up on it at its shutdown
        // timeout, as when a process is stopped mid-run, and nothing closes the run.
        var never = new TaskCompletionSource();
        env.Collector.Behaviour = (_, _, _) => never.Task;
        var hostA = await env.StartHostAsync(shutdownTimeout: TimeSpan.FromSeconds(2));
        await hostA.Services.GetRequiredService<ICollectionScheduler>().TriggerNowAsync(workspaceId, systemId);
        await EventuallyAsync(() => Task.FromResult(env.Collector.Calls == 1), "the collector to be running");
        await env.StopAsync(hostA);

        var hostB = await env.StartHostAsync();
        var run = Assert.Single(await RunsAsync(hostB, workspaceId, systemId));
        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.StartsWith("Interrupted", run.Error);
        Assert.NotNull(run.FinishedAt);
    }
}
