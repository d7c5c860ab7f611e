using System.Collections.Frozen;
using Controls.Compliance.Notifications;

namespace Controls.Compliance.Catalog;

/// <summary>
/// The validated, immutable control catalog. Requirement look-ups accept either numbering a user speaks:
/// "A.9.2.5" resolves in the 2013 framework, "5.18" or "A.5.18" in the 2022 one, "CC6.1" in SOC 2.
/// </summary>
public sealed class ControlCatalog
{
    private readonly FrozenDictionary<RequirementKey, RequirementDefinition> _requirements;
    private readonly FrozenDictionary<string, CheckDefinition> _checks;
    private readonly FrozenDictionary<RequirementKey, IReadOnlyList<CheckDefinition>> _checksByRequirement;

    public ControlCatalog(
        IReadOnlyList<FrameworkDefinition> frameworks,
        IReadOnlyList<CheckDefinition> checks,
        IReadOnlyList<TrainingModuleDefinition> trainingModules,
        NotificationTable? notifications = null,
        ReadinessPolicy? readiness = null)
    {
        Notifications = notifications ?? NotificationTable.Empty;
        Readiness = readiness ?? ReadinessPolicy.Empty;
        Frameworks = frameworks;
        Checks = checks;
        TrainingModules = trainingModules;
        _requirements = frameworks.SelectMany(f => f.Requirements).ToFrozenDictionary(r => r.Key);
        _checks = checks.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        _checksByRequirement = checks
            .SelectMany(c => c.Evidences.Select(r => (Requirement: r, Check: c)))
            .GroupBy(x => x.Requirement)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<CheckDefinition>)g.Select(x => x.Check).ToList());
    }

    public IReadOnlyList<FrameworkDefinition> Frameworks { get; }

    public IReadOnlyList<CheckDefinition> Checks { get; }

    public IReadOnlyList<TrainingModuleDefinition> TrainingModules { get; }

    /// <summary>Breach-notification regimes and business calendars (control-catalog/notifications/).</summary>
    public NotificationTable Notifications { get; }

    /// <summary>Incident-response readiness per surface (control-catalog/readiness/).</summary>
    public ReadinessPolicy Readiness { get; }

    public IEnumerable<RequirementDefinition> Requirements => Frameworks.SelectMany(f => f.Requirements);

    public CheckDefinition? FindCheck(string id) => _checks.GetValueOrDefault(id);

    public RequirementDefinition? FindRequirement(RequirementKey key) => _requirements.GetValueOrDefault(key);

    public IReadOnlyList<CheckDefinition> ChecksEvidencing(RequirementKey key) =>
        _checksByRequirement.GetValueOrDefault(key) ?? [];

    /// <summary>
    /// Resolves an id as people write it. An id with a framework prefix ("iso27001-2013/A.9.2.5") is exact;
    /// a bare id is tried in every framework after normalising the optional "A." Annex prefix.
    /// </summary>
    public IReadOnlyList<RequirementDefinition> Resolve(string id)
    {
        var trimmed = id.Trim();
        if (RequirementKey.TryParse(trimmed, out var key) && _requirements.TryGetValue(key, out var exact))
        {
            return [exact];
        }

        var candidates = new List<RequirementDefinition>();
        foreach (var framework in Frameworks)
        {
            foreach (var form in SpellingsOf(trimmed))
            {
                if (_requirements.TryGetValue(new RequirementKey(framework.Id, form), out var found))
                {
                    candidates.Add(found);
                    break;
                }
            }
        }

        return candidates;
    }

    /// <summary>
    /// The ISO 27001:2022 controls a requirement corresponds to: itself for a 2022 control, its mapping targets otherwise.
    /// This is how "A.9.2.5 quarterly access review" and "5.18" meet.
    /// </summary>
    public IReadOnlyList<RequirementDefinition> Iso2022Equivalents(RequirementDefinition requirement) =>
        requirement.FrameworkId == FrameworkIds.Iso27001V2022
            ? [requirement]
            : requirement.Mappings
                .Where(m => m.Target.FrameworkId == FrameworkIds.Iso27001V2022)
                .Select(m => FindRequirement(m.Target))
                .OfType<RequirementDefinition>()
                .ToList();

    private static IEnumerable<string> SpellingsOf(string id)
    {
        yield return id;
        if (id.StartsWith("A.", StringComparison.OrdinalIgnoreCase))
        {
            yield return id[2..];
        }
        else
        {
            yield return "A." + id;
        }

        yield return id.ToUpperInvariant();
    }
}
