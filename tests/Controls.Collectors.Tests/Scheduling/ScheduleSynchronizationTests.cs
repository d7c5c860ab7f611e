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

/// <summary>Systems changing while the host runs, and the scheduler's configuration.</summary>
[Collection(SchedulingCollection.Name)]
public sealed class ScheduleSynchronizationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DisablingASystem_RemovesItsTrigger_AndDeletingItRemovesItsJob()
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
        var scheduler = await SchedulerAsync(host);
        var collections = host.Services.GetRequiredService<ICollectionScheduler>();
        var triggerKey = CollectSystemJob.CronTriggerKeyFor(systemId);
        Assert.True(await scheduler.Exists(triggerKey));

        await InWorkspaceAsync(host, workspaceId, db => db.Systems.Where(s => s.Id == systemId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Enabled, false)));
        await collections.SyncSystemAsync(systemId);
        Assert.False(await scheduler.Exists(triggerKey));
        Assert.Equal(0, await env.ScalarAsync("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE SCHED_NAME = $sched AND TRIGGER_NAME = $name", ("$sched", env.InstanceName), ("$name", triggerKey.Name)));
        Assert.True(await scheduler.Exists(CollectSystemJob.KeyFor(systemId)));

        // A changed schedule replaces the trigger.
        await InWorkspaceAsync(host, workspaceId, db => db.Systems.Where(s => s.Id == systemId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Enabled, true).SetProperty(s => s.Schedule, "0 30 2 * * ?")));
        await collections.SyncSystemAsync(systemId);
        var cron = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(triggerKey));
        Assert.Equal(2, cron.NextFireTimeUtc!.Value.Hour);
        Assert.Equal(30, cron.NextFireTimeUtc.Value.Minute);

        await InWorkspaceAsync(host, workspaceId, db => db.Systems.Where(s => s.Id == systemId).ExecuteDeleteAsync());
        await collections.SyncSystemAsync(systemId);
        Assert.False(await scheduler.Exists(CollectSystemJob.KeyFor(systemId)));
        Assert.False(await scheduler.Exists(triggerKey));
    }

    [Fact]
    public async Task CollectNow_ForADisabledSystem_RunsWithoutRestoringItsSchedule()
    {
        await using var env = new SchedulingTestEnvironment(output);
        var systemId = 0;
        var workspaceId = await env.SeedAsync(async (db, ws) =>
        {
            var system = NewSystem(ws, "acme-org", enabled: false);
            db.Systems.Add(system);
            await db.SaveChangesAsync();
            systemId = system.Id;
        });
        var host = await env.StartHostAsync();

        await host.Services.GetRequiredService<ICollectionScheduler>().TriggerNowAsync(workspaceId, systemId);

        await EventuallyAsync(
            async () => (await RunsAsync(host, workspaceId, systemId)).Any(r => r.Outcome != RunOutcome.Running),
            "the manual run of the disabled system to finish");
        var run = Assert.Single(await RunsAsync(host, workspaceId, systemId));
        Assert.Equal((CollectSystemJob.ManualTrigger, RunOutcome.Succeeded), (run.Trigger, run.Outcome));
        Assert.False(await (await SchedulerAsync(host)).Exists(CollectSystemJob.CronTriggerKeyFor(systemId)));
    }

    [Fact]
    public async Task ScheduledRun_ForASystemDeletedBehindTheSchedulersBack_IsLoggedAndUnscheduled()
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
        var scheduler = await SchedulerAsync(host);
        await InWorkspaceAsync(host, workspaceId, db => db.Systems.Where(s => s.Id == systemId).ExecuteDeleteAsync());

        await scheduler.TriggerJob(CollectSystemJob.KeyFor(systemId), new JobDataMap());

        // Quartz marks the triggers complete (they never fire again); the next synchronisation deletes the job.
        await EventuallyAsync(
            async () => await scheduler.GetTriggerState(CollectSystemJob.CronTriggerKeyFor(systemId)) is TriggerState.Complete or TriggerState.None,
            "the deleted system's trigger to be unscheduled");
        Assert.Contains(env.Log.Entries, e => e.Level >= LogLevel.Warning && e.Category.EndsWith(nameof(CollectSystemJob), StringComparison.Ordinal) && e.Exception is KeyNotFoundException);
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.Equal(0, env.Collector.Calls);

        await host.Services.GetRequiredService<ScheduleSynchronizer>().SyncAsync(CancellationToken.None);
        Assert.False(await scheduler.Exists(CollectSystemJob.KeyFor(systemId)));
    }

    [Fact]
    public async Task SchedulingDisabled_RegistersNoScheduler_AndCollectNowSaysSo()
    {
        await using var env = new SchedulingTestEnvironment(output);
        var host = await env.StartHostAsync(scheduling: false);

        Assert.Null(host.Services.GetService<ISchedulerFactory>());
        var collections = host.Services.GetRequiredService<ICollectionScheduler>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => collections.TriggerNowAsync(1, 1));
        Assert.Equal(0, await env.ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'QRTZ%'"));
    }

    [Fact]
    public async Task InvalidThreadCount_FailsTheStartWithTheSettingsName()
    {
        await using var env = new SchedulingTestEnvironment(output);
        var host = env.BuildHost(settings: new Dictionary<string, string?> { ["Controls:Scheduling:ThreadCount"] = "0" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Controls:Scheduling:ThreadCount", error.Message);
    }
}
