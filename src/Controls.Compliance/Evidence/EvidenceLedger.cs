using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Controls.Compliance.Evidence;

/// <summary>Appends a run's observations to the system's hash chain, storing each distinct content once.</summary>
public sealed class EvidenceLedger(ControlsDbContext db)
{
    private const int LookupChunk = 400;

    /// <summary>Appends in order; returns the new chain head. The caller saves the changes in the same transaction as the run.</summary>
    public async Task<(long Sequence, string Hash, int NewContent)> AppendAsync(
        int workspaceId, int systemId, long runId, DateTime collectedAt, IReadOnlyList<PendingEvidence> items, CancellationToken cancellationToken)
    {
        var head = await db.EvidenceRecords
            .Where(e => e.SystemId == systemId)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.ChainHash })
            .FirstOrDefaultAsync(cancellationToken);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.ChainHash ?? EvidenceChain.Genesis;

        var hashes = items.Select(i => CanonicalJson.Sha256Hex(i.CanonicalJson)).ToList();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Distinct(StringComparer.Ordinal).Chunk(LookupChunk))
        {
            var found = await db.EvidenceContents
                .Where(c => chunk.Contains(c.Sha256))
                .Select(c => c.Sha256)
                .ToListAsync(cancellationToken);
            known.UnionWith(found);
        }

        var newContent = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var sha = hashes[i];
            if (known.Add(sha))
            {
                db.EvidenceContents.Add(new EvidenceContent { WorkspaceId = workspaceId, Sha256 = sha, Json = item.CanonicalJson, Length = item.CanonicalJson.Length });
                newContent++;
            }

            sequence++;
            var record = new EvidenceRecord
            {
                WorkspaceId = workspaceId,
                SystemId = systemId,
                RunId = runId,
                Sequence = sequence,
                Kind = item.Kind,
                Subject = item.Subject,
                Outcome = item.Outcome,
                CollectedAt = collectedAt,
                ContentSha256 = sha,
                PreviousHash = previous,
                ChainHash = string.Empty,
            };
            record.ChainHash = EvidenceChain.ComputeHash(record);
            previous = record.ChainHash;
            db.EvidenceRecords.Add(record);
        }

        return (sequence, previous, newContent);
    }
}
