using Controls.Compliance.Workspaces;

namespace Controls.Compliance.ThirdParty;

/// <summary>How much harm a vendor could do; high and critical vendors need an assessment before anything else.</summary>
public enum RiskTier
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>
/// One supplier in the workspace's vendor register: whether it is approved, who owns the relationship, whether a
/// DPA is signed and when its security was last assessed. <see cref="Matches"/> ties installed apps, modules and
/// integrations to it (app handles or titles, GitHub App slugs, Magento module namespaces such as "Amasty",
/// integration names); the vendor's own name always matches too.
/// </summary>
public sealed class Vendor : IWorkspaceOwned
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    /// <summary>Unique per workspace (case-insensitively, as imports upsert by it).</summary>
    public required string Name { get; set; }

    public bool Approved { get; set; }

    public RiskTier RiskTier { get; set; } = RiskTier.Medium;

    public string? Owner { get; set; }

    public bool DpaSigned { get; set; }

    public DateOnly? LastAssessmentOn { get; set; }

    public DateOnly? AssessmentDueOn { get; set; }

    public string? Notes { get; set; }

    public List<string> Matches { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
