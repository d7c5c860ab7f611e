using Controls.Compliance.Catalog;
using Controls.Compliance.People;

namespace Controls.Compliance.Training;

/// <summary>One completion from the LMS: a person (by key) finished a catalog module on a day.</summary>
public sealed record TrainingCompletion(string PersonKey, string ModuleId, DateOnly CompletedOn);

public enum TrainingState
{
    /// <summary>Completed within the module's refresh period.</summary>
    Current,

    /// <summary>Never completed, but a joiner still inside the module's grace period.</summary>
    InGrace,

    /// <summary>Completed once, but the refresh period has passed.</summary>
    Expired,

    /// <summary>Never completed and past any grace period.</summary>
    NeverTrained,
}

/// <summary>A module a person must take, and where they stand with it on a given day.</summary>
public sealed record TrainingAssignment(Person Person, TrainingModuleDefinition Module, TrainingState State, DateOnly? LastCompletedOn, DateOnly? DueOn);

/// <summary>
/// Coverage of one module over a group (all, a role, a team or a surface). Joiners in grace are not yet required,
/// so they are left out of the denominator; <see cref="Percent"/> is null when nobody in the group is required.
/// </summary>
public sealed record CoverageFigure(string Dimension, string Group, string ModuleId, int Assigned, int Current, int InGrace)
{
    public int Required => Assigned - InGrace;

    public double? Percent => Required == 0 ? null : Math.Round(Current * 100.0 / Required, 1);

    public int Overdue => Required - Current;
}

/// <summary>
/// Works out who must take which module (by role, team or surface, as the catalog assigns them) and how far
/// training coverage reaches on a given day. Pure: the caller supplies people, completions and the day.
/// </summary>
public static class TrainingCoverage
{
    /// <summary>The role that assigns a module to everyone.</summary>
    public const string AllStaff = "all-staff";

    public static bool IsAssigned(TrainingModuleDefinition module, Person person) =>
        module.Roles.Contains(AllStaff, StringComparer.OrdinalIgnoreCase)
        || module.Roles.Any(r => person.Roles.Contains(r, StringComparer.OrdinalIgnoreCase))
        || (person.Team is { } team && module.Roles.Contains(team, StringComparer.OrdinalIgnoreCase))
        || module.Surfaces.Any(s => person.Surfaces.Contains(s, StringComparer.OrdinalIgnoreCase));

    public static IReadOnlyList<TrainingAssignment> Assess(
        IReadOnlyList<TrainingModuleDefinition> modules, IReadOnlyList<Person> people, IEnumerable<TrainingCompletion> completions, DateOnly today)
    {
        var latest = completions
            .GroupBy(c => (Person: c.PersonKey.ToLowerInvariant(), c.ModuleId))
            .ToDictionary(g => g.Key, g => g.Max(c => c.CompletedOn));
        var assignments = new List<TrainingAssignment>();
        foreach (var person in people)
        {
            foreach (var module in modules.Where(m => IsAssigned(m, person)))
            {
                DateOnly? last = latest.TryGetValue((person.Key.ToLowerInvariant(), module.Id), out var done) ? done : null;
                assignments.Add(Classify(person, module, last, today));
            }
        }

        return assignments;
    }

    /// <summary>Coverage per module overall and per role, team and surface of the people assigned.</summary>
    public static IReadOnlyList<CoverageFigure> Summarise(IReadOnlyList<TrainingAssignment> assignments)
    {
        var figures = new List<CoverageFigure>();
        foreach (var byModule in assignments.GroupBy(a => a.Module.Id, StringComparer.Ordinal))
        {
            figures.Add(Figure("all", "all", byModule.Key, byModule));
            figures.AddRange(byModule.SelectMany(a => a.Person.Roles.Select(r => (Group: r, Assignment: a)))
                .GroupBy(x => x.Group, StringComparer.OrdinalIgnoreCase)
                .Select(g => Figure("role", g.Key, byModule.Key, g.Select(x => x.Assignment))));
            figures.AddRange(byModule.Where(a => a.Person.Team is not null)
                .GroupBy(a => a.Person.Team!, StringComparer.OrdinalIgnoreCase)
                .Select(g => Figure("team", g.Key, byModule.Key, g)));
            figures.AddRange(byModule.SelectMany(a => a.Person.Surfaces.Select(s => (Group: s, Assignment: a)))
                .GroupBy(x => x.Group, StringComparer.OrdinalIgnoreCase)
                .Select(g => Figure("surface", g.Key, byModule.Key, g.Select(x => x.Assignment))));
        }

        return figures;
    }

    private static TrainingAssignment Classify(Person person, TrainingModuleDefinition module, DateOnly? last, DateOnly today)
    {
        var refreshDays = (int)Math.Ceiling(module.Refresh.TotalDays);
        if (last is { } completed)
        {
            var due = completed.AddDays(refreshDays);
            return new TrainingAssignment(person, module, due >= today ? TrainingState.Current : TrainingState.Expired, completed, due);
        }

        if (person.StartedOn is { } started)
        {
            var graceEnds = started.AddDays((int)Math.Ceiling(module.JoinerGrace.TotalDays));
            return new TrainingAssignment(person, module, graceEnds >= today ? TrainingState.InGrace : TrainingState.NeverTrained, null, graceEnds);
        }

        return new TrainingAssignment(person, module, TrainingState.NeverTrained, null, null);
    }

    private static CoverageFigure Figure(string dimension, string group, string moduleId, IEnumerable<TrainingAssignment> assignments)
    {
        var list = assignments.ToList();
        return new CoverageFigure(
            dimension, group, moduleId, list.Count,
            list.Count(a => a.State == TrainingState.Current),
            list.Count(a => a.State == TrainingState.InGrace));
    }
}
