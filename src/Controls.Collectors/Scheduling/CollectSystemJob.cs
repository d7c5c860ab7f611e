using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Controls.Collectors.Scheduling;

/// <summary>
/// Runs one connected system's collector. A thin shell around <see cref="CollectionRunner"/>: the runner records
/// collector failures as Failed runs; this job records what fails around it (the system deleted, the database
/// unavailable) and reports it to Quartz, so no failure is silent and none reaches the host.
/// </summary>
/// <remarks>
/// Concurrency is disallowed per job key, i.e. per system: a manual "collect now" during a scheduled run waits
/// for it instead of racing it on the same evidence chain. Job data holds primitives only (stored as strings),
/// so a stored schedule never depends on the shape of a .NET type.
/// </remarks>
[DisallowConcurrentExecution]
public sealed class CollectSystemJob(IServiceScopeFactory scopes, TimeProvider time, ILogger<CollectSystemJob> logger) : IJob
{
    public const string Group = "collection";
    public const string WorkspaceIdKey = "workspaceId";
    public const string SystemIdKey = "systemId";
    public const string TriggerKey = "trigger";

    /// <summary>The <see cref="CollectionRun.Trigger"/> of runs fired by the system's cron.</summary>
    public const string ScheduleTrigger = "schedule";

    /// <summary>The <see cref="CollectionRun.Trigger"/> of runs someone asked for.</summary>
    public const string ManualTrigger = "manual";

    /// <summary>The caller recorded on everything a scheduled run writes.</summary>
    public const string Caller = "scheduler";

    public static JobKey KeyFor(int systemId) => new($"collect-system-{systemId}", Group);

    public static Quartz.TriggerKey CronTriggerKeyFor(int systemId) => new($"collect-system-{systemId}-cron", Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        if (!data.TryGetInt(WorkspaceIdKey, out var workspaceId) || !data.TryGetInt(SystemIdKey, out var systemId))
        {
            // Only a hand-edited or foreign row can get here; refusing it loudly beats guessing a workspace.
            logger.LogError("Collection job {JobKey} has no workspace or system id in its data; its triggers are removed", context.JobDetail.Key);
            throw new JobExecutionException("The collection job has no workspace or system id in its data.") { UnscheduleAllTriggers = true };
        }

        var trigger = data.GetString(TriggerKey) is { Length: > 0 } t ? t : ScheduleTrigger;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspaceId, Caller);
            var run = await scope.ServiceProvider.GetRequiredService<CollectionRunner>().RunAsync(systemId, trigger, cancellationToken);
            context.Result = run.Outcome.ToString();
        }
        catch (Exception ex)
        {
            var systemExists = await RecordFailureAsync(workspaceId, systemId, trigger, context.FireTimeUtc, ex);
            throw new JobExecutionException($"Collection of system {systemId} failed outside the collector: {ex.GetType().Name}", ex)
            {
                RefireImmediately = false,

                // A system that no longer exists will never collect again; its schedule goes with it.
                UnscheduleAllTriggers = !systemExists,
            };
        }
    }

    /// <summary>
    /// Writes the failure where the run history shows it. Returns whether the system still exists. Uses a fresh
    /// scope: the one that failed may hold a broken change tracker or a dead connection.
    /// </summary>
    private async Task<bool> RecordFailureAsync(int workspaceId, int systemId, string trigger, DateTimeOffset firedAt, Exception failure)
    {
        var message = $"The scheduled collection failed outside the collector: {failure.GetType().Name}: {failure.Message}";
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspaceId, Caller);
            var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();
            var system = await db.Systems.SingleOrDefaultAsync(s => s.Id == systemId, CancellationToken.None);
            if (system is null)
            {
                logger.LogWarning(failure, "Collection job for system {SystemId} in workspace {WorkspaceId} failed and the system no longer exists; its schedule is removed", systemId, workspaceId);
                return false;
            }

            message = Redact(message, scope.ServiceProvider.GetRequiredService<CredentialProvider>().Resolve(system));
            logger.LogError(failure, "Collection job for {Kind} system {SystemId} failed outside the collector: {Error}", system.Kind, systemId, message);

            // A run this firing opened but could not close (the ledger or the final save failed) is closed here,
            // rather than left Running until the next restart calls it interrupted.
            var now = time.GetUtcNow().UtcDateTime;
            var open = await db.CollectionRuns
                .Where(r => r.SystemId == systemId && r.Outcome == RunOutcome.Running && r.StartedAt >= firedAt.UtcDateTime)
                .OrderByDescending(r => r.Id)
                .FirstOrDefaultAsync(CancellationToken.None);
            if (open is null)
            {
                open = new CollectionRun { WorkspaceId = workspaceId, SystemId = systemId, Trigger = trigger, StartedAt = firedAt.UtcDateTime };
                db.CollectionRuns.Add(open);
            }

            open.Outcome = RunOutcome.Failed;
            open.FinishedAt = now;
            open.Error = message;
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (Exception recordFailure)
        {
            // The database itself is failing: the log is the only record left, so both errors go there.
            logger.LogError(failure, "Collection job for system {SystemId} in workspace {WorkspaceId} failed: {Error}", systemId, workspaceId, message);
            logger.LogError(recordFailure, "The failure of the collection job for system {SystemId} could not be recorded as a run", systemId);
            return true;
        }
    }

    private static string Redact(string message, Secret? credential)
    {
        var redacted = credential is null ? message : message.Replace(credential.Reveal(), "***", StringComparison.Ordinal);
        return redacted.Length > 3900 ? redacted[..3900] + "…" : redacted;
    }
}
