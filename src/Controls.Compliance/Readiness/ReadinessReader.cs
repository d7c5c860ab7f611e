using Controls.Compliance.Catalog;
using Controls.Compliance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Controls.Compliance.Readiness;

/// <summary>
/// Readiness of every surface the catalog names, computed on read from the caller workspace's playbook attestations,
/// tabletop exercises and the CURRENT status of each surface's detection checks, so it is as fresh as the last
/// evaluation and never cached past it.
/// </summary>
public sealed class ReadinessReader(ControlsDbContext db, ControlCatalog catalog, TimeProvider time)
{
    public async Task<IReadOnlyList<SurfaceReadinessResult>> ReadAsync(CancellationToken cancellationToken)
    {
        var playbooks = await db.PlaybookAttestations.AsNoTracking().ToListAsync(cancellationToken);
        var tabletops = await db.TabletopExercises.AsNoTracking().ToListAsync(cancellationToken);
        var checkIds = catalog.Readiness.Surfaces.SelectMany(s => s.DetectionChecks).Distinct().ToList();
        var detection = await db.CheckEvaluations.AsNoTracking()
            .Where(e => e.IsCurrent && checkIds.Contains(e.CheckId))
            .Select(e => new DetectionObservation(e.CheckId, e.SystemId, e.Status, e.Summary))
            .ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return [.. catalog.Readiness.Surfaces.Select(policy =>
            ReadinessScore.Evaluate(policy, LatestPlaybook(playbooks, policy.Surface), LatestTabletop(tabletops, policy.Surface), detection, today))];
    }

    public async Task<SurfaceReadinessResult?> ReadAsync(string surface, CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken)).FirstOrDefault(r => r.Surface == surface);

    /// <summary>The attestation that counts: the last one made (attestations are appended, never edited).</summary>
    public static PlaybookFact? LatestPlaybook(IEnumerable<PlaybookAttestation> playbooks, string surface) =>
        playbooks.Where(p => p.Surface == surface).OrderByDescending(p => p.AttestedAt).ThenByDescending(p => p.Id).FirstOrDefault() is { } p
            ? new PlaybookFact(p.Id, p.Title, p.Owner, p.Location, p.ReviewedOn, p.FileSha256, p.FileName, p.AttestedAt)
            : null;

    /// <summary>The most recently held exercise that exercised the surface.</summary>
    public static TabletopFact? LatestTabletop(IEnumerable<TabletopExercise> tabletops, string surface) =>
        tabletops.Where(t => t.Surfaces.Contains(surface)).OrderByDescending(t => t.HeldOn).ThenByDescending(t => t.Id).FirstOrDefault() is { } t
            ? new TabletopFact(t.Id, t.Scenario, t.HeldOn, t.Facilitator)
            : null;
}
