using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Posture;

/// <summary>Connected systems with their collection state: four queries regardless of how many systems or runs exist.</summary>
public sealed class SystemsReader(ControlsDbContext db)
{
    public async Task<IReadOnlyList<SystemState>> LoadAsync(CancellationToken cancellationToken)
    {
        var systems = await db.Systems.AsNoTracking().OrderBy(s => s.Kind).ThenBy(s => s.Name).ToListAsync(cancellationToken);
        var lastFinishedIds = await db.CollectionRuns
            .Where(r => r.Outcome != RunOutcome.Running)
            .GroupBy(r => r.SystemId)
            .Select(g => g.Max(r => r.Id))
            .ToListAsync(cancellationToken);
        var lastSucceededIds = await db.CollectionRuns
            .Where(r => r.Outcome == RunOutcome.Succeeded || r.Outcome == RunOutcome.PartiallySucceeded)
            .GroupBy(r => r.SystemId)
            .Select(g => g.Max(r => r.Id))
            .ToListAsync(cancellationToken);
        var ids = lastFinishedIds.Concat(lastSucceededIds).Distinct().ToList();
        var runs = await db.CollectionRuns.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        var running = await db.CollectionRuns.Where(r => r.Outcome == RunOutcome.Running).Select(r => r.SystemId).ToListAsync(cancellationToken);

        var finishedBySystem = runs.Where(r => lastFinishedIds.Contains(r.Id)).ToDictionary(r => r.SystemId);
        var succeededBySystem = runs.Where(r => lastSucceededIds.Contains(r.Id)).ToDictionary(r => r.SystemId);
        return systems
            .Select(s => new SystemState(
                s,
                finishedBySystem.GetValueOrDefault(s.Id),
                succeededBySystem.GetValueOrDefault(s.Id),
                running.Contains(s.Id)))
            .ToList();
    }
}

/// <summary>One system's collection state as the dashboard shows it.</summary>
public sealed record SystemState(ConnectedSystem System, CollectionRun? LastRun, CollectionRun? LastSuccess, bool IsRunning)
{
    public string Name => System.DisplayName ?? System.Name;

    public bool CollectionFailed => LastRun?.Outcome == RunOutcome.Failed;

    public bool NeverCollected => LastRun is null;
}
