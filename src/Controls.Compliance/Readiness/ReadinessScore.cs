using System.Globalization;
using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;

namespace Controls.Compliance.Readiness;

public enum ReadinessLevel
{
    /// <summary>Every component complete: current playbook, detection measured and fully wired, tabletop within its cadence.</summary>
    Ready,

    /// <summary>A current-or-overdue playbook exists and the score is at least 50, but something is missing or overdue.</summary>
    Partial,

    /// <summary>No playbook at all, or a score below 50.</summary>
    NotReady,
}

/// <summary>The latest playbook attestation of a surface, as the score needs it.</summary>
public sealed record PlaybookFact(int Id, string Title, string Owner, string? Location, DateOnly ReviewedOn, string? FileSha256, string? FileName, DateTime AttestedAt);

/// <summary>The latest tabletop exercise that exercised a surface.</summary>
public sealed record TabletopFact(int Id, string Scenario, DateOnly HeldOn, string Facilitator);

/// <summary>
/// A detection check's current status on one system (SystemId null for a workspace-level result), from the current
/// <see cref="CheckEvaluation"/> rows.
/// </summary>
public sealed record DetectionObservation(string CheckId, int? SystemId, CheckStatus Status, string Summary);

/// <summary>One detection check of a surface, its statuses rolled up across systems.</summary>
public sealed record DetectionCheckResult(string CheckId, CheckStatus? Status, bool Wired, bool Counted, string Summary);

/// <summary>
/// A surface's readiness: the three components, the 0–100 score, the level, and the reasons a person can act on.
/// </summary>
public sealed record SurfaceReadinessResult(
    string Surface,
    int Score,
    ReadinessLevel Level,
    PlaybookFact? Playbook,
    bool PlaybookCurrent,
    DateOnly? PlaybookReviewDue,
    int PlaybookReviewDays,
    bool DetectionMeasured,
    int DetectionWired,
    int DetectionCounted,
    IReadOnlyList<DetectionCheckResult> DetectionChecks,
    string? DetectionUnmeasured,
    TabletopFact? LastTabletop,
    bool TabletopCurrent,
    DateOnly? NextTabletopDue,
    int TabletopCadenceDays,
    int PlaybookPoints,
    int DetectionPoints,
    int TabletopPoints,
    IReadOnlyList<string> Reasons);

/// <summary>
/// Incident-response readiness of one surface, pure so the rules are tested without I/O.
/// <para>
/// Weighting (out of 100): the playbook is worth 40 — without a plan nobody knows who does what, so it weighs most;
/// an attested playbook whose review is overdue keeps 20 (it exists but may name people who left). Detection is worth
/// 30, in proportion to the surface's detection checks whose current status is Pass (Fail, Error, Stale and
/// NeedsEvidence all count as not wired; NotApplicable checks are left out). A surface whose detection cannot be
/// measured (no checks, or every check not applicable) gets 0 detection points and says so: unmeasured is never
/// assumed fine. The tabletop is worth 30 when the last exercise of the surface is within its cadence, 0 otherwise:
/// an overdue rehearsal is the thing to fix, not a partial credit.
/// </para>
/// <para>
/// Levels: Ready only at 100 (every component complete); NotReady without any playbook or below 50; Partial between.
/// </para>
/// </summary>
public static class ReadinessScore
{
    public const int PlaybookWeight = 40;
    public const int PlaybookOverdueWeight = 20;
    public const int DetectionWeight = 30;
    public const int TabletopWeight = 30;
    public const int PartialThreshold = 50;

    /// <summary>
    /// Scores a surface on <paramref name="today"/> (UTC date). <paramref name="detection"/> null leaves detection out
    /// of the judgement (the readiness check judges playbook and tabletop only); otherwise it holds the current statuses
    /// of the surface's detection checks (a check with no row has not been evaluated and counts as not wired).
    /// </summary>
    public static SurfaceReadinessResult Evaluate(
        SurfaceReadinessPolicy policy, PlaybookFact? playbook, TabletopFact? tabletop, IReadOnlyList<DetectionObservation>? detection, DateOnly today)
    {
        var reasons = new List<string>();
        var surface = policy.Surface;

        DateOnly? reviewDue = playbook is null ? null : playbook.ReviewedOn.AddDays(policy.PlaybookReviewDays);
        var playbookCurrent = reviewDue is { } due && today <= due;
        int playbookPoints;
        if (playbook is null)
        {
            playbookPoints = 0;
            reasons.Add($"{surface}: no incident-response playbook attested");
        }
        else if (!playbookCurrent)
        {
            playbookPoints = PlaybookOverdueWeight;
            reasons.Add($"{surface}: playbook '{playbook.Title}' (owner {playbook.Owner}) last reviewed {Day(playbook.ReviewedOn)}, review was due {Day(reviewDue!.Value)} (every {policy.PlaybookReviewDays} days)");
        }
        else
        {
            playbookPoints = PlaybookWeight;
        }

        DateOnly? tabletopDue = tabletop is null ? null : tabletop.HeldOn.AddDays(policy.TabletopCadenceDays);
        var tabletopCurrent = tabletopDue is { } next && today <= next;
        if (tabletop is null)
        {
            reasons.Add($"{surface}: no tabletop exercise recorded (needed every {policy.TabletopCadenceDays} days)");
        }
        else if (!tabletopCurrent)
        {
            reasons.Add($"{surface}: last tabletop {Day(tabletop.HeldOn)}, older than {policy.TabletopCadenceDays} days (was due {Day(tabletopDue!.Value)})");
        }

        var tabletopPoints = tabletopCurrent ? TabletopWeight : 0;

        var checks = new List<DetectionCheckResult>();
        var detectionPoints = 0;
        var measured = false;
        if (detection is not null)
        {
            foreach (var checkId in policy.DetectionChecks)
            {
                var result = RollUp(checkId, detection.Where(d => d.CheckId == checkId).ToList());
                checks.Add(result);
                if (result.Counted && !result.Wired)
                {
                    reasons.Add($"{surface}: detection not wired: {checkId} is {(result.Status is { } s ? s.ToString() : "not evaluated")}: {result.Summary}");
                }
            }

            var counted = checks.Count(c => c.Counted);
            measured = counted > 0;
            if (!measured)
            {
                reasons.Add(policy.DetectionUnmeasured is { } why
                    ? $"{surface}: detection not measured: {why}"
                    : $"{surface}: detection not measured: every detection check is not applicable");
            }
            else
            {
                // Rounded down: a surface with one of three checks failing must not round up to the full weight.
                detectionPoints = DetectionWeight * checks.Count(c => c.Wired) / counted;
            }
        }

        var score = playbookPoints + detectionPoints + tabletopPoints;
        var complete = playbookCurrent && tabletopCurrent && (detection is null || (measured && checks.Where(c => c.Counted).All(c => c.Wired)));
        var level = complete
            ? ReadinessLevel.Ready
            : playbook is null || score < PartialThreshold ? ReadinessLevel.NotReady : ReadinessLevel.Partial;

        return new SurfaceReadinessResult(
            surface, score, level, playbook, playbookCurrent, reviewDue, policy.PlaybookReviewDays,
            measured, checks.Count(c => c.Wired), checks.Count(c => c.Counted), checks, policy.DetectionUnmeasured,
            tabletop, tabletopCurrent, tabletopDue, policy.TabletopCadenceDays,
            playbookPoints, detectionPoints, tabletopPoints, reasons);
    }

    /// <summary>
    /// One check across systems: wired only when every applicable result is Pass. Not applicable everywhere leaves the
    /// check out of the count; no result at all (never evaluated) counts as not wired.
    /// </summary>
    private static DetectionCheckResult RollUp(string checkId, List<DetectionObservation> rows)
    {
        if (rows.Count == 0)
        {
            return new DetectionCheckResult(checkId, null, Wired: false, Counted: true, "no current evaluation");
        }

        var applicable = rows.Where(r => r.Status != CheckStatus.NotApplicable).ToList();
        if (applicable.Count == 0)
        {
            return new DetectionCheckResult(checkId, CheckStatus.NotApplicable, Wired: false, Counted: false, rows[0].Summary);
        }

        var worst = applicable.MaxBy(r => Severity(r.Status))!;
        return new DetectionCheckResult(checkId, worst.Status, worst.Status == CheckStatus.Pass, Counted: true, worst.Summary);
    }

    /// <summary>Which status speaks for a check measured on several systems: anything not Pass outranks Pass.</summary>
    private static int Severity(CheckStatus status) => status switch
    {
        CheckStatus.Pass => 0,
        CheckStatus.Stale => 1,
        CheckStatus.NeedsEvidence => 2,
        CheckStatus.Fail => 3,
        CheckStatus.Error => 4,
        _ => 0,
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
