namespace Controls.Compliance.Catalog;

/// <summary>How a 2013 control (or a SOC 2 criterion) relates to the ISO 27001:2022 control it maps to.</summary>
public enum MappingRelationship
{
    Equal,
    Subset,
    Superset,
    Intersect,
}

public enum CheckType
{
    /// <summary>Measured by a collector against live platform state.</summary>
    Automated,

    /// <summary>Evidenced by an uploaded document with an owner and an expiry.</summary>
    Attested,
}

public sealed record FrameworkDefinition(
    string Id,
    string Name,
    string Version,
    IReadOnlyList<RequirementDefinition> Requirements);

public sealed record RequirementDefinition(
    string FrameworkId,
    string Id,
    string Name,
    string Group,
    string Description,
    IReadOnlyList<PointOfFocus> PointsOfFocus,
    IReadOnlyList<RequirementMapping> Mappings)
{
    public RequirementKey Key => new(FrameworkId, Id);
}

public sealed record PointOfFocus(string Id, string Name);

public sealed record RequirementMapping(RequirementKey Target, MappingRelationship Relationship);

/// <summary>A requirement's identity across frameworks: "iso27001-2022/5.18".</summary>
public readonly record struct RequirementKey(string FrameworkId, string RequirementId)
{
    public override string ToString() => $"{FrameworkId}/{RequirementId}";

    public static bool TryParse(string value, out RequirementKey key)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            key = default;
            return false;
        }

        key = new RequirementKey(value[..slash], value[(slash + 1)..]);
        return true;
    }
}

public sealed record CheckParameter(string Name, string Type, string DefaultValue, string Description);

public sealed record RetrofitEstimate(double HoursLow, double HoursHigh, double UpkeepHoursPerYear);

public sealed record AttestationSpec(string Evidence, string OwnerRole);

public sealed record CheckDefinition(
    string Id,
    string Title,
    CheckType Type,
    string Measures,
    string Rationale,
    IReadOnlyList<string> SystemKinds,
    IReadOnlyList<string> Surfaces,
    IReadOnlyList<CheckParameter> Parameters,
    IReadOnlyList<RequirementKey> Evidences,
    string Remediation,
    RetrofitEstimate Retrofit,
    string? TrainingModule,
    TimeSpan Freshness,
    AttestationSpec? Attestation,
    string SourceFile)
{
    /// <summary>The surface gaps are grouped under: the first one the catalog lists.</summary>
    public string PrimarySurface => Surfaces.Count > 0 ? Surfaces[0] : "unassigned";
}

public sealed record TrainingModuleDefinition(
    string Id,
    string Title,
    string Description,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Surfaces,
    TimeSpan Refresh,
    TimeSpan JoinerGrace,
    double? CoverageThreshold = null)
{
    /// <summary>The coverage this module must reach: its own threshold when the catalog sets one, else the check's.</summary>
    public double ThresholdOr(double checkThreshold) => CoverageThreshold ?? checkThreshold;
}

/// <summary>The e-commerce surfaces a check covers; gaps and readiness are reported per surface.</summary>
public static class Surfaces
{
    public static readonly IReadOnlyList<string> All =
    [
        "storefront", "checkout", "payment", "product-catalog", "customer-account",
        "tenant-admin", "user-provisioning", "app-settings", "employee-portal", "pipeline",
    ];
}

/// <summary>The framework ids the catalog ships; checks name their requirements with these.</summary>
public static class FrameworkIds
{
    public const string Iso27001V2022 = "iso27001-2022";
    public const string Iso27001V2013 = "iso27001-2013";
    public const string Soc2 = "soc2-tsc-2017";
}
