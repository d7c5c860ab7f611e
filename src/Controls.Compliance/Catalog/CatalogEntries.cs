namespace Controls.Compliance.Catalog;

// The catalog as stored: upserted by id from control-catalog/ on every start (CatalogSynchronizer), so the
// database can join statuses to requirements and keep history for entries a later catalog retires.
// The YAML files stay the source of truth; these rows are never edited by hand.

public sealed class FrameworkEntry
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required string Version { get; set; }

    public bool IsActive { get; set; } = true;
}

public sealed class RequirementEntry
{
    public required string FrameworkId { get; set; }

    public required string Id { get; set; }

    public required string Name { get; set; }

    public required string Group { get; set; }

    public required string Description { get; set; }

    /// <summary>Points of focus as "id: text" lines (SOC 2 CC6 in depth).</summary>
    public string? PointsOfFocus { get; set; }

    public bool IsActive { get; set; } = true;
}

public sealed class RequirementMappingEntry
{
    public required string FrameworkId { get; set; }

    public required string RequirementId { get; set; }

    public required string TargetFrameworkId { get; set; }

    public required string TargetRequirementId { get; set; }

    public MappingRelationship Relationship { get; set; }
}

public sealed class CheckEntry
{
    public required string Id { get; set; }

    public required string Title { get; set; }

    public CheckType Type { get; set; }

    public required string Measures { get; set; }

    public required string Rationale { get; set; }

    /// <summary>Comma-separated system kinds.</summary>
    public required string SystemKinds { get; set; }

    /// <summary>Comma-separated surfaces; the first is the primary one gaps are grouped under.</summary>
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

    /// <summary>Parameter defaults as JSON: {"minApprovals":1}.</summary>
    public required string ParametersJson { get; set; }

    public bool IsActive { get; set; } = true;
}

public sealed class CheckRequirementEntry
{
    public required string CheckId { get; set; }

    public required string FrameworkId { get; set; }

    public required string RequirementId { get; set; }
}

public sealed class TrainingModuleEntry
{
    public required string Id { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    public required string Roles { get; set; }

    public required string Surfaces { get; set; }

    public double RefreshDays { get; set; }

    public double JoinerGraceDays { get; set; }

    public bool IsActive { get; set; } = true;
}
