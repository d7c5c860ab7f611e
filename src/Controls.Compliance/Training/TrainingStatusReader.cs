using Controls.Compliance.Catalog;
using Controls.Compliance.People;
using Controls.Compliance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Controls.Compliance.Training;

/// <summary>Who must take what and how far coverage reaches today, with the directory it was worked out from.</summary>
public sealed record TrainingStatus(
    DateOnly Today,
    IReadOnlyList<PersonEntry> People,
    IReadOnlyList<TrainingAssignment> Assignments,
    IReadOnlyList<CoverageFigure> Figures);

/// <summary>
/// Training state as the tables hold it now (the page and the OData feed; the check judges the same rules on the
/// register's recorded evidence). Leavers are kept in <see cref="TrainingStatus.People"/> but assigned nothing.
/// </summary>
public sealed class TrainingStatusReader(ControlsDbContext db, ControlCatalog catalog, TimeProvider time)
{
    public async Task<TrainingStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var people = await db.People.AsNoTracking().ToListAsync(cancellationToken);
        var latest = await db.TrainingCompletions.AsNoTracking()
            .GroupBy(c => new { c.PersonKey, c.ModuleId })
            .Select(g => new { g.Key.PersonKey, g.Key.ModuleId, CompletedOn = g.Max(c => c.CompletedOn) })
            .ToListAsync(cancellationToken);
        var active = people.Where(p => p.LeftOn is null || p.LeftOn > today).Select(p => p.ToPerson()).ToList();
        var assignments = TrainingCoverage.Assess(catalog.TrainingModules, active, latest.Select(c => new TrainingCompletion(c.PersonKey, c.ModuleId, c.CompletedOn)), today);
        return new TrainingStatus(
            today,
            [.. people.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)],
            assignments,
            TrainingCoverage.Summarise(assignments));
    }
}
