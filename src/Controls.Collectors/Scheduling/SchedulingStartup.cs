using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Controls.Collectors.Scheduling;

/// <summary>
/// Prepares the scheduler between the database migration and the start of Quartz. Hosted services start in
/// registration order: <c>ControlsStartup</c> (AddControlsCompliance) migrates first, this runs next, and the
/// Quartz hosted service, registered after it, starts firing last. Building the scheduler here makes Quartz
/// create whatever QRTZ_ tables are missing (ProvisionSchema) in the already-migrated file; the schedules are
/// then synchronised with the systems before the first trigger can fire.
/// </summary>
public sealed class SchedulingStartup(SchedulerDatabase database, ScheduleSynchronizer synchronizer, ILogger<SchedulingStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var journal = await database.EnsureWalAsync(cancellationToken);
        if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase))
        {
            // An in-memory or read-only database cannot switch; the scheduler still works, only with more waiting.
            logger.LogWarning("The Controls database is in journal mode '{Journal}', not WAL: the scheduler and the web UI will block each other more", journal);
        }

        await synchronizer.SyncAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
