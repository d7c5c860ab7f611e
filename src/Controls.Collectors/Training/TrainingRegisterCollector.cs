using Controls.Collectors.Registers;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;

namespace Controls.Collectors.Training;

public static class TrainingRegister
{
    public const string EvidenceKind = "training.register";
    public const string Subject = "register";
    public const string TriggerAfterChange = "training-change";

    public static readonly RegisterSystemSpec System = new(SystemKinds.TrainingRegister, "training-register", "Training register");
}

/// <summary>A person of the directory as the register recorded them.</summary>
public sealed record PersonEvidence(
    string Key,
    string Name,
    string PrimaryEmail,
    string? Team,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Surfaces,
    IReadOnlyList<string> Aliases,
    DateOnly? StartedOn,
    DateOnly? LeftOn);

/// <summary>A person's latest completion of a module (older ones stay in the table and the import history).</summary>
public sealed record LatestCompletionEvidence(string PersonKey, string ModuleId, DateOnly CompletedOn);

public sealed record TrainingRegisterEvidence(IReadOnlyList<PersonEvidence> People, IReadOnlyList<LatestCompletionEvidence> Latest);

/// <summary>
/// Records the workspace's people directory and, per person and module, the latest recorded completion. Only the
/// latest counts for coverage (refresh periods run from it), and recording it keeps the evidence proportional to
/// people × modules rather than to the LMS history.
/// </summary>
public sealed class TrainingRegisterCollector(ControlsDbContext db) : ICollector
{
    public string SystemKind => SystemKinds.TrainingRegister;

    public async Task CollectAsync(CollectionContext context, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().ToListAsync(cancellationToken);
        var latest = await db.TrainingCompletions.AsNoTracking()
            .GroupBy(c => new { c.PersonKey, c.ModuleId })
            .Select(g => new { g.Key.PersonKey, g.Key.ModuleId, CompletedOn = g.Max(c => c.CompletedOn) })
            .ToListAsync(cancellationToken);
        context.Record(TrainingRegister.EvidenceKind, TrainingRegister.Subject, new TrainingRegisterEvidence(
            [.. people.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => new PersonEvidence(
                p.Key, p.Name, p.PrimaryEmail, p.Team, [.. p.Roles], [.. p.Surfaces], [.. p.Aliases], p.StartedOn, p.LeftOn))],
            [.. latest.OrderBy(c => c.PersonKey, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.ModuleId, StringComparer.Ordinal)
                .Select(c => new LatestCompletionEvidence(c.PersonKey, c.ModuleId, c.CompletedOn))]));
    }
}

/// <summary>The workspace's training register system: created on demand, collected daily and after every change.</summary>
public sealed class TrainingRegisterService(RegisterSystems registers)
{
    public Task<ConnectedSystem> EnsureSystemAsync(CancellationToken cancellationToken) => registers.EnsureAsync(TrainingRegister.System, cancellationToken);

    /// <summary>Records the directory and completions now (and re-evaluates the workspace).</summary>
    public Task<CollectionRun> CollectAsync(CancellationToken cancellationToken) =>
        registers.CollectAsync(TrainingRegister.System, TrainingRegister.TriggerAfterChange, cancellationToken);
}
