using Controls.Collectors.GitHub.Evidence;
using Controls.Collectors.Logs.Checks;
using Controls.Compliance.Evaluation;

namespace Controls.Collectors.GitHub.Checks;

/// <summary>
/// github.audit-log-exported: GitHub keeps the organisation audit log 180 days (Git events 7); when audit records
/// must be kept longer (minAuditDays), an export of them must exist in a workspace log store under a lifecycle
/// that keeps it that long.
/// </summary>
public sealed class AuditLogExportedEvaluator : ICheckEvaluator
{
    public string CheckId => "github.audit-log-exported";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [GitHubEvidenceKinds.AuditLogRetention];

    public IReadOnlyCollection<WorkspaceEvidenceNeed> WorkspaceEvidence => AuditExportRule.LogStoreEvidence;

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var (org, retention) = evidence.All<AuditLogRetentionEvidence>(GitHubEvidenceKinds.AuditLogRetention).FirstOrDefault();
        if (retention is null)
        {
            throw new InvalidOperationException(
                $"The run recorded no {GitHubEvidenceKinds.AuditLogRetention} evidence (it was collected before this check existed); the next collection records it.");
        }

        return AuditExportRule.Evaluate(
            evidence,
            org,
            $"GitHub keeps the organisation audit log {retention.AuditLogDays} days (Git events {retention.GitEventDays})",
            retention.AuditLogDays,
            "GitHub audit-log events",
            parameters.GetInt("minAuditDays"),
            parameters.GetStrings("exportIndexPatterns"));
    }
}
