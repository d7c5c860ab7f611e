using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Controls.Compliance.Evidence;

/// <summary>Reads what one collection run recorded, as the snapshot evaluators and register collectors work on.</summary>
public static class RunEvidence
{
    public static async Task<EvidenceSnapshot> LoadAsync(ControlsDbContext db, long runId, IReadOnlyCollection<string> kinds, CancellationToken cancellationToken)
    {
        var records = await db.EvidenceRecords.AsNoTracking()
            .Where(r => r.RunId == runId && kinds.Contains(r.Kind))
            .OrderBy(r => r.Sequence)
            .ToListAsync(cancellationToken);
        var shas = records.Select(r => r.ContentSha256).Distinct().ToList();
        var contents = await db.EvidenceContents.AsNoTracking().Where(c => shas.Contains(c.Sha256)).ToDictionaryAsync(c => c.Sha256, c => c.Json, cancellationToken);
        return new EvidenceSnapshot([.. records.Select(r => new EvidenceItem(r.Id, r.Kind, r.Subject, r.Outcome, r.CollectedAt, contents.GetValueOrDefault(r.ContentSha256, "null")))]);
    }
}
