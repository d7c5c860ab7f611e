using Controls.Compliance.AccessReviews;
using Controls.Compliance.Evaluation;
using Controls.Compliance.People;
using Controls.Compliance.Systems;

namespace Controls.Collectors.AccessReviews.Checks;

/// <summary>
/// access-reviews.reviews-current: every enabled system that yields accounts has a signed-off access review inside
/// the window (shorter for systems with privileged accounts), every revocation and change was carried out within its
/// SLA (verified by a later collection), and no privileged account appeared after the last review. The accounts are
/// read from each platform's own latest evidence (borrowed through <see cref="WorkspaceEvidence"/>), so a platform
/// whose collection failed or went stale makes this check Error or Stale, never Pass.
/// </summary>
public sealed class ReviewsCurrentEvaluator(IEnumerable<IAccountSource> sources) : ICheckEvaluator
{
    private readonly IReadOnlyList<IAccountSource> _sources = [.. sources];

    public string CheckId => "access-reviews.reviews-current";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [AccessReviewRegister.ScopeKind, AccessReviewRegister.CampaignsKind];

    public IReadOnlyCollection<WorkspaceEvidenceNeed> WorkspaceEvidence =>
        [.. _sources.Select(s => new WorkspaceEvidenceNeed(s.SystemKind, s.EvidenceKinds))];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var scopeItem = evidence.OfKind(AccessReviewRegister.ScopeKind).FirstOrDefault(i => i.SourceSystem is null)
            ?? throw new InvalidOperationException("The run recorded no access-reviews.scope evidence.");
        var policy = new AccessReviewPolicy(
            parameters.GetInt("windowDays"), parameters.GetInt("privilegedWindowDays"), parameters.GetInt("revocationSlaDays"));
        var register = evidence.All<SystemReviewsEvidence>(AccessReviewRegister.CampaignsKind)
            .Select(i => i.Content)
            .ToDictionary(s => (s.SystemKind, s.SystemName));

        // Judged at the newest evidence read: the register is re-collected after every platform collection and daily.
        var now = evidence.Items.Max(i => i.CollectedAt);

        // The systems in scope: those the register listed, and every platform whose account evidence was borrowed
        // (a system connected after the register's last run is still judged).
        var systems = scopeItem.Read<AccessReviewScopeEvidence>().Systems.Select(s => (s.Kind, s.Name)).ToList();
        var borrowed = new Dictionary<(string Kind, string Name), List<EvidenceItem>>();
        foreach (var source in _sources)
        {
            foreach (var item in evidence.Items.Where(i => i.SourceSystem is not null && source.EvidenceKinds.Contains(i.Kind)))
            {
                var key = (source.SystemKind, item.SourceSystem!);
                if (!borrowed.TryGetValue(key, out var list))
                {
                    borrowed[key] = list = [];
                }

                list.Add(item);
            }
        }

        systems = [.. systems.Concat(borrowed.Keys).Distinct().OrderBy(s => s.Kind, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)];
        if (systems.Count == 0)
        {
            return CheckVerdict.Fail(
                "No enabled system yields accounts (GitHub, Shopify, Magento): there is no access this check can vouch for.",
                [new FindingDraft("access-reviews", "Connect the systems people hold accounts on, collect them, and review their accounts.")]);
        }

        var findings = new List<FindingDraft>();
        var passed = new List<string>();
        foreach (var (kind, name) in systems)
        {
            var label = $"{name} ({kind})";
            var source = _sources.FirstOrDefault(s => s.SystemKind == kind);
            if (source is null || !borrowed.TryGetValue((kind, name), out var items))
            {
                findings.Add(new FindingDraft(label, $"{label}: its accounts are unknown (the latest collection recorded no account evidence), so its access cannot be shown reviewed"));
                continue;
            }

            var system = new ConnectedSystem { Id = register.GetValueOrDefault((kind, name))?.SystemId ?? 0, Kind = kind, Name = name };
            var accounts = source.Extract(system, new EvidenceSnapshot(items)).DistinctBy(a => a.AccountKey, StringComparer.Ordinal).ToList();
            var campaigns = register.GetValueOrDefault((kind, name))?.ToStates() ?? [];
            var systemFindings = AccessReviewRules.Assess(label, campaigns, accounts, policy, now);
            if (systemFindings.Count == 0)
            {
                passed.Add(label);
            }

            findings.AddRange(systemFindings);
        }

        return CheckVerdict.FromFindings(
            findings,
            $"{systems.Count} system(s) with accounts, each with a signed-off access review inside its window and every revocation verified: {string.Join(", ", passed)}.",
            $"{findings.Count} access-review finding(s) across {systems.Count - passed.Count} of {systems.Count} system(s) with accounts.");
    }
}
