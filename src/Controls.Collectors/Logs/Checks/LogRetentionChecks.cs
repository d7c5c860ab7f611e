using System.Globalization;
using System.Text.RegularExpressions;
using Controls.Collectors.Logs.Evidence;
using Controls.Compliance.Evaluation;

namespace Controls.Collectors.Logs.Checks;

/// <summary>
/// logs.searchable-retention: index groups matching <c>logIndexPatterns</c> stay searchable (are not deleted by
/// their lifecycle policy) for at least <c>minSearchableDays</c>.
/// </summary>
public sealed class SearchableRetentionEvaluator : ICheckEvaluator
{
    public string CheckId => "logs.searchable-retention";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [LogStoreEvidenceKinds.LifecyclePolicies, LogStoreEvidenceKinds.Indices];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters) =>
        RetentionRule.Evaluate(
            LogStoreView.Read(evidence),
            parameters.GetStrings("logIndexPatterns"),
            parameters.GetInt("minSearchableDays"),
            what: "log",
            keeps: "searchable",
            noIndices: "No log indices match the configured patterns",
            neverDeletedNote: string.Empty);
}

/// <summary>
/// logs.audit-retention: index groups matching <c>auditIndexPatterns</c> are retained at least
/// <c>minAuditDays</c>. A policy that never deletes passes (and the summary says so); no audit index at all fails.
/// </summary>
public sealed class AuditRetentionEvaluator : ICheckEvaluator
{
    public string CheckId => "logs.audit-retention";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [LogStoreEvidenceKinds.LifecyclePolicies, LogStoreEvidenceKinds.Indices];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters) =>
        RetentionRule.Evaluate(
            LogStoreView.Read(evidence),
            parameters.GetStrings("auditIndexPatterns"),
            parameters.GetInt("minAuditDays"),
            what: "audit-log",
            keeps: "retained",
            noIndices: "No audit-log indices found",
            neverDeletedNote: " Policies that never delete keep the data indefinitely; that meets the retention minimum but is not proof against deletion by hand.");
}

/// <summary>
/// logs.indices-managed: every index matching either pattern list is under a lifecycle policy. Unmanaged indices
/// grow until someone deletes them by hand; neither is evidence of a retention policy.
/// </summary>
public sealed class IndicesManagedEvaluator : ICheckEvaluator
{
    public string CheckId => "logs.indices-managed";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [LogStoreEvidenceKinds.LifecyclePolicies, LogStoreEvidenceKinds.Indices];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var view = LogStoreView.Read(evidence);
        var patterns = parameters.GetStrings("logIndexPatterns").Concat(parameters.GetStrings("auditIndexPatterns")).Distinct().ToList();
        var matching = view.Indices.Groups.Where(g => IndexPatterns.Matches(patterns, g)).ToList();
        if (matching.Count == 0)
        {
            return CheckVerdict.Fail(
                $"{view.Name}: no index matches {IndexPatterns.Describe(patterns)}, so no log index can be shown to be under a lifecycle policy.",
                [new FindingDraft(view.Name, $"{view.Name}: no index matches {IndexPatterns.Describe(patterns)}")]);
        }

        var unmanaged = matching.Where(g => !g.Managed).ToList();
        var indexCount = matching.Sum(g => g.IndexCount);
        return CheckVerdict.FromFindings(
            unmanaged.Select(g => new FindingDraft(
                $"{view.Name}/{g.Name}",
                $"{view.Name}: {Plural(g.IndexCount, "index", "indices")} `{g.Name}` ({string.Join(", ", g.SampleIndices)}{(g.IndexCount > g.SampleIndices.Count ? ", …" : string.Empty)}) " +
                "are under no lifecycle policy: they grow until deleted by hand, and nothing enforces their retention")).ToList(),
            $"{view.Name}: all {Plural(indexCount, "log index", "log indices")} in {Plural(matching.Count, "group", "groups")} are under a lifecycle policy.",
            $"{view.Name}: {Plural(unmanaged.Sum(g => g.IndexCount), "index", "indices")} in {Plural(unmanaged.Count, "group", "groups")} matching the log or audit patterns are under no lifecycle policy.");
    }

    private static string Plural(int count, string one, string many) => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}

/// <summary>The shared rule of the two retention checks.</summary>
internal static class RetentionRule
{
    public static CheckVerdict Evaluate(
        LogStoreView view,
        IReadOnlyList<string> patterns,
        int minDays,
        string what,
        string keeps,
        string noIndices,
        string neverDeletedNote)
    {
        var matching = view.Indices.Groups.Where(g => IndexPatterns.Matches(patterns, g)).ToList();
        if (matching.Count == 0)
        {
            return CheckVerdict.Fail(
                $"{view.Name}: {noIndices} ({IndexPatterns.Describe(patterns)}): there is nothing whose retention could be shown.",
                [new FindingDraft(view.Name, $"{view.Name}: {noIndices.ToLowerInvariant()} ({IndexPatterns.Describe(patterns)})")]);
        }

        var managed = matching.Where(g => g.Managed).ToList();
        var unmanagedCount = matching.Count - managed.Count;
        var unmanagedNote = unmanagedCount == 0 ? string.Empty : $" {unmanagedCount} matching group(s) are under no policy (see logs.indices-managed).";
        if (managed.Count == 0)
        {
            return CheckVerdict.Fail(
                $"{view.Name}: none of the {what} indices is under a lifecycle policy, so no retention is enforced.",
                [new FindingDraft(view.Name, $"{view.Name}: no {what} index matching {IndexPatterns.Describe(patterns)} is under a lifecycle policy")]);
        }

        var findings = new List<FindingDraft>();
        var neverDeleted = 0;
        foreach (var byPolicy in managed.GroupBy(g => g.Policy!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var groups = string.Join(", ", byPolicy.Select(g => $"`{g.Name}`"));
            if (!view.Policies.TryGetValue(byPolicy.Key, out var policy))
            {
                findings.Add(new FindingDraft(
                    $"{view.Name}/policy:{byPolicy.Key}",
                    $"{view.Name}: {groups} name lifecycle policy `{byPolicy.Key}`, which does not exist on the cluster; their retention is unknown"));
                continue;
            }

            if (policy.DeleteAfterDays is not { } days)
            {
                neverDeleted++;
                continue;
            }

            if (days < minDays)
            {
                findings.Add(new FindingDraft(
                    $"{view.Name}/policy:{policy.Name}",
                    $"{view.Name}: {PolicyLabel(policy.Name)} deletes {what} indices {groups} after {Days(days)} days; they must stay {keeps} for at least {minDays} days"));
            }
        }

        var neverNote = neverDeleted == 0 ? string.Empty : $" {neverDeleted} of the policies never delete.{neverDeletedNote}";
        return CheckVerdict.FromFindings(
            findings,
            $"{view.Name}: every {what} index under a policy stays {keeps} for at least {minDays} days ({managed.Count} group(s)).{neverNote}{unmanagedNote}",
            $"{view.Name}: {findings.Count} lifecycle polic{(findings.Count == 1 ? "y" : "ies")} keep {what} indices {keeps} for less than {minDays} days.{unmanagedNote}");
    }

    private static string Days(double days) => days.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"policy `logs-30d`", or "the data stream lifecycle of `logs-nginx-default` (data_retention)" for a DSL-managed stream.</summary>
    public static string PolicyLabel(string policy) =>
        policy.StartsWith(LifecycleNormaliser.DataStreamLifecyclePrefix, StringComparison.Ordinal)
            ? $"the data stream lifecycle of `{policy[LifecycleNormaliser.DataStreamLifecyclePrefix.Length..]}` (data_retention)"
            : $"policy `{policy}`";
}

/// <summary>The evidence the checks read; missing evidence is an evaluation error, never a pass.</summary>
internal sealed record LogStoreView(string Name, IReadOnlyDictionary<string, LifecyclePolicyEvidence> Policies, IndicesEvidence Indices)
{
    public static LogStoreView Read(EvidenceSnapshot evidence)
    {
        var policies = evidence.All<LifecyclePoliciesEvidence>(LogStoreEvidenceKinds.LifecyclePolicies).FirstOrDefault();
        var indices = evidence.All<IndicesEvidence>(LogStoreEvidenceKinds.Indices).FirstOrDefault();
        if (policies.Content is null || indices.Content is null)
        {
            throw new InvalidOperationException("The run recorded no logs.lifecycle-policies or logs.indices evidence.");
        }

        return new LogStoreView(
            indices.Subject,
            policies.Content.Policies.ToDictionary(p => p.Name, StringComparer.Ordinal),
            indices.Content);
    }
}

/// <summary>Index patterns as Elasticsearch writes them: '*' matches any run of characters, everything else literally.</summary>
internal static class IndexPatterns
{
    /// <summary>A group matches when any of its real index names (or, for a data stream, its name) matches a pattern.</summary>
    public static bool Matches(IReadOnlyList<string> patterns, IndexGroupEvidence group) =>
        patterns.Any(p => group.SampleIndices.Any(i => IsMatch(p, i)) || IsMatch(p, group.Name));

    public static bool IsMatch(string pattern, string index) =>
        Regex.IsMatch(index, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static string Describe(IReadOnlyList<string> patterns) => string.Join(", ", patterns.Select(p => $"`{p}`"));
}
