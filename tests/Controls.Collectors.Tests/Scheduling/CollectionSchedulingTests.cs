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

/// <summary>
/// The scheduler end to end: real hosts, a real SQLite file shared by EF and Quartz, real Quartz, the real
/// CollectionRunner. Only the platform is a test double.
/// </summary>
[Collection(SchedulingCollection.Name)]
public sealed class CollectionSchedulingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Startup_WithEnabledSystem_StoresItsUtcCronTriggerInTheQuartzTables()
    {
        await using var env = new SchedulingTestEnvironment(output);
        int enabled = 0, disabled = 0, manual = 0;
        var workspaceId = await env.SeedAsync(async (db, ws) =>
        {
            var systems = new[]
            {
                NewSystem(ws, "acme-org", schedule: "0 15 */6 * * ?"),
                NewSystem(ws, "acme-legacy", enabled: false),
                NewSystem(ws, "uploads", kind: ScheduleSynchronizer.ManualKind),
            };
            db.Systems.AddRange(systems);
            await db.SaveChangesAsync();
            (enabled, disabled, manual) = (systems[0].Id, systems[1].Id, systems[2].Id);
        });

        var host = await env.StartHostAsync();

        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await (await SchedulerAsync(host)).GetTrigger(CollectSystemJob.CronTriggerKeyFor(enabled)));
        Assert.Equal(TimeZoneInfo.Utc.Id, trigger.TimeZone.Id);
        Assert.Equal(CronTriggerMisfireInstruction.FireAndProceed, trigger.MisfireInstruction);
        Assert.Equal(CollectSystemJob.KeyFor(enabled), trigger.JobKey);

        // The rows, not just the API: this is what survives the process.
        var sched = ("$sched", (object)env.InstanceName);
        Assert.Equal(1, await env.ScalarAsync(
            """
            SELECT COUNT(*) FROM QRTZ_TRIGGERS t JOIN QRTZ_CRON_TRIGGERS c
              ON c.SCHED_NAME = t.SCHED_NAME AND c.TRIGGER_NAME = t.TRIGGER_NAME AND c.TRIGGER_GROUP = t.TRIGGER_GROUP
            WHERE t.SCHED_NAME = $sched AND t.TRIGGER_NAME = $name AND t.TRIGGER_GROUP = 'collection'
              AND t.JOB_NAME = $job AND c.TIME_ZONE_ID = $tz AND t.MISFIRE_INSTR = $misfire
            """,
            sched, ("$name", $"collect-system-{enabled}-cron"), ("$job", $"collect-system-{enabled}"), ("$tz", TimeZoneInfo.Utc.Id), ("$misfire", (int)CronTriggerMisfireInstruction.FireAndProceed)));
        Assert.Equal(1, await env.ScalarAsync("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE SCHED_NAME = $sched AND JOB_NAME = $job", sched, ("$job", $"collect-system-{disabled}")));
        Assert.Equal(0, await env.ScalarAsync("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE SCHED_NAME = $sched AND JOB_NAME = $job", sched, ("$job", $"collect-system-{disabled}")));
        Assert.Equal(0, await env.ScalarAsync("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE SCHED_NAME = $sched AND JOB_NAME = $job", sched, ("$job", $"collect-system-{manual}")));
        Assert.Empty(await RunsAsync(host, workspaceId, enabled));
    }

    [Fact]
    public async Task CollectNow_QueuesAManualRunAndReturnsBeforeItFinishes()
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
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        env.Collector.Behaviour = async (_, context, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            context.Record("test.state", context.System.Name, new { healthy = true });
        };
        var host = await env.StartHostAsync();

        // Returns while the collector cannot possibly have finished: it is still waiting for the gate.
        await host.Services.GetRequiredService<ICollectionScheduler>().TriggerNowAsync(workspaceId, systemId);
        Assert.False(gate.Task.IsCompleted);

        await EventuallyAsync(async () => (await RunsAsync(host, workspaceId, systemId)).Any(r => r.Outcome == RunOutcome.Running), "the manual run to start");
        gate.SetResult();
        await EventuallyAsync(async () => (await RunsAsync(host, workspaceId, systemId)).Any(r => r.Outcome != RunOutcome.Running), "the manual run to finish");

        var run = Assert.Single(await RunsAsync(host, workspaceId, systemId));
        Assert.Equal(CollectSystemJob.ManualTrigger, run.Trigger);
        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(1, run.EvidenceCount);
        Assert.Null(run.Error);
    }

    [Fact]
    public async Task CollectNow_ForASystemOfAnotherWorkspace_IsRefused()
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
        var host = await env.StartHostAsync();
        var scheduler = host.Services.GetRequiredService<ICollectionScheduler>();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => scheduler.TriggerNowAsync(workspaceId + 1, systemId));
        Assert.Equal(0, env.Collector.Calls);
    }

    [Fact]
    public async Task CollectorThrows_RunIsFailedWithItsMessage_HostKeepsRunningAndTheNextTriggerFires()
    {
        await using var env = new SchedulingTestEnvironment(output);
        var systemId = 0;
        var workspaceId = await env.SeedAsync(async (db, ws) =>
        {
            // Every second, so "the next trigger" comes without waiting long.
            var system = NewSystem(ws, "acme-org", schedule: "* * * * * ?");
            db.Systems.Add(system);
            await db.SaveChangesAsync();
            systemId = system.Id;
        });
        env.Collector.Behaviour = (call, context, _) =>
        {
            if (call == 1)
            {
                throw new InvalidOperationException("The platform exploded (test).");
            }

            context.Record("test.state", context.System.Name, new { healthy = true });
            return Task.CompletedTask;
        };
        var host = await env.StartHostAsync();

        await EventuallyAsync(
            async () => (await RunsAsync(host, workspaceId, systemId)).Count(r => r.Outcome is RunOutcome.Failed or RunOutcome.Succeeded) >= 2,
            "a failed scheduled run followed by another scheduled run");
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.Equal(SchedulerStatus.Running, (await SchedulerAsync(host)).Status);

        var runs = await RunsAsync(host, workspaceId, systemId);
        var (failed, next) = (runs[0], runs[1]);
        Assert.Equal(RunOutcome.Failed, failed.Outcome);
        Assert.Equal(CollectSystemJob.ScheduleTrigger, failed.Trigger);
        Assert.Contains("The platform exploded (test).", failed.Error);
        Assert.Equal(RunOutcome.Succeeded, next.Outcome);
        Assert.Equal(CollectSystemJob.ScheduleTrigger, next.Trigger);
    }
}

[CollectionDefinition(Name)]
public sealed class SchedulingCollection
{
    /// <summary>The scheduling tests start real hosts; running them one at a time keeps a shared 2-core machine usable.</summary>
    public const string Name = "Scheduling";
}
