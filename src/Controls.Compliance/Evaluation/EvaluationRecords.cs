using Controls.Compliance.Workspaces;

namespace Controls.Compliance.Evaluation;

/// <summary>
/// The result of one check on one system (SystemId null for workspace-level checks: attested checks, and
/// automated checks no connected system can evidence). A new row is appended whenever the result changes,
/// so the rows of a check × system are its status history over the audit period; <see cref="ConfirmedAt"/>
/// moves forward while the result holds.
/// </summary>
public sealed class CheckEvaluation : IWorkspaceOwned
{
    public long Id { get; set; }

    public int WorkspaceId { get; set; }

    public required string CheckId { get; set; }

    public int? SystemId { get; set; }

    public CheckStatus Status { get; set; }

    public required string Summary { get; set; }

    /// <summary>When this result was first reached.</summary>
    public DateTime EvaluatedAt { get; set; }

    /// <summary>The last evaluation that reached the same result.</summary>
    public DateTime ConfirmedAt { get; set; }

    /// <summary>The collection run whose evidence was evaluated.</summary>
    public long? RunId { get; set; }

    /// <summary>When the evaluated evidence was collected.</summary>
    public DateTime? EvidenceCollectedAt { get; set; }

    /// <summary>Hash of status, summary and findings: equal fingerprints mean an unchanged result.</summary>
    public required string Fingerprint { get; set; }

    public bool IsCurrent { get; set; }

    public List<Finding> Findings { get; set; } = [];
}

/// <summary>One concrete shortfall: "acme/checkout: default branch `main` requires no review".</summary>
public sealed class Finding : IWorkspaceOwned
{
    public long Id { get; set; }

    public int WorkspaceId { get; set; }

    public long EvaluationId { get; set; }

    public required string CheckId { get; set; }

    public int? SystemId { get; set; }

    public CheckStatus Status { get; set; }

    /// <summary>The exact resource: "acme/checkout", "acme (organisation)".</summary>
    public required string Resource { get; set; }

    public required string Message { get; set; }

    public DateTime DetectedAt { get; set; }
}

/// <summary>A check declared not applicable to a workspace (or one system), with the justification the SoA needs.</summary>
public sealed class Exclusion : IWorkspaceOwned
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    public required string CheckId { get; set; }

    /// <summary>Null excludes the check for every system of the workspace.</summary>
    public int? SystemId { get; set; }

    public required string Justification { get; set; }

    public required string ExcludedBy { get; set; }

    public DateTime ExcludedAt { get; set; }
}

/// <summary>A workspace's override of a check parameter's catalog default (a stricter review count, a shorter SLA).</summary>
public sealed class ParameterOverride : IWorkspaceOwned
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    public required string CheckId { get; set; }

    public required string Name { get; set; }

    /// <summary>The value as JSON, type-checked against the catalog parameter when set.</summary>
    public required string ValueJson { get; set; }
}

/// <summary>Uploaded evidence for an attested check: who owns it, when it expires, and the ledger record holding the file.</summary>
public sealed class Attestation : IWorkspaceOwned
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    public required string CheckId { get; set; }

    public required string Title { get; set; }

    public required string Owner { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime UploadedAt { get; set; }

    /// <summary>The earlier of the owner's stated expiry and the check's freshness window.</summary>
    public DateTime ValidUntil { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public required string FileSha256 { get; set; }

    public long EvidenceRecordId { get; set; }
}

/// <summary>Read model: a requirement's rolled-up status in a workspace, refreshed after every evaluation.</summary>
public sealed class RequirementStatus : IWorkspaceOwned
{
    public int WorkspaceId { get; set; }

    public required string FrameworkId { get; set; }

    public required string RequirementId { get; set; }

    public CheckStatus Status { get; set; }

    public int PassCount { get; set; }

    public int FailCount { get; set; }

    public int ErrorCount { get; set; }

    public int StaleCount { get; set; }

    public int NeedsEvidenceCount { get; set; }

    public int NotApplicableCount { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// Read model: one unit of remediation work — a check that is not passing on one system (or workspace-wide),
/// with its remediation text and retrofit estimate, and the requirements it keeps from passing.
/// See docs/decisions/002-gap-granularity.md for why a gap is a check × system, not a requirement.
/// </summary>
public sealed class Gap : IWorkspaceOwned
{
    public long Id { get; set; }

    public int WorkspaceId { get; set; }

    public required string CheckId { get; set; }

    public required string CheckTitle { get; set; }

    public int? SystemId { get; set; }

    public string? SystemName { get; set; }

    public CheckStatus Status { get; set; }

    public required string Surface { get; set; }

    public required string Surfaces { get; set; }

    public required string Remediation { get; set; }

    public double HoursLow { get; set; }

    public double HoursHigh { get; set; }

    public decimal CostLow { get; set; }

    public decimal CostHigh { get; set; }

    public int FindingCount { get; set; }

    /// <summary>Blocked requirements as "framework/id" separated by ", ".</summary>
    public required string Requirements { get; set; }

    public DateTime OpenSince { get; set; }

    public DateTime UpdatedAt { get; set; }
}
