using Controls.Collectors.GitHub.Evidence;
using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;

namespace Controls.Collectors.Tests.GitHub.Checks;

/// <summary>Snapshots and parameters for evaluator tests, built the way EvaluationService builds them.</summary>
internal static class EvidenceBuilder
{
    public static readonly DateTime CollectedAt = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    private static readonly ControlCatalog Catalog = CatalogLoader.Load(Path.Combine(AppContext.BaseDirectory, "control-catalog"));
    private static long _nextId;

    public static EvidenceItem Item(string kind, string subject, object content) =>
        new(Interlocked.Increment(ref _nextId), kind, subject, EvidenceOutcome.Collected, CollectedAt, CanonicalJson.Serialize(content));

    public static EvidenceSnapshot Snapshot(params EvidenceItem[] items) => new(items);

    /// <summary>The check's catalog defaults with the given overrides (values as JSON).</summary>
    public static CheckParameters Parameters(string checkId, params (string Name, string Json)[] overrides)
    {
        var check = Catalog.FindCheck(checkId) ?? throw new InvalidOperationException($"{checkId} is not in the catalog");
        var values = check.Parameters.ToDictionary(p => p.Name, p => p.DefaultValue, StringComparer.Ordinal);
        foreach (var (name, json) in overrides)
        {
            Assert.True(values.ContainsKey(name), $"{checkId} declares no parameter {name}");
            values[name] = json;
        }

        return new CheckParameters(values);
    }

    public static EvidenceItem Organization(bool? twoFactorRequired = true) =>
        Item(GitHubEvidenceKinds.Organization, "acme", new OrganizationEvidence("acme", "Acme", twoFactorRequired, 10, 1, 9, "read"));

    public static EvidenceItem Members(string kind, params string[] logins) => Item(kind, "acme", new MemberListEvidence(logins));

    public static EffectiveProtection Protection(
        bool classic = true,
        int approvals = 1,
        bool pullRequest = true,
        bool dismissStale = true,
        string[]? statusChecks = null,
        bool admins = true,
        bool forcePushBlocked = true,
        bool deletionBlocked = true,
        params RulesetEvidence[] rulesets) =>
        new(classic, rulesets, pullRequest, approvals, dismissStale, false, statusChecks ?? ["ci"], admins, forcePushBlocked, deletionBlocked);

    public static readonly EffectiveProtection Unprotected = new(false, [], false, 0, false, false, [], false, false, false);

    public static EvidenceItem Repository(
        string name,
        EffectiveProtection? protection = null,
        CodeOwnersEvidence? codeOwners = null,
        IReadOnlyList<WorkflowEvidence>? workflows = null,
        bool archived = false) =>
        Item(GitHubEvidenceKinds.Repository, $"acme/{name}", new RepositoryEvidence(
            $"acme/{name}",
            "main",
            archived,
            false,
            "private",
            archived ? null : protection ?? Protection(),
            archived ? null : codeOwners ?? new CodeOwnersEvidence(".github/CODEOWNERS", 1),
            archived ? null : workflows ?? [new WorkflowEvidence(".github/workflows/ci.yml", "CI", "active", ["pull_request"])]));
}
