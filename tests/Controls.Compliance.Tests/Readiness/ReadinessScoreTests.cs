using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Readiness;

namespace Controls.Compliance.Tests.Readiness;

public sealed class ReadinessScoreTests
{
    private static readonly DateOnly Today = new(2026, 11, 2);

    private static readonly SurfaceReadinessPolicy Payment = new(
        "payment", TimeSpan.FromDays(182), TimeSpan.FromDays(365), ["logs.searchable-retention", "github.secret-scanning-alerts-sla"], null);

    private static readonly SurfaceReadinessPolicy EmployeePortal = new(
        "employee-portal", TimeSpan.FromDays(365), TimeSpan.FromDays(365), [], "No connected platform measures the employee portal.");

    private static PlaybookFact Playbook(DateOnly reviewedOn) =>
        new(1, "Payment incident playbook", "payments-lead@acme.example", "https://wiki.acme.example/ir/payment", reviewedOn, null, null, new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));

    private static TabletopFact Tabletop(DateOnly heldOn) => new(7, "Skimmer in checkout", heldOn, "ciso@acme.example");

    private static List<DetectionObservation> Passing(params string[] checks) =>
        [.. checks.Select(c => new DetectionObservation(c, 1, CheckStatus.Pass, "ok"))];

    [Fact]
    public void Evaluate_EveryComponentComplete_Scores100AndIsReady()
    {
        var result = ReadinessScore.Evaluate(Payment, Playbook(new(2026, 6, 1)), Tabletop(new(2026, 9, 1)),
            Passing("logs.searchable-retention", "github.secret-scanning-alerts-sla"), Today);

        Assert.Equal(100, result.Score);
        Assert.Equal(ReadinessLevel.Ready, result.Level);
        Assert.Empty(result.Reasons);
        Assert.Equal(new DateOnly(2027, 6, 1), result.PlaybookReviewDue);
        Assert.Equal(new DateOnly(2027, 3, 2), result.NextTabletopDue);
        Assert.Equal((2, 2), (result.DetectionWired, result.DetectionCounted));
    }

    [Fact]
    public void Evaluate_PaymentTabletopOlderThanHalfAYear_LosesTheTabletopPointsAndSaysSince()
    {
        var result = ReadinessScore.Evaluate(Payment, Playbook(new(2026, 6, 1)), Tabletop(new(2026, 3, 2)),
            Passing("logs.searchable-retention", "github.secret-scanning-alerts-sla"), Today);

        Assert.Equal(70, result.Score);
        Assert.Equal(ReadinessLevel.Partial, result.Level);
        Assert.False(result.TabletopCurrent);
        Assert.Equal("payment: last tabletop 2026-03-02, older than 182 days (was due 2026-08-31)", Assert.Single(result.Reasons));
    }

    [Fact]
    public void Evaluate_TabletopOnItsDueDay_IsStillCurrent()
    {
        var result = ReadinessScore.Evaluate(Payment, Playbook(new(2026, 6, 1)), Tabletop(Today.AddDays(-182)), [], Today);

        Assert.True(result.TabletopCurrent);
        Assert.Equal(30, result.TabletopPoints);
    }

    [Fact]
    public void Evaluate_NoPlaybook_IsNotReadyWhateverElseHolds()
    {
        var result = ReadinessScore.Evaluate(Payment, null, Tabletop(new(2026, 9, 1)),
            Passing("logs.searchable-retention", "github.secret-scanning-alerts-sla"), Today);

        Assert.Equal(60, result.Score);
        Assert.Equal(ReadinessLevel.NotReady, result.Level);
        Assert.Contains("payment: no incident-response playbook attested", result.Reasons);
    }

    [Fact]
    public void Evaluate_PlaybookReviewOverdue_KeepsHalfThePlaybookPoints()
    {
        var result = ReadinessScore.Evaluate(Payment, Playbook(new(2025, 10, 1)), Tabletop(new(2026, 9, 1)),
            Passing("logs.searchable-retention", "github.secret-scanning-alerts-sla"), Today);

        Assert.Equal(ReadinessScore.PlaybookOverdueWeight, result.PlaybookPoints);
        Assert.Equal(80, result.Score);
        Assert.Equal(ReadinessLevel.Partial, result.Level);
        Assert.Contains(
            "payment: playbook 'Payment incident playbook' (owner payments-lead@acme.example) last reviewed 2025-10-01, review was due 2026-10-01 (every 365 days)",
            result.Reasons);
    }

    [Theory]
    [InlineData(CheckStatus.Fail)]
    [InlineData(CheckStatus.Error)]
    [InlineData(CheckStatus.Stale)]
    [InlineData(CheckStatus.NeedsEvidence)]
    public void Evaluate_DetectionCheckNotPassing_CountsAsNotWired(CheckStatus status)
    {
        List<DetectionObservation> detection =
        [
            new("logs.searchable-retention", 1, CheckStatus.Pass, "ok"),
            new("github.secret-scanning-alerts-sla", 2, status, "secret scanning disabled on acme/checkout"),
        ];

        var result = ReadinessScore.Evaluate(Payment, Playbook(new(2026, 6, 1)), Tabletop(new(2026, 9, 1)), detection, Today);

        Assert.Equal((1, 2), (result.DetectionWired, result.DetectionCounted));
        Assert.Equal(15, result.DetectionPoints);
        Assert.Equal(ReadinessLevel.Partial, result.Level);
        Assert.Contains($"payment: detection not wired: github.secret-scanning-alerts-sla is {status}: secret scanning disabled on acme/checkout", result.Reasons);
    }

    [Fact]
    public void Evaluate_CheckPassingOnOneSystemAndFailingOnAnother_IsNotWired()
    {
        List<DetectionObservation> detection =
        [
            new("logs.searchable-retention", 1, CheckStatus.Pass, "ok"),
            new("logs.searchable-retention", 2, CheckStatus.Fail, "30-day delete phase"),
            new("github.secret-scanning-alerts-sla", 3, CheckStatus.Pass, "ok"),
        ];

        var result = ReadinessScore.Evaluate(Payment, Playbook(new(2026, 6, 1)), Tabletop(new(2026, 9, 1)), detection, Today);

        Assert.False(result.DetectionChecks.Single(c => c.CheckId == "logs.searchable-retention").Wired);
        Assert.Equal(1, result.DetectionWired);
    }

    [Fact]
    public void Evaluate_DetectionCheckNeverEvaluated_CountsAsNotWired()
    {
        var result = ReadinessScore.Evaluate(Payment, Playbook(new(2026, 6, 1)), Tabletop(new(2026, 9, 1)), Passing("logs.searchable-retention"), Today);

        var missing = result.DetectionChecks.Single(c => c.CheckId == "github.secret-scanning-alerts-sla");
        Assert.Null(missing.Status);
        Assert.True(missing.Counted);
        Assert.False(missing.Wired);
    }

    [Fact]
    public void Evaluate_SurfaceWithoutDetectionChecks_SaysDetectionIsUnmeasuredAndIsNeverReady()
    {
        var result = ReadinessScore.Evaluate(EmployeePortal, Playbook(new(2026, 6, 1)), Tabletop(new(2026, 9, 1)), [], Today);

        Assert.False(result.DetectionMeasured);
        Assert.Equal(0, result.DetectionPoints);
        Assert.Equal(70, result.Score);
        Assert.Equal(ReadinessLevel.Partial, result.Level);
        Assert.Equal("employee-portal: detection not measured: No connected platform measures the employee portal.", Assert.Single(result.Reasons));
    }

    [Fact]
    public void Evaluate_EveryDetectionCheckNotApplicable_IsUnmeasuredNotWired()
    {
        List<DetectionObservation> detection =
        [
            new("logs.searchable-retention", null, CheckStatus.NotApplicable, "Not applicable: no log store"),
            new("github.secret-scanning-alerts-sla", null, CheckStatus.NotApplicable, "Not applicable: no GitHub"),
        ];

        var result = ReadinessScore.Evaluate(Payment, Playbook(new(2026, 6, 1)), Tabletop(new(2026, 9, 1)), detection, Today);

        Assert.False(result.DetectionMeasured);
        Assert.Equal(0, result.DetectionCounted);
        Assert.Equal(ReadinessLevel.Partial, result.Level);
        Assert.Contains("payment: detection not measured: every detection check is not applicable", result.Reasons);
    }

    [Fact]
    public void Evaluate_WithoutDetection_JudgesPlaybookAndTabletopOnly()
    {
        var ready = ReadinessScore.Evaluate(Payment, Playbook(new(2026, 6, 1)), Tabletop(new(2026, 9, 1)), detection: null, Today);
        var never = ReadinessScore.Evaluate(Payment, Playbook(new(2026, 6, 1)), null, detection: null, Today);

        Assert.Equal(ReadinessLevel.Ready, ready.Level);
        Assert.Empty(ready.Reasons);
        Assert.Equal("payment: no tabletop exercise recorded (needed every 182 days)", Assert.Single(never.Reasons));
    }
}
