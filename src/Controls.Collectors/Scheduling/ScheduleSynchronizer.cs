using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Controls.Collectors.Scheduling;

/// <summary>
/// Makes the Quartz store match the connected systems: one durable <see cref="CollectSystemJob"/> per collectable
/// system, with a UTC cron trigger while the system is enabled. Runs at startup and whenever a system changes.
/// </summary>
/// <remarks>
/// A trigger whose schedule has not changed is left exactly as stored, so its next fire time and any misfire
/// that happened while the host was down survive a restart; replacing it would recompute both from "now".
/// </remarks>
public sealed class ScheduleSynchronizer(ISchedulerFactory schedulers, IServiceScopeFactory scopes, ILogger<ScheduleSynchronizer> logger)
{
    /// <summary>Systems of this kind hold uploaded evidence; there is no collector to run, so they are never scheduled.</summary>
    public const string ManualKind = Controls.Compliance.Systems.SystemKinds.Manual;

    /// <summary>Trigger data key holding the system's schedule text the cron trigger was built from.</summary>
    public const string ScheduleKey = "schedule";

    /// <summary>Whether <paramref name="cron"/> is a Quartz cron expression a system may be scheduled with.</summary>
    public static bool IsValidSchedule(string? cron) => !string.IsNullOrWhiteSpace(cron) && CronExpression.TryParse(cron, out _);

    /// <summary>Brings every system's job and trigger in line with the database, and removes jobs of systems that are gone.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var systems = await LoadSystemsAsync(null, cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var wanted = new HashSet<JobKey>();
        foreach (var system in systems)
        {
            if (await ApplyAsync(scheduler, system, cancellationToken))
            {
                wanted.Add(CollectSystemJob.KeyFor(system.Id));
            }
        }

        var stored = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(CollectSystemJob.Group), cancellationToken);
        foreach (var orphan in stored.Where(k => !wanted.Contains(k)))
        {
            logger.LogInformation("Removing collection job {JobKey}: its system no longer exists or is not collectable", orphan);
            await scheduler.DeleteJob(orphan, cancellationToken);
        }

        logger.LogInformation("Collection schedules synchronised: {Jobs} collectable systems, {Scheduled} with an active schedule", wanted.Count, systems.Count(s => s.Enabled && wanted.Contains(CollectSystemJob.KeyFor(s.Id))));
    }

    /// <summary>Brings one system's job and trigger in line with the database; removes them when the system is gone.</summary>
    public async Task SyncSystemAsync(int systemId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var system = (await LoadSystemsAsync(systemId, cancellationToken)).SingleOrDefault();
        if (system is null || !await ApplyAsync(scheduler, system, cancellationToken))
        {
            await scheduler.DeleteJob(CollectSystemJob.KeyFor(systemId), cancellationToken);
        }
    }

    private async Task<List<SystemSchedule>> LoadSystemsAsync(int? systemId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();

        // IgnoreQueryFilters is legitimate here and only here: the scheduler serves every workspace, and it reads
        // nothing but the identity and schedule of each system. Each run then binds its scope to the system's
        // own workspace (CollectSystemJob), so the collection itself stays filtered.
        var query = db.Systems.IgnoreQueryFilters().AsNoTracking();
        if (systemId is { } id)
        {
            query = query.Where(s => s.Id == id);
        }

        return await query
            .OrderBy(s => s.Id)
            .Select(s => new SystemSchedule(s.Id, s.WorkspaceId, s.Kind, s.Name, s.Schedule, s.Enabled))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Returns whether the system keeps a job (it is collectable); its cron trigger exists only while it is enabled.</summary>
    private async Task<bool> ApplyAsync(IScheduler scheduler, SystemSchedule system, CancellationToken cancellationToken)
    {
        if (string.Equals(system.Kind, ManualKind, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var jobKey = CollectSystemJob.KeyFor(system.Id);
        var job = await scheduler.GetJobDetail(jobKey, cancellationToken);
        if (job is null || !HasData(job.JobDataMap, system))
        {
            // Durable so that "collect now" works for a disabled system too: the job stays while the trigger goes.
            job = JobBuilder.Create<CollectSystemJob>()
                .WithIdentity(jobKey)
                .WithDescription($"Collect {system.Kind} system '{system.Name}'")
                .StoreDurably()
                .UsingJobData(CollectSystemJob.WorkspaceIdKey, system.WorkspaceId.ToString())
                .UsingJobData(CollectSystemJob.SystemIdKey, system.Id.ToString())
                .UsingJobData(CollectSystemJob.TriggerKey, CollectSystemJob.ScheduleTrigger)
                .Build();
            await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        }

        var triggerKey = CollectSystemJob.CronTriggerKeyFor(system.Id);
        if (!system.Enabled)
        {
            if (await scheduler.UnscheduleJob(triggerKey, cancellationToken))
            {
                logger.LogInformation("System {SystemId} is disabled: its collection schedule is removed", system.Id);
            }

            return true;
        }

        if (!IsValidSchedule(system.Schedule))
        {
            // No schedule rather than a guessed one: its evidence goes stale and the checks say so.
            logger.LogError("System {SystemId} has an invalid cron schedule '{Schedule}'; it is not collected on a schedule until that is fixed", system.Id, system.Schedule);
            await scheduler.UnscheduleJob(triggerKey, cancellationToken);
            return true;
        }

        var existing = await scheduler.GetTrigger(triggerKey, cancellationToken);
        // Compared with the schedule text the trigger was made from (kept in its data), not with the cron
        // string Quartz stores, which is a canonical form that may be spelled differently.
        if (existing is ICronTrigger cron
            && existing.JobDataMap.GetString(ScheduleKey) == system.Schedule
            && cron.TimeZone.Id == TimeZoneInfo.Utc.Id
            && cron.MisfireInstruction == CronTriggerMisfireInstruction.FireAndProceed)
        {
            return true;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(triggerKey)
            .ForJob(jobKey)
            .WithDescription($"Cron {system.Schedule} (UTC)")
            .UsingJobData(ScheduleKey, system.Schedule)
            .WithCronSchedule(system.Schedule, b => b
                .InTimeZone(TimeZoneInfo.Utc)

                // After downtime a missed collection runs once on recovery, not once per missed firing.
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        var next = existing is null
            ? await scheduler.ScheduleJob(trigger, default, cancellationToken)
            : await scheduler.RescheduleJob(triggerKey, trigger, cancellationToken);
        logger.LogInformation("System {SystemId} ({Kind} '{Name}') is collected on cron '{Schedule}' UTC, next at {NextFire:O}", system.Id, system.Kind, system.Name, system.Schedule, next);
        return true;
    }

    private static bool HasData(JobDataMap data, SystemSchedule system) =>
        data.TryGetInt(CollectSystemJob.WorkspaceIdKey, out var workspaceId) && workspaceId == system.WorkspaceId
        && data.TryGetInt(CollectSystemJob.SystemIdKey, out var systemId) && systemId == system.Id;

    private sealed record SystemSchedule(int Id, int WorkspaceId, string Kind, string Name, string Schedule, bool Enabled);
}
