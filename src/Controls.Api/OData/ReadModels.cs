using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;

namespace Controls.Api.OData;

// The OData surface is made of read models, not EF entities: the wire shape stays stable while the
// storage model evolves, nothing is exposed by accident (credential values, fingerprints' inputs), and
// per-workspace facts (a requirement's status) are joined in for the caller's workspace.
// Navigation collections are filled only when a query expands or filters through them (see ReadModelQueries).

public sealed class FrameworkReadModel
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required string Version { get; set; }

    public bool IsActive { get; set; }

    public int RequirementCount { get; set; }

    public List<RequirementReadModel> Requirements { get; set; } = [];
}

public sealed class RequirementReadModel
{
    public required string FrameworkId { get; set; }

    public required string RequirementId { get; set; }

    public required string Name { get; set; }

    public required string Group { get; set; }

    public required string Description { get; set; }

    public string? PointsOfFocus { get; set; }

    public bool IsActive { get; set; }

    /// <summary>Rolled-up status in the caller's workspace; NeedsEvidence until the workspace has been evaluated.</summary>
    public CheckStatus Status { get; set; }

    /// <summary>When the status was last refreshed; null means the workspace was never evaluated.</summary>
    public DateTime? StatusUpdatedAt { get; set; }

    public int PassCount { get; set; }

    public int FailCount { get; set; }

    public int ErrorCount { get; set; }

    public int StaleCount { get; set; }

    public int NeedsEvidenceCount { get; set; }

    public int NotApplicableCount { get; set; }

    public int CheckCount { get; set; }

    public List<RequirementMappingReadModel> Mappings { get; set; } = [];

    /// <summary>The checks that evidence this requirement.</summary>
    public List<CheckReadModel> Checks { get; set; } = [];
}

/// <summary>How this requirement relates to one in another framework (complex type, always inline).</summary>
public sealed class RequirementMappingReadModel
{
    public required string TargetFrameworkId { get; set; }

    public required string TargetRequirementId { get; set; }

    public MappingRelationship Relationship { get; set; }
}

public sealed class CheckReadModel
{
    public required string Id { get; set; }

    public required string Title { get; set; }

    public CheckType Type { get; set; }

    public required string Measures { get; set; }

    public required string Rationale { get; set; }

    public required string SystemKinds { get; set; }

    public required string Surfaces { get; set; }

    public required string PrimarySurface { get; set; }

    public required string Remediation { get; set; }

    public double HoursLow { get; set; }

    public double HoursHigh { get; set; }

    public double UpkeepHoursPerYear { get; set; }

    public string? TrainingModule { get; set; }

    public double FreshnessHours { get; set; }

    public string? AttestationEvidence { get; set; }

    public string? AttestationOwnerRole { get; set; }

    public bool IsActive { get; set; }

    /// <summary>The current results of every system this check runs on, rolled up (any Fail wins, then Error, Stale, NeedsEvidence).</summary>
    public CheckStatus Status { get; set; }

    public int CurrentEvaluationCount { get; set; }

    public List<RequirementReadModel> Requirements { get; set; } = [];

    public List<EvaluationReadModel> CurrentEvaluations { get; set; } = [];
}

public sealed class SystemReadModel
{
    public int Id { get; set; }

    public required string Kind { get; set; }

    public required string Name { get; set; }

    public string? DisplayName { get; set; }

    public string? BaseUrl { get; set; }

    /// <summary>The configuration key the token is read from; the token itself is never stored or returned.</summary>
    public string? CredentialName { get; set; }

    public required string Schedule { get; set; }

    public bool Enabled { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastRunStartedAt { get; set; }

    public RunOutcome? LastRunOutcome { get; set; }

    public List<CollectionRunReadModel> CollectionRuns { get; set; } = [];
}

public sealed class CollectionRunReadModel
{
    public long Id { get; set; }

    public int SystemId { get; set; }

    public required string Trigger { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public RunOutcome Outcome { get; set; }

    public string? Error { get; set; }

    public int RequestCount { get; set; }

    public int NotModifiedCount { get; set; }

    public int EvidenceCount { get; set; }

    public int NewContentCount { get; set; }

    public int CollectionErrorCount { get; set; }

    public long? HeadSequence { get; set; }

    public string? HeadHash { get; set; }
}

public sealed class EvaluationReadModel
{
    public long Id { get; set; }

    public required string CheckId { get; set; }

    public int? SystemId { get; set; }

    public CheckStatus Status { get; set; }

    public required string Summary { get; set; }

    public DateTime EvaluatedAt { get; set; }

    public DateTime ConfirmedAt { get; set; }

    public long? RunId { get; set; }

    public DateTime? EvidenceCollectedAt { get; set; }

    public bool IsCurrent { get; set; }

    public int FindingCount { get; set; }

    public List<FindingReadModel> Findings { get; set; } = [];
}

public sealed class FindingReadModel
{
    public long Id { get; set; }

    public long EvaluationId { get; set; }

    public required string CheckId { get; set; }

    public int? SystemId { get; set; }

    public CheckStatus Status { get; set; }

    public required string Resource { get; set; }

    public required string Message { get; set; }

    public DateTime DetectedAt { get; set; }
}

public sealed class GapReadModel
{
    public long Id { get; set; }

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

/// <summary>Ledger metadata; the content itself is fetched by <see cref="ContentUrl"/> (GET /api/evidence/{id}/content).</summary>
public sealed class EvidenceReadModel
{
    public long Id { get; set; }

    public int SystemId { get; set; }

    public long RunId { get; set; }

    public long Sequence { get; set; }

    public required string Kind { get; set; }

    public required string Subject { get; set; }

    public EvidenceOutcome Outcome { get; set; }

    public DateTime CollectedAt { get; set; }

    public required string ContentSha256 { get; set; }

    public required string PreviousHash { get; set; }

    public required string ChainHash { get; set; }

    public required string ContentUrl { get; set; }
}
