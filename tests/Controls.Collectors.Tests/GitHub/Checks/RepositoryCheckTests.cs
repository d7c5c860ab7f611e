using Controls.Collectors.GitHub.Checks;
using Controls.Collectors.GitHub.Evidence;
using static Controls.Collectors.Tests.GitHub.Checks.EvidenceBuilder;

namespace Controls.Collectors.Tests.GitHub.Checks;

public sealed class RepositoryCheckTests
{
    [Fact]
    public void ReviewRequired_WhenRulesetRequiresOneApproval_Passes()
    {
        var evaluator = new BranchReviewRequiredEvaluator();
        var protection = Protection(classic: false, approvals: 1, rulesets: new RulesetEvidence(7, "main", "Organization", "acme", ["pull_request"], []));

        var verdict = evaluator.Evaluate(Snapshot(Repository("checkout", protection), Repository("old", archived: true)), Parameters(evaluator.CheckId));

        Assert.True(verdict.Passed);
        Assert.Equal("All 1 active repositories require approving reviews on the default branch (1 archived repositories skipped).", verdict.Summary);
    }

    [Fact]
    public void ReviewRequired_WhenUnprotectedOrUnderApproved_FailsNamingTheBranch()
    {
        var evaluator = new BranchReviewRequiredEvaluator();

        var verdict = evaluator.Evaluate(
            Snapshot(
                Repository("checkout", Unprotected),
                Repository("theme", Protection(pullRequest: false, approvals: 0)),
                Repository("api", Protection(approvals: 0)),
                Repository("web", Protection(approvals: 1))),
            Parameters(evaluator.CheckId, ("minApprovals", "2")));

        Assert.False(verdict.Passed);
        Assert.Equal(
            [
                "acme/checkout: default branch `main` is not protected: no branch protection rule or ruleset applies, so it requires no approving review",
                "acme/theme: default branch `main` does not require a pull request, so it requires no approving review",
                "acme/api: default branch `main` requires no approving review",
                "acme/web: default branch `main` requires 1 approving review(s), fewer than the 2 required",
            ],
            verdict.Findings.Select(f => f.Message));
        Assert.Equal("4 of 4 active repositories let changes reach the default branch without the required approvals.", verdict.Summary);
    }

    [Fact]
    public void ReviewRequired_WithOnlyArchivedRepositories_PassesSayingSo()
    {
        var evaluator = new BranchReviewRequiredEvaluator();

        var verdict = evaluator.Evaluate(Snapshot(Repository("old", archived: true)), Parameters(evaluator.CheckId));

        Assert.True(verdict.Passed);
        Assert.Equal("The organisation has no active repositories (1 archived repositories skipped).", verdict.Summary);
    }

    [Fact]
    public void DismissStale_WhenOn_Passes() =>
        Assert.True(new BranchDismissStaleReviewsEvaluator().Evaluate(Snapshot(Repository("a")), Parameters("github.branch-dismiss-stale-reviews")).Passed);

    [Fact]
    public void DismissStale_WhenOff_Fails()
    {
        var verdict = new BranchDismissStaleReviewsEvaluator().Evaluate(Snapshot(Repository("a", Protection(dismissStale: false))), Parameters("github.branch-dismiss-stale-reviews"));

        Assert.Equal("acme/a: default branch `main` keeps approvals when new commits are pushed (stale reviews are not dismissed)", Assert.Single(verdict.Findings).Message);
    }

    [Fact]
    public void StatusChecks_WhenOneRequired_Passes() =>
        Assert.True(new BranchStatusChecksRequiredEvaluator().Evaluate(Snapshot(Repository("a")), Parameters("github.branch-status-checks-required")).Passed);

    [Fact]
    public void StatusChecks_WhenNoneRequired_Fails()
    {
        var verdict = new BranchStatusChecksRequiredEvaluator().Evaluate(Snapshot(Repository("a", Protection(statusChecks: []))), Parameters("github.branch-status-checks-required"));

        Assert.Equal("acme/a: default branch `main` requires no status check to pass before merging", Assert.Single(verdict.Findings).Message);
    }

    [Fact]
    public void AdminsEnforced_ByClassicProtectionOrByABypassFreeRuleset_Passes()
    {
        var evaluator = new BranchAdminsEnforcedEvaluator();
        var ruleset = Protection(classic: false, admins: true, rulesets: new RulesetEvidence(1, "main", "Repository", "acme/b", ["pull_request"], []));

        Assert.True(evaluator.Evaluate(Snapshot(Repository("a"), Repository("b", ruleset)), Parameters(evaluator.CheckId)).Passed);
    }

    [Fact]
    public void AdminsEnforced_WhenBypassListedOrHidden_FailsWithTheReason()
    {
        var evaluator = new BranchAdminsEnforcedEvaluator();
        var bypass = Protection(classic: false, admins: false, rulesets: new RulesetEvidence(1, "main", "Repository", "acme/a", ["pull_request"], ["OrganizationAdmin:1:always"]));
        var hidden = Protection(classic: false, admins: false, rulesets: new RulesetEvidence(2, "guard", "Repository", "acme/b", ["pull_request"], null));

        var verdict = evaluator.Evaluate(Snapshot(Repository("a", bypass), Repository("b", hidden), Repository("c", Protection(admins: false))), Parameters(evaluator.CheckId));

        Assert.Equal(
            [
                "acme/a: administrators can bypass the protection of default branch `main`; bypass list: OrganizationAdmin:1:always",
                "acme/b: administrators can bypass the protection of default branch `main`; the bypass list of ruleset 'guard' is not visible to the token",
                "acme/c: administrators can bypass the protection of default branch `main` (\"enforce admins\" is off)",
            ],
            verdict.Findings.Select(f => f.Message));
    }

    [Fact]
    public void History_WhenBlocked_Passes() =>
        Assert.True(new BranchHistoryProtectedEvaluator().Evaluate(Snapshot(Repository("a")), Parameters("github.branch-history-protected")).Passed);

    [Fact]
    public void History_WhenForcePushAndDeletionAllowed_FailsWithBoth()
    {
        var verdict = new BranchHistoryProtectedEvaluator().Evaluate(
            Snapshot(Repository("a", Protection(forcePushBlocked: false, deletionBlocked: false))), Parameters("github.branch-history-protected"));

        Assert.Equal(["acme/a: force pushes to default branch `main` are allowed", "acme/a: default branch `main` can be deleted"], verdict.Findings.Select(f => f.Message));
        Assert.Equal("1 of 1 active repositories allow the default branch's history to be rewritten or deleted.", verdict.Summary);
    }

    [Fact]
    public void CodeOwners_WhenPresent_Passes() =>
        Assert.True(new CodeOwnersPresentEvaluator().Evaluate(Snapshot(Repository("a")), Parameters("github.codeowners-present")).Passed);

    [Fact]
    public void CodeOwners_WhenAbsentOrEmpty_Fails()
    {
        var verdict = new CodeOwnersPresentEvaluator().Evaluate(
            Snapshot(Repository("a", codeOwners: new CodeOwnersEvidence(null, 0)), Repository("b", codeOwners: new CodeOwnersEvidence("docs/CODEOWNERS", 0))),
            Parameters("github.codeowners-present"));

        Assert.Equal(
            ["acme/a: has no CODEOWNERS file (looked in .github/, the root and docs/)", "acme/b: CODEOWNERS at `docs/CODEOWNERS` assigns no owners (only comments or blank lines)"],
            verdict.Findings.Select(f => f.Message));
    }

    [Fact]
    public void PullRequestWorkflows_WhenPullRequestTargetTriggers_Passes() =>
        Assert.True(new PullRequestWorkflowsPresentEvaluator().Evaluate(
            Snapshot(Repository("a", workflows: [new WorkflowEvidence(".github/workflows/pr.yml", "PR", "active", ["pull_request_target"])])),
            Parameters("github.pr-workflows-present")).Passed);

    [Fact]
    public void PullRequestWorkflows_WhenOnlyPushOrDisabled_Fails()
    {
        var verdict = new PullRequestWorkflowsPresentEvaluator().Evaluate(
            Snapshot(
                Repository("a", workflows: [new WorkflowEvidence(".github/workflows/deploy.yml", "Deploy", "active", ["push"])]),
                Repository("b", workflows: [new WorkflowEvidence(".github/workflows/ci.yml", "CI", "disabled_manually", ["pull_request"])]),
                Repository("c", workflows: [])),
            Parameters("github.pr-workflows-present"));

        Assert.Equal(
            [
                "acme/a: none of its 1 workflow(s) is active and triggered by pull_request or pull_request_target",
                "acme/b: none of its 1 workflow(s) is active and triggered by pull_request or pull_request_target",
                "acme/c: has no GitHub Actions workflow, so nothing runs on pull requests",
            ],
            verdict.Findings.Select(f => f.Message));
    }
}
