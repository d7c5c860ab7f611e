using Controls.Testing;
using Controls.Testing.FakeGitHub;

namespace Controls.Collectors.Tests.GitHub;

/// <summary>Organisations the collection tests run against. Dates are relative to <see cref="TestClock"/>'s default start.</summary>
internal static class TestOrganizations
{
    public static readonly DateTimeOffset Now = new TestClock().GetUtcNow();

    /// <summary>
    /// acme: four members (two owners, carol without 2FA), one outside collaborator, and repositories that
    /// pass (checkout: classic protection; infra: a ruleset), fail (storefront: nothing) or are archived (legacy).
    /// </summary>
    public static FakeGitHubState Small() => FakeGitHubState.Create("acme", org => org
        .Member("alice", admin: true)
        .Member("bob", admin: true)
        .Member("carol", twoFactor: false)
        .Member("dave")
        .OutsideCollaborator("zoe-contractor")
        .Repository("checkout", r => r
            .Compliant()
            .DependabotAlert(12, "critical", Now.AddDays(-30), "guzzlehttp/guzzle", "composer", "Guzzle leaks cookies across hosts")
            .DependabotAlert(13, "low", Now.AddDays(-30), "left-pad", "npm", "Low-risk issue"))
        .Repository("storefront", r => r.SecretScanningAlert(3, Now.AddDays(-2)))
        .Repository("infra", r => r
            .Ruleset("main protection", rs =>
            {
                rs.RequiredApprovals = 1;
                rs.DismissStaleReviewsOnPush = true;
                rs.StatusChecks.Add("ci/plan");
                rs.BlockForcePushes = true;
                rs.RestrictDeletions = true;
            })
            .CodeOwners("# platform team owns everything\n* @acme/platform\n", "CODEOWNERS")
            .PullRequestWorkflow())
        .Repository("legacy", r => r.Archived = true)
        .Installation("slack", new Dictionary<string, string> { ["metadata"] = "read", ["pull_requests"] = "read" }, "selected", "pull_request")
        .Installation("shady-deployer", new Dictionary<string, string> { ["contents"] = "write", ["secrets"] = "write", ["metadata"] = "read" }, "all", "push"));
}
