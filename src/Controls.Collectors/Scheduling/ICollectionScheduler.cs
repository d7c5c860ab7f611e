using Quartz;

namespace Controls.Collectors.Scheduling;

/// <summary>What the API and the UI ask of the scheduler.</summary>
public interface ICollectionScheduler
{
    /// <summary>Creates, updates or removes the schedule of one system after it was added, changed, disabled or deleted.</summary>
    Task SyncSystemAsync(int systemId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a one-off collection (trigger "manual") and returns as soon as it is stored; the run itself shows up
    /// in the system's run history. Throws <see cref="KeyNotFoundException"/> when the workspace has no such system
    /// and <see cref="InvalidOperationException"/> when the system has no collector (kind "manual").
    /// </summary>
    Task TriggerNowAsync(int workspaceId, int systemId, CancellationToken cancellationToken = default);
}

/// <summary>The Quartz-backed scheduler.</summary>
public sealed class QuartzCollectionScheduler(ISchedulerFactory schedulers, ScheduleSynchronizer synchronizer, SystemLookup systems) : ICollectionScheduler
{
    public Task SyncSystemAsync(int systemId, CancellationToken cancellationToken = default) =>
        synchronizer.SyncSystemAsync(systemId, cancellationToken);

    public async Task TriggerNowAsync(int workspaceId, int systemId, CancellationToken cancellationToken = default)
    {
        await systems.RequireCollectableAsync(workspaceId, systemId, cancellationToken);

        // The job may be missing if the system was created without a sync; make sure it is there first.
        await synchronizer.SyncSystemAsync(systemId, cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var data = new JobDataMap { [CollectSystemJob.TriggerKey] = CollectSystemJob.ManualTrigger };
        await scheduler.TriggerJob(CollectSystemJob.KeyFor(systemId), data, cancellationToken);
    }
}

/// <summary>Used when <see cref="SchedulingOptions.Enabled"/> is off: nothing is scheduled, and asking for a collection says so.</summary>
public sealed class DisabledCollectionScheduler : ICollectionScheduler
{
    public Task SyncSystemAsync(int systemId, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task TriggerNowAsync(int workspaceId, int systemId, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"Collection scheduling is disabled ({SchedulingOptions.Section}:Enabled=false).");
}
