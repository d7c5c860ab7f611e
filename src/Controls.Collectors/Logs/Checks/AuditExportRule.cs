using System.Globalization;
using Controls.Collectors.Logs.Evidence;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Systems;

namespace Controls.Collectors.Logs.Checks;

/// <summary>
/// The rule behind the platform audit-export checks (shopify.audit-trail-exported, github.audit-log-exported): a
/// platform that keeps its own audit trail for less than <c>minAuditDays</c> needs an export into a longer-lived
/// store. The export is looked for in every log store of the workspace (evidence borrowed through
/// <see cref="ICheckEvaluator.WorkspaceEvidence"/>): index groups or data streams matching the export patterns
/// whose lifecycle keeps them at least <c>minAuditDays</c>, or never deletes them.
/// </summary>
public static class AuditExportRule
{
    /// <summary>The log-store evidence the export checks read from the workspace's log stores.</summary>
    public static readonly IReadOnlyCollection<WorkspaceEvidenceNeed> LogStoreEvidence =
        [new WorkspaceEvidenceNeed(SystemKinds.LogStore, [LogStoreEvidenceKinds.LifecyclePolicies, LogStoreEvidenceKinds.Indices])];

    /// <param name="evidence">The platform's snapshot with the log stores' items (SourceSystem set) added.</param>
    /// <param name="subject">The platform resource ("acme.myshopify.com", the GitHub organisation).</param>
    /// <param name="fact">The platform fact as a sentence fragment: "Shopify keeps events 365 days".</param>
    /// <param name="what">What is exported, for messages: "Shopify events".</param>
    public static CheckVerdict Evaluate(
        EvidenceSnapshot evidence, string subject, string fact, int platformDays, string what, int minDays, IReadOnlyList<string> patterns)
    {
        var resource = $"{subject} (audit export)";
        if (platformDays >= minDays)
        {
            return CheckVerdict.Pass($"{subject}: {fact} (a platform fact), at least the {minDays} days required: no export is needed.");
        }

        var shortfall = $"{fact} (a platform fact), less than the {minDays} days audit records must be kept";
        var stores = evidence.Items
            .Where(i => i.SourceSystem is not null && (i.Kind == LogStoreEvidenceKinds.Indices || i.Kind == LogStoreEvidenceKinds.LifecyclePolicies))
            .GroupBy(i => i.SourceSystem!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (stores.Count == 0)
        {
            return CheckVerdict.Fail(
                $"{subject}: {shortfall}, and no log store is connected to this workspace, so no export of {what} can be shown.",
                [new FindingDraft(resource, $"{subject}: no log store is connected to hold an export of {what}; connect the Elasticsearch or OpenSearch cluster it is exported to")]);
        }

        var kept = new List<string>();
        var findings = new List<FindingDraft>();
        foreach (var store in stores)
        {
            var view = LogStoreView.Read(new EvidenceSnapshot([.. store]));
            var groups = view.Indices.Groups.Where(g => IndexPatterns.Matches(patterns, g)).ToList();
            if (groups.Count == 0)
            {
                findings.Add(new FindingDraft(view.Name,
                    $"{view.Name}: no index or data stream matches {IndexPatterns.Describe(patterns)}, so {what} are not exported there"));
                continue;
            }

            foreach (var group in groups)
            {
                var where = $"`{group.Name}` in {view.Name}";
                if (!group.Managed || group.Policy is null)
                {
                    findings.Add(new FindingDraft($"{view.Name}/{group.Name}",
                        $"{view.Name}: the export `{group.Name}` of {what} is under no lifecycle policy, so nothing shows how long it is kept"));
                }
                else if (!view.Policies.TryGetValue(group.Policy, out var policy))
                {
                    findings.Add(new FindingDraft($"{view.Name}/{group.Name}",
                        $"{view.Name}: the export `{group.Name}` names lifecycle policy `{group.Policy}`, which does not exist on the cluster; its retention is unknown"));
                }
                else if (policy.DeleteAfterDays is not { } days)
                {
                    kept.Add($"{where} ({RetentionRule.PolicyLabel(policy.Name)}, never deleted)");
                }
                else if (days >= minDays)
                {
                    kept.Add($"{where} ({RetentionRule.PolicyLabel(policy.Name)}, {Days(days)} days)");
                }
                else
                {
                    findings.Add(new FindingDraft($"{view.Name}/{group.Name}",
                        $"{view.Name}: the export `{group.Name}` of {what} is deleted after {Days(days)} days by {RetentionRule.PolicyLabel(policy.Name)}; it must be kept at least {minDays} days"));
                }
            }
        }

        var storeNames = string.Join(", ", stores.Select(s => s.Key));
        if (kept.Count > 0)
        {
            var others = findings.Count == 0 ? string.Empty : $" {findings.Count} other export location(s) keep it shorter or without a lifecycle policy.";
            return CheckVerdict.Pass($"{subject}: {shortfall}; exported to {string.Join("; ", kept)}.{others}");
        }

        return CheckVerdict.Fail(
            $"{subject}: {shortfall}, and no export kept that long exists in {storeNames} ({IndexPatterns.Describe(patterns)}).",
            findings);
    }

    private static string Days(double days) => days.ToString("0.##", CultureInfo.InvariantCulture);
}
