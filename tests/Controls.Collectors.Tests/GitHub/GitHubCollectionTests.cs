using Controls.Collectors.Tests.Support;
using Controls.Collectors.GitHub.Evidence;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Testing;
using Controls.Testing.FakeGitHub;
using Microsoft.EntityFrameworkCore;

namespace Controls.Collectors.Tests.GitHub;

public sealed class GitHubCollectionTests : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private FakeGitHubServer _github = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync(TestOrganizations.Small(), _clock);
        _host = await GitHubTestHost.StartAsync(_github, time: _clock);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _github.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Collect_SmallOrganization_RecordsEveryEvidenceKind()
    {
        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Null(run.Error);
        Assert.Equal(0, run.CollectionErrorCount);
        Assert.Equal(_github.Requests.Count, run.RequestCount);
        var records = await _host.InScopeAsync((_, db) => db.EvidenceRecords.AsNoTracking().Where(r => r.RunId == run.Id).ToListAsync());
        var byKind = records.ToLookup(r => r.Kind);
        Assert.Equal(["acme"], byKind[GitHubEvidenceKinds.Organization].Select(r => r.Subject));
        Assert.Equal(["acme"], byKind[GitHubEvidenceKinds.MembersWithout2fa].Select(r => r.Subject));
        Assert.Equal(["acme"], byKind[GitHubEvidenceKinds.OutsideCollaborators].Select(r => r.Subject));
        Assert.Equal(["acme"], byKind[GitHubEvidenceKinds.OrgAdmins].Select(r => r.Subject));
        Assert.Equal(["acme"], byKind[GitHubEvidenceKinds.AppInstallations].Select(r => r.Subject));
        Assert.Equal(["acme/checkout", "acme/infra", "acme/legacy", "acme/storefront"], byKind[GitHubEvidenceKinds.Repository].Select(r => r.Subject).Order());

        // Archived repositories are read-only: no alerts are collected for them.
        Assert.Equal(["acme/checkout", "acme/infra", "acme/storefront"], byKind[GitHubEvidenceKinds.DependabotAlerts].Select(r => r.Subject).Order());
        Assert.Equal(["acme/checkout", "acme/infra", "acme/storefront"], byKind[GitHubEvidenceKinds.SecretScanningAlerts].Select(r => r.Subject).Order());
        Assert.All(records, r => Assert.Equal(EvidenceOutcome.Collected, r.Outcome));
    }

    [Fact]
    public async Task Collect_SmallOrganization_NormalisesProtectionFromRulesetsAndClassicRules()
    {
        var run = await _host.CollectAsync();

        var repositories = await ReadAsync<RepositoryEvidence>(run.Id, GitHubEvidenceKinds.Repository);
        var infra = repositories["acme/infra"];
        Assert.False(infra.Protection!.ClassicProtection);
        var ruleset = Assert.Single(infra.Protection.Rulesets);
        Assert.Equal("main protection", ruleset.Name);
        Assert.Equal([], ruleset.BypassActors);
        Assert.Equal(["deletion", "non_fast_forward", "pull_request", "required_status_checks"], ruleset.RuleTypes);
        Assert.Equal(1, infra.Protection.RequiredApprovingReviews);
        Assert.Equal(["ci/plan"], infra.Protection.RequiredStatusChecks);
        Assert.True(infra.Protection.EnforcedForAdmins);
        Assert.Equal(new CodeOwnersEvidence("CODEOWNERS", 1), infra.CodeOwners);
        Assert.Equal(["pull_request", "push"], Assert.Single(infra.Workflows!).Triggers);

        var checkout = repositories["acme/checkout"];
        Assert.True(checkout.Protection!.ClassicProtection);
        Assert.Equal(2, checkout.Protection.RequiredApprovingReviews);
        Assert.True(checkout.Protection.ForcePushBlocked);
        Assert.True(checkout.Protection.DeletionBlocked);
        Assert.Equal(".github/CODEOWNERS", checkout.CodeOwners!.Path);

        var storefront = repositories["acme/storefront"];
        Assert.False(storefront.Protection!.IsProtected);
        Assert.Null(storefront.CodeOwners!.Path);
        Assert.Empty(storefront.Workflows!);

        Assert.True(repositories["acme/legacy"].Archived);
        Assert.Null(repositories["acme/legacy"].Protection);
    }

    [Fact]
    public async Task Collect_SmallOrganization_EvaluatesEveryCheckWithExactFindings()
    {
        await _host.CollectAsync();

        var results = await _host.EvaluationsAsync();
        AssertResult(results, "github.org-2fa-required", CheckStatus.Fail, "acme: member `carol` has two-factor authentication disabled");
        AssertResult(results, "github.outside-collaborators-limited", CheckStatus.Fail,
            "acme: outside collaborator `zoe-contractor` has access to organisation repositories (1 outside collaborators, at most 0 allowed)");
        AssertResult(results, "github.org-admins-limited", CheckStatus.Pass);
        AssertResult(results, "github.branch-review-required", CheckStatus.Fail,
            "acme/storefront: default branch `main` is not protected: no branch protection rule or ruleset applies, so it requires no approving review");
        AssertResult(results, "github.branch-dismiss-stale-reviews", CheckStatus.Fail,
            "acme/storefront: default branch `main` requires no pull request review, so no approval is ever dismissed");
        AssertResult(results, "github.branch-status-checks-required", CheckStatus.Fail,
            "acme/storefront: default branch `main` requires no status check to pass before merging");
        AssertResult(results, "github.branch-admins-enforced", CheckStatus.Fail, "acme/storefront: default branch `main` is not protected at all");
        AssertResult(results, "github.branch-history-protected", CheckStatus.Fail,
            "acme/storefront: force pushes to default branch `main` are allowed", "acme/storefront: default branch `main` can be deleted");
        AssertResult(results, "github.codeowners-present", CheckStatus.Fail, "acme/storefront: has no CODEOWNERS file (looked in .github/, the root and docs/)");
        AssertResult(results, "github.pr-workflows-present", CheckStatus.Fail, "acme/storefront: has no GitHub Actions workflow, so nothing runs on pull requests");
        AssertResult(results, "github.dependabot-alerts-sla", CheckStatus.Fail,
            "acme/checkout: critical Dependabot alert #12 (composer guzzlehttp/guzzle, GHSA-0012-fake-c) open 30 days, beyond the 7-day SLA: Guzzle leaks cookies across hosts");
        AssertResult(results, "github.secret-scanning-alerts-sla", CheckStatus.Pass);

        Assert.Equal("1 of 3 active repositories let changes reach the default branch without the required approvals (1 archived repositories skipped).",
            results["github.branch-review-required"].Summary);
        Assert.All(results["github.branch-review-required"].Findings, f => Assert.Equal("acme/storefront", f.Resource));
    }

    [Fact]
    public async Task Collect_WhenBranchNotProtected_FailsTheCheckRatherThanErroring()
    {
        await _host.CollectAsync();

        var protectionRequests = _github.Requests.All.Where(r => r.Path == "/repos/acme/storefront/branches/main/protection").ToList();
        Assert.Equal(404, Assert.Single(protectionRequests).Status);
        var results = await _host.EvaluationsAsync();
        Assert.Equal(CheckStatus.Fail, results["github.branch-review-required"].Status);
        Assert.DoesNotContain(results.Values, e => e.Status == CheckStatus.Error);
    }

    [Fact]
    public async Task Collect_WhenMinApprovalsRaised_ReportsRepositoriesBelowIt()
    {
        await _host.SetParameterAsync("github.branch-review-required", "minApprovals", "2");

        await _host.CollectAsync();

        var results = await _host.EvaluationsAsync();
        AssertResult(results, "github.branch-review-required", CheckStatus.Fail,
            "acme/infra: default branch `main` requires 1 approving review(s), fewer than the 2 required",
            "acme/storefront: default branch `main` is not protected: no branch protection rule or ruleset applies, so it requires no approving review");
    }

    [Fact]
    public async Task Collect_WhenRulesetBypassListHidden_DoesNotTakeAdminsAsEnforced()
    {
        _github.State.Update(org => org["infra"].Rulesets[0].HideBypassActors = true);

        await _host.CollectAsync();

        var results = await _host.EvaluationsAsync();
        AssertResult(results, "github.branch-admins-enforced", CheckStatus.Fail,
            "acme/infra: administrators can bypass the protection of default branch `main`; the bypass list of ruleset 'main protection' is not visible to the token",
            "acme/storefront: default branch `main` is not protected at all");
    }

    [Fact]
    public async Task Collect_WhenEverythingIsCompliant_PassesEveryCheck()
    {
        _github.State.Update(org =>
        {
            org.Members.RemoveAll(m => m.Login == "carol");
            org.OutsideCollaborators.Clear();
            org.Repositories.RemoveAll(r => r.Name == "storefront");
            org["checkout"].DependabotAlerts.Clear();
            org.Installations.RemoveAll(i => i.AppSlug == "shady-deployer");
        });

        // No log store in this workspace: an audit policy of GitHub's own 180 days needs no export.
        await _host.SetParameterAsync("github.audit-log-exported", "minAuditDays", "180");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var results = await _host.EvaluationsAsync();
        Assert.All(results.Values.Where(r => r.CheckId.StartsWith("github.", StringComparison.Ordinal)), r => Assert.True(r.Status == CheckStatus.Pass, $"{r.CheckId}: {r.Status} {r.Summary}"));
        Assert.Equal(13, results.Keys.Count(k => k.StartsWith("github.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Collect_SendsTheTokenAsBearerOnEveryRequest()
    {
        await _host.CollectAsync();

        Assert.All(_github.Requests.All, r => Assert.Equal("Bearer", r.AuthScheme));
    }

    [Fact]
    public async Task Collect_RequestsFilePathsWithUnescapedSlashes()
    {
        await _host.CollectAsync();

        // GitHub's contents API addresses nested files by path segments.
        Assert.Contains(_github.Requests.All, r => r.RawTarget.StartsWith("/repos/acme/checkout/contents/.github/CODEOWNERS", StringComparison.Ordinal));
        Assert.Contains(_github.Requests.All, r => r.RawTarget.StartsWith("/repos/acme/infra/contents/.github/workflows/ci.yml", StringComparison.Ordinal));
    }

    private async Task<Dictionary<string, T>> ReadAsync<T>(long runId, string kind) =>
        await _host.InScopeAsync(async (_, db) =>
        {
            var records = await db.EvidenceRecords.AsNoTracking().Where(r => r.RunId == runId && r.Kind == kind).ToListAsync();
            var shas = records.Select(r => r.ContentSha256).ToList();
            var contents = await db.EvidenceContents.AsNoTracking().Where(c => shas.Contains(c.Sha256)).ToDictionaryAsync(c => c.Sha256, c => c.Json);
            return records.ToDictionary(
                r => r.Subject,
                r => System.Text.Json.JsonSerializer.Deserialize<T>(contents[r.ContentSha256], CanonicalJson.SerializerOptions)!);
        });

    private static void AssertResult(Dictionary<string, CheckEvaluation> results, string checkId, CheckStatus status, params string[] findings)
    {
        var result = results[checkId];
        Assert.True(result.Status == status, $"{checkId}: expected {status}, was {result.Status}: {result.Summary} [{string.Join(" | ", result.Findings.Select(f => f.Message))}]");
        Assert.Equal(findings.Order(StringComparer.Ordinal), result.Findings.Select(f => f.Message).Order(StringComparer.Ordinal));
    }
}
