using Controls.Collectors.GitHub.Evidence;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;

namespace Controls.Collectors.GitHub.Checks;

/// <summary>
/// github.dependabot-alerts-sla: no open Dependabot alert older than its severity's SLA. Ages are measured at
/// collection time (the evidence's timestamp), so a result is reproducible from the ledger alone.
/// Repositories whose alerts could not be read were recorded as collection failures, which make this check
/// Error before it gets here: a disabled Dependabot is an unknown, and an unknown must not read as Pass.
/// </summary>
public sealed class DependabotAlertsSlaEvaluator : ICheckEvaluator
{
    public string CheckId => "github.dependabot-alerts-sla";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [GitHubEvidenceKinds.DependabotAlerts];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var slaDays = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["critical"] = parameters.GetInt("criticalDays"),
            ["high"] = parameters.GetInt("highDays"),
            ["medium"] = parameters.GetInt("mediumDays"),
            ["moderate"] = parameters.GetInt("mediumDays"),
            ["low"] = parameters.GetInt("lowDays"),
        };

        var repositories = 0;
        var open = 0;
        var findings = new List<FindingDraft>();
        foreach (var item in Collected(evidence, GitHubEvidenceKinds.DependabotAlerts))
        {
            repositories++;
            foreach (var alert in item.Read<DependabotAlertsEvidence>().Alerts)
            {
                open++;

                // An unrecognised severity gets the strictest SLA rather than none.
                var sla = slaDays.TryGetValue(alert.Severity, out var days) ? days : slaDays["critical"];
                var age = AlertAge.Of(item, alert.CreatedAt);
                if (age > TimeSpan.FromDays(sla))
                {
                    var package = alert.Package is null ? string.Empty : $"{alert.Ecosystem} {alert.Package}";
                    var advisory = string.Join(", ", new[] { package, alert.AdvisoryId }.Where(s => !string.IsNullOrWhiteSpace(s)));
                    findings.Add(new FindingDraft(
                        item.Subject,
                        $"{item.Subject}: {alert.Severity} Dependabot alert #{alert.Number}{(advisory.Length > 0 ? $" ({advisory})" : string.Empty)} " +
                        $"open {AlertAge.Days(age)} days, beyond the {sla}-day SLA" + (alert.Summary is null ? string.Empty : $": {alert.Summary}")));
                }
            }
        }

        return CheckVerdict.FromFindings(
            findings,
            $"{open} open Dependabot alert(s) across {repositories} repositories, all within their SLA.",
            $"{findings.Count} of {open} open Dependabot alert(s) are past their SLA.");
    }

    internal static IEnumerable<EvidenceItem> Collected(EvidenceSnapshot evidence, string kind) =>
        evidence.OfKind(kind).Where(i => i.Outcome == EvidenceOutcome.Collected);
}

/// <summary>github.secret-scanning-alerts-sla: no open secret-scanning alert older than maxOpenDays.</summary>
public sealed class SecretScanningAlertsSlaEvaluator : ICheckEvaluator
{
    public string CheckId => "github.secret-scanning-alerts-sla";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [GitHubEvidenceKinds.SecretScanningAlerts];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var maxDays = parameters.GetInt("maxOpenDays");
        var repositories = 0;
        var open = 0;
        var findings = new List<FindingDraft>();
        foreach (var item in DependabotAlertsSlaEvaluator.Collected(evidence, GitHubEvidenceKinds.SecretScanningAlerts))
        {
            repositories++;
            foreach (var alert in item.Read<SecretScanningAlertsEvidence>().Alerts)
            {
                open++;
                var age = AlertAge.Of(item, alert.CreatedAt);
                if (age > TimeSpan.FromDays(maxDays))
                {
                    findings.Add(new FindingDraft(
                        item.Subject,
                        $"{item.Subject}: secret-scanning alert #{alert.Number} ({alert.SecretType}{(alert.Validity is null or "unknown" ? string.Empty : $", {alert.Validity}")}) " +
                        $"open {AlertAge.Days(age)} days, beyond the {maxDays}-day SLA"));
                }
            }
        }

        return CheckVerdict.FromFindings(
            findings,
            $"{open} open secret-scanning alert(s) across {repositories} repositories, all within {maxDays} days.",
            $"{findings.Count} of {open} open secret-scanning alert(s) are older than {maxDays} days.");
    }
}

internal static class AlertAge
{
    public static TimeSpan Of(EvidenceItem item, DateTimeOffset createdAt) =>
        new DateTimeOffset(DateTime.SpecifyKind(item.CollectedAt, DateTimeKind.Utc)) - createdAt;

    public static int Days(TimeSpan age) => (int)Math.Floor(age.TotalDays);
}
