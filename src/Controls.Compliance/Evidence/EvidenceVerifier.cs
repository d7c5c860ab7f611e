using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Controls.Compliance.Evidence;

public sealed record ChainBreak(int SystemId, long Sequence, long? RecordId, string Reason);

public sealed record VerificationReport(int SystemsChecked, long RecordsChecked, ChainBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;
}

/// <summary>
/// Walks every system's evidence chain of the caller's workspace and reports the first break: a missing
/// sequence number, a record whose hash no longer matches its fields, content whose hash no longer matches,
/// or a chain shorter than a finished run recorded (its tail deleted).
/// </summary>
public sealed class EvidenceVerifier(ControlsDbContext db)
{
    private const int Page = 2000;

    public async Task<VerificationReport> VerifyAsync(CancellationToken cancellationToken)
    {
        var systemIds = await db.Systems.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        long checkedRecords = 0;
        foreach (var systemId in systemIds)
        {
            var (count, breakFound) = await VerifySystemAsync(systemId, cancellationToken);
            checkedRecords += count;
            if (breakFound is not null)
            {
                return new VerificationReport(systemIds.Count, checkedRecords, breakFound);
            }
        }

        return new VerificationReport(systemIds.Count, checkedRecords, null);
    }

    private async Task<(long Count, ChainBreak? Break)> VerifySystemAsync(int systemId, CancellationToken cancellationToken)
    {
        var expectedSequence = 1L;
        var previous = EvidenceChain.Genesis;
        long lastSequence = 0;
        while (true)
        {
            var page = await db.EvidenceRecords.AsNoTracking()
                .Where(e => e.SystemId == systemId && e.Sequence >= expectedSequence)
                .OrderBy(e => e.Sequence)
                .Take(Page)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            var shas = page.Select(p => p.ContentSha256).Distinct().ToList();
            var contents = await db.EvidenceContents.AsNoTracking()
                .Where(c => shas.Contains(c.Sha256))
                .ToDictionaryAsync(c => c.Sha256, c => c.Json, cancellationToken);

            foreach (var record in page)
            {
                if (record.Sequence != expectedSequence)
                {
                    return (lastSequence, new ChainBreak(systemId, expectedSequence, null, $"record {expectedSequence} is missing (next present is {record.Sequence})"));
                }

                if (record.PreviousHash != previous)
                {
                    return (lastSequence, new ChainBreak(systemId, record.Sequence, record.Id, "previous-hash link does not match the preceding record"));
                }

                if (EvidenceChain.ComputeHash(record) != record.ChainHash)
                {
                    return (lastSequence, new ChainBreak(systemId, record.Sequence, record.Id, "record fields were altered: chain hash does not match"));
                }

                if (!contents.TryGetValue(record.ContentSha256, out var json))
                {
                    return (lastSequence, new ChainBreak(systemId, record.Sequence, record.Id, "evidence content is missing"));
                }

                if (CanonicalJson.Sha256Hex(json) != record.ContentSha256)
                {
                    return (lastSequence, new ChainBreak(systemId, record.Sequence, record.Id, "evidence content was altered: SHA-256 does not match"));
                }

                previous = record.ChainHash;
                lastSequence = record.Sequence;
                expectedSequence++;
            }
        }

        // A deleted tail leaves an intact but shorter chain; the runs remember how long it was.
        var recordedHead = await db.CollectionRuns.AsNoTracking()
            .Where(r => r.SystemId == systemId && r.HeadSequence != null)
            .OrderByDescending(r => r.HeadSequence)
            .Select(r => new { r.HeadSequence, r.HeadHash, r.Id })
            .FirstOrDefaultAsync(cancellationToken);
        if (recordedHead is not null && recordedHead.HeadSequence > lastSequence)
        {
            return (lastSequence, new ChainBreak(systemId, lastSequence + 1, null,
                $"chain ends at {lastSequence} but run {recordedHead.Id} recorded a head at {recordedHead.HeadSequence}: records were deleted"));
        }

        if (recordedHead is not null && recordedHead.HeadSequence == lastSequence && recordedHead.HeadHash != previous)
        {
            return (lastSequence, new ChainBreak(systemId, lastSequence, null, $"chain head hash differs from the one run {recordedHead.Id} recorded"));
        }

        return (lastSequence, null);
    }
}
