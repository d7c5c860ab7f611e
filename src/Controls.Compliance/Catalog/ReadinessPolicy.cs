namespace Controls.Compliance.Catalog;

/// <summary>
/// What incident-response readiness means for one surface (control-catalog/readiness/): how often its tabletop
/// exercise must be held, how often its playbook must be reviewed, and the checks whose current status says whether
/// detection is wired. No detection checks means detection cannot be measured, and <see cref="DetectionUnmeasured"/>
/// says why; readiness then reports detection as unmeasured, never as fine.
/// </summary>
public sealed record SurfaceReadinessPolicy(
    string Surface,
    TimeSpan TabletopCadence,
    TimeSpan PlaybookReviewPeriod,
    IReadOnlyList<string> DetectionChecks,
    string? DetectionUnmeasured)
{
    public int TabletopCadenceDays => (int)TabletopCadence.TotalDays;

    public int PlaybookReviewDays => (int)PlaybookReviewPeriod.TotalDays;
}

/// <summary>The readiness policy of every surface the catalog names; empty when the catalog has no readiness/ folder.</summary>
public sealed class ReadinessPolicy(IReadOnlyList<SurfaceReadinessPolicy> surfaces)
{
    public static ReadinessPolicy Empty { get; } = new([]);

    /// <summary>In catalog order.</summary>
    public IReadOnlyList<SurfaceReadinessPolicy> Surfaces { get; } = surfaces;

    public SurfaceReadinessPolicy? Find(string surface) => Surfaces.FirstOrDefault(s => string.Equals(s.Surface, surface, StringComparison.Ordinal));
}
