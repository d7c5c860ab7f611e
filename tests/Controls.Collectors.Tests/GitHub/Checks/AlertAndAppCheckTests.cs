using Controls.Collectors.GitHub.Checks;
using Controls.Collectors.GitHub.Evidence;
using static Controls.Collectors.Tests.GitHub.Checks.EvidenceBuilder;

namespace Controls.Collectors.Tests.GitHub.Checks;

public sealed class AlertAndAppCheckTests
{
    private static readonly DateTimeOffset Collected = new(CollectedAt);

    [Fact]
    public void Dependabot_WhenAlertsAreWithinTheirSla_Passes()
    {
        var evaluator = new DependabotAlertsSlaEvaluator();
        var alerts = new DependabotAlertsEvidence(
        [
            Alert(1, "critical", Collected.AddDays(-6)),
            Alert(2, "high", Collected.AddDays(-29)),
            Alert(3, "moderate", Collected.AddDays(-80)),
            Alert(4, "low", Collected.AddDays(-170)),
        ]);

        var verdict = evaluator.Evaluate(Snapshot(Item(GitHubEvidenceKinds.DependabotAlerts, "acme/checkout", alerts)), Parameters(evaluator.CheckId));

        Assert.True(verdict.Passed);
        Assert.Equal("4 open Dependabot alert(s) across 1 repositories, all within their SLA.", verdict.Summary);
    }

    [Fact]
    public void Dependabot_WhenAlertsAreOlderThanTheirSla_FailsNamingEach()
    {
        var evaluator = new DependabotAlertsSlaEvaluator();
        var alerts = new DependabotAlertsEvidence(
        [
            Alert(1, "critical", Collected.AddDays(-8)),
            Alert(2, "high", Collected.AddDays(-29)),
            Alert(3, "moderate", Collected.AddDays(-91)),
            Alert(4, "unrecognised", Collected.AddDays(-8)),
        ]);

        var verdict = evaluator.Evaluate(Snapshot(Item(GitHubEvidenceKinds.DependabotAlerts, "acme/checkout", alerts)), Parameters(evaluator.CheckId));

        Assert.False(verdict.Passed);
        Assert.Equal(
            [
                "acme/checkout: critical Dependabot alert #1 (npm lodash, GHSA-1) open 8 days, beyond the 7-day SLA: Prototype pollution",
                "acme/checkout: moderate Dependabot alert #3 (npm lodash, GHSA-3) open 91 days, beyond the 90-day SLA: Prototype pollution",
                "acme/checkout: unrecognised Dependabot alert #4 (npm lodash, GHSA-4) open 8 days, beyond the 7-day SLA: Prototype pollution",
            ],
            verdict.Findings.Select(f => f.Message));
    }

    [Fact]
    public void Dependabot_WithAShorterCriticalSla_AppliesTheOverride()
    {
        var evaluator = new DependabotAlertsSlaEvaluator();
        var alerts = new DependabotAlertsEvidence([Alert(1, "critical", Collected.AddDays(-3))]);

        var verdict = evaluator.Evaluate(Snapshot(Item(GitHubEvidenceKinds.DependabotAlerts, "acme/checkout", alerts)), Parameters(evaluator.CheckId, ("criticalDays", "2")));

        Assert.False(verdict.Passed);
    }

    [Fact]
    public void SecretScanning_WhenAlertsAreRecent_Passes()
    {
        var evaluator = new SecretScanningAlertsSlaEvaluator();
        var alerts = new SecretScanningAlertsEvidence([new SecretScanningAlertEvidence(1, "Stripe API Key", Collected.AddDays(-6), "active", null)]);

        Assert.True(evaluator.Evaluate(Snapshot(Item(GitHubEvidenceKinds.SecretScanningAlerts, "acme/a", alerts)), Parameters(evaluator.CheckId)).Passed);
    }

    [Fact]
    public void SecretScanning_WhenAnAlertIsOlderThanAllowed_Fails()
    {
        var evaluator = new SecretScanningAlertsSlaEvaluator();
        var alerts = new SecretScanningAlertsEvidence([new SecretScanningAlertEvidence(5, "Stripe API Key", Collected.AddDays(-12), "active", null)]);

        var verdict = evaluator.Evaluate(Snapshot(Item(GitHubEvidenceKinds.SecretScanningAlerts, "acme/a", alerts)), Parameters(evaluator.CheckId));

        Assert.Equal("acme/a: secret-scanning alert #5 (Stripe API Key, active) open 12 days, beyond the 7-day SLA", Assert.Single(verdict.Findings).Message);
    }

    private static DependabotAlertEvidence Alert(int number, string severity, DateTimeOffset createdAt) =>
        new(number, severity, "lodash", "npm", $"GHSA-{number}", "Prototype pollution", createdAt, null);
}
