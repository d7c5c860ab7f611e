using System.Globalization;
using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Compliance.People;
using Controls.Compliance.Systems;
using Controls.Compliance.Training;

namespace Controls.Collectors.Training.Checks;

/// <summary>
/// training.coverage: every module's coverage of the staff it is assigned to reaches the threshold, and every
/// active privileged account on a connected platform belongs to a person who is trained on everything assigned
/// to them. An admin account nobody in the directory can be tied to is a finding: as far as an auditor is
/// concerned, an untraceable admin is an untrained one.
/// </summary>
public sealed class TrainingCoverageEvaluator(ControlCatalog catalog, IEnumerable<IAccountSource> sources) : ICheckEvaluator
{
    private readonly IReadOnlyList<IAccountSource> _sources = [.. sources];

    public string CheckId => "training.coverage";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [TrainingRegister.EvidenceKind];

    /// <summary>Every account-yielding platform's account evidence: a failed or stale one makes the check Error or Stale.</summary>
    public IReadOnlyCollection<WorkspaceEvidenceNeed> WorkspaceEvidence =>
        [.. _sources.GroupBy(s => s.SystemKind, StringComparer.Ordinal)
            .Select(g => new WorkspaceEvidenceNeed(g.Key, [.. g.SelectMany(s => s.EvidenceKinds).Distinct(StringComparer.Ordinal)]))];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var item = evidence.OfKind(TrainingRegister.EvidenceKind).FirstOrDefault(i => i.Outcome == EvidenceOutcome.Collected && i.SourceSystem is null)
            ?? throw new InvalidOperationException("The run recorded no training.register evidence.");
        var register = item.Read<TrainingRegisterEvidence>();

        // Judged on the day the register was collected (daily and after every change), so the verdict is reproducible.
        var today = DateOnly.FromDateTime(item.CollectedAt);
        var threshold = parameters.GetNumber("threshold");
        var active = register.People.Where(p => p.LeftOn is null || p.LeftOn > today).ToList();
        if (active.Count == 0)
        {
            return CheckVerdict.Fail(
                "The people directory is empty, so nobody is known to be trained.",
                [new FindingDraft("people", "No current staff in the people directory: import the HR export (POST /api/people/import) before training coverage can be judged.")]);
        }

        var people = active.Select(ToPerson).ToList();
        var assignments = TrainingCoverage.Assess(
            catalog.TrainingModules, people, register.Latest.Select(c => new TrainingCompletion(c.PersonKey, c.ModuleId, c.CompletedOn)), today);
        var figures = TrainingCoverage.Summarise(assignments).Where(f => f.Dimension == "all").ToList();
        var findings = new List<FindingDraft>();
        foreach (var figure in figures.OrderBy(f => f.ModuleId, StringComparer.Ordinal))
        {
            var module = catalog.TrainingModules.First(m => m.Id == figure.ModuleId);
            var required = module.ThresholdOr(threshold);
            if (figure.Percent is { } percent && percent < required)
            {
                findings.Add(new FindingDraft($"training/{figure.ModuleId}",
                    $"{module.Title}: {Format(percent)} % of the {figure.Required} people required are current ({figure.Current}), under the {Format(required)} % threshold; {figure.Overdue} overdue or never trained"));
            }
        }

        var privileged = PrivilegedAccounts(evidence);
        var byPerson = assignments.ToLookup(a => a.Person.Key, StringComparer.OrdinalIgnoreCase);
        var leavers = register.People.Where(p => p.LeftOn is { } left && left <= today).ToDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);
        var everyone = people.Concat(leavers.Values.Select(ToPerson)).ToList();
        foreach (var resolved in PersonDirectory.Resolve(everyone, privileged))
        {
            var account = resolved.Account;
            var resource = $"accounts/{account.SystemName}/{account.Login}";
            var what = $"{account.SystemName} ({account.SystemKind}) {account.Role} '{account.Login}'";
            switch (resolved.Problem)
            {
                case ResolutionProblem.NoMatchingPerson:
                    findings.Add(new FindingDraft(resource,
                        $"{what} cannot be tied to anyone in the people directory (no matching e-mail or alias {account.LoginAlias}): an untraceable admin counts as untrained"));
                    continue;
                case ResolutionProblem.MatchesSeveralPeople:
                    findings.Add(new FindingDraft(resource,
                        $"{what} matches several people by {resolved.MatchedBy}; give it an explicit alias ({account.LoginAlias}) on the right person"));
                    continue;
            }

            var person = resolved.Person!;
            if (leavers.TryGetValue(person.Key, out var leaver))
            {
                findings.Add(new FindingDraft(resource, $"{what} belongs to {person.Name} ({person.Key}), who left on {leaver.LeftOn:yyyy-MM-dd}, and is still active"));
                continue;
            }

            var untrained = byPerson[person.Key].Where(a => a.State is TrainingState.NeverTrained or TrainingState.Expired).ToList();
            if (untrained.Count > 0)
            {
                findings.Add(new FindingDraft(resource,
                    $"{what} belongs to {person.Name} ({person.Key}), who is untrained: " +
                    string.Join("; ", untrained.Select(a => a.State == TrainingState.Expired
                        ? $"{a.Module.Title} expired on {a.DueOn:yyyy-MM-dd}"
                        : $"{a.Module.Title} never completed"))));
            }
        }

        var modules = figures.Count(f => f.Percent is not null);
        var admins = evidence.Items.Any(i => i.SourceSystem is not null)
            ? $"all {privileged.Count} privileged account(s) belong to trained people"
            : "no connected platform reports accounts to check for privileged ones";
        return CheckVerdict.FromFindings(
            findings,
            $"All {modules} assigned module(s) reach {Format(threshold)} % coverage of {active.Count} people, and {admins}.",
            $"{findings.Count} finding(s): modules under {Format(threshold)} % coverage or privileged accounts of untrained or untraceable people ({active.Count} people, {privileged.Count} privileged account(s)).");
    }

    /// <summary>Active privileged accounts from the other systems' evidence, as each platform's account source reads it.</summary>
    private List<PlatformAccount> PrivilegedAccounts(EvidenceSnapshot evidence)
    {
        var accounts = new List<PlatformAccount>();
        var borrowed = evidence.Items.Where(i => i.SourceSystem is not null).ToList();
        foreach (var source in _sources)
        {
            foreach (var bySystem in borrowed.Where(i => source.EvidenceKinds.Contains(i.Kind)).GroupBy(i => i.SourceSystem!, StringComparer.Ordinal))
            {
                // The engine hands over items with the source system's name only; its kind is the source's.
                var system = new ConnectedSystem { Kind = source.SystemKind, Name = bySystem.Key };
                accounts.AddRange(source.Extract(system, new EvidenceSnapshot([.. bySystem.Select(i => i with { SourceSystem = null })]))
                    .Where(a => a.Active && a.Privileged));
            }
        }

        return [.. accounts.DistinctBy(a => (a.SystemKind, a.SystemName, a.AccountKey))];
    }

    private static Person ToPerson(PersonEvidence p) => new(p.Key, p.Name, p.PrimaryEmail, p.Team, p.Roles, p.Surfaces, p.StartedOn, p.Aliases);

    private static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
