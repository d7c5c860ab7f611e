using Controls.Collectors.Demo;
using Controls.Testing.FakeGitHub;

namespace Controls.Collectors.Tests.Demo;

/// <summary>
/// The sample organisation behind the demo workspace. Its recording (src/Controls.Collectors/Demo/Recordings)
/// is generated from this state by <see cref="DemoRecordingTests"/>; change both together.
/// It is built to show realistic gaps next to passes: two unprotected or weakly protected repositories, a
/// missing CODEOWNERS, an old critical and an old medium Dependabot alert, an unapproved app with write access,
/// a member without 2FA in an organisation that does not enforce it, and two outside collaborators.
/// </summary>
internal static class DemoOrganization
{
    private const string CiWorkflow = """
        name: CI
        on:
          pull_request:
            branches: [main]
          push:
            branches: [main]
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: make test
        """;

    private const string DeployWorkflow = """
        name: Deploy
        on:
          push:
            branches: [main]
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: ./deploy.sh
        """;

    public static FakeGitHubState Build() => FakeGitHubState.Create(DemoNames.GitHubOrganization, org =>
    {
        org.Name = "Acme Outfitters";
        org.TwoFactorRequirementEnabled = false;
        org.CreatedAt = new DateTimeOffset(2018, 4, 9, 14, 0, 0, TimeSpan.Zero);
        org.Member("maya-chen", admin: true)
            .Member("sam-okafor", admin: true)
            .Member("lena-fischer", admin: true)
            .Member("diego-alvarez")
            .Member("priya-raman")
            .Member("tom-becker", twoFactor: false)
            .Member("ana-souza")
            .Member("kofi-mensah")
            .OutsideCollaborator("pixelforge-agency-dev")
            .OutsideCollaborator("jlee-freelance");

        org.Repository("checkout-service", r => r
            .ProtectFully()
            .CodeOwners("* @acme-outfitters/payments\n/src/stripe/ @maya-chen @sam-okafor\n")
            .Workflow("ci.yml", CiWorkflow, "CI")
            .DependabotAlert(41, "critical", new DateTimeOffset(2026, 7, 14, 8, 12, 0, TimeSpan.Zero), "guzzlehttp/guzzle", "composer",
                "Guzzle forwards the Authorization header to another host on redirect"));

        org.Repository("storefront-theme", r => r
            .Ruleset("Protect main", rs =>
            {
                rs.RequiredApprovals = 1;
                rs.DismissStaleReviewsOnPush = true;
                rs.StatusChecks.Add("theme-check");
                rs.BlockForcePushes = true;
                rs.RestrictDeletions = true;
                rs.BypassActors.Add(new FakeBypassActor(1, "OrganizationAdmin"));
            })
            .CodeOwners("* @acme-outfitters/frontend\n")
            .Workflow("theme-check.yml", "name: Theme check\non: [pull_request]\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n", "Theme check"));

        org.Repository("magento-extensions", r =>
        {
            r.Protect(p => p.RequiredApprovals = 1);
            r.Workflow("deploy.yml", DeployWorkflow, "Deploy");
        });

        org.Repository("marketing-site", r => r.Visibility = "public");

        org.Repository("order-sync-worker", r => r
            .ProtectFully()
            .CodeOwners("# Integrations team\n* @acme-outfitters/integrations\n", "docs/CODEOWNERS")
            .Workflow("ci.yml", CiWorkflow, "CI")
            .DependabotAlert(7, "low", new DateTimeOffset(2026, 10, 1, 11, 0, 0, TimeSpan.Zero), "symfony/http-client", "composer",
                "Symfony HttpClient may leak credentials in verbose logs"));

        org.Repository("infra-terraform", r => r
            .Ruleset("Platform change control", rs =>
            {
                rs.RequiredApprovals = 2;
                rs.DismissStaleReviewsOnPush = true;
                rs.RequireCodeOwnerReview = true;
                rs.StatusChecks.Add("terraform-plan");
                rs.BlockForcePushes = true;
                rs.RestrictDeletions = true;
            })
            .CodeOwners("* @acme-outfitters/platform\n", "CODEOWNERS")
            .Workflow("plan.yml", "name: Plan\non:\n  pull_request:\n    paths: ['**.tf']\njobs:\n  plan:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n", "Plan"));

        org.Repository("payment-webhooks", r => r
            .ProtectFully()
            .CodeOwners("* @acme-outfitters/payments\n")
            .Workflow("ci.yml", CiWorkflow, "CI"));

        org.Repository("data-exports", r => r
            .ProtectFully()
            .CodeOwners("* @acme-outfitters/data\n")
            .Workflow("ci.yml", CiWorkflow, "CI")
            .DependabotAlert(3, "medium", new DateTimeOffset(2026, 6, 30, 16, 45, 0, TimeSpan.Zero), "league/csv", "composer",
                "CSV formula injection in exported spreadsheets"));

        org.Repository("legacy-shop-2019", r => r.Archived = true);

        org.Installation("slack", new Dictionary<string, string> { ["metadata"] = "read", ["pull_requests"] = "read", ["issues"] = "read" }, "all", "pull_request", "push");
        org.Installation("vercel", new Dictionary<string, string> { ["contents"] = "read", ["deployments"] = "write", ["statuses"] = "write", ["metadata"] = "read" }, "selected", "push");
        org.Installation(
            "pixelforge-deployer",
            new Dictionary<string, string> { ["administration"] = "write", ["contents"] = "write", ["secrets"] = "write", ["workflows"] = "write", ["metadata"] = "read" },
            "all",
            "push",
            "workflow_run");
    });
}
