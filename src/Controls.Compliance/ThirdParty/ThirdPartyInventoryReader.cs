using System.Text.Json;
using Controls.Compliance.Evidence;
using Controls.Compliance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Controls.Compliance.ThirdParty;

/// <summary>One row of the inventory read model: an installed item with its vendor's register entry as recorded in the same run.</summary>
public sealed class InventoryItemRow
{
    /// <summary>"system/kind/key": stable across runs.</summary>
    public required string Id { get; set; }

    public required string System { get; set; }

    public required string SystemKind { get; set; }

    public required string Kind { get; set; }

    public required string Key { get; set; }

    public required string Name { get; set; }

    public string? VendorHint { get; set; }

    /// <summary>Scopes or permissions, separated by ", ".</summary>
    public required string Access { get; set; }

    /// <summary>Data classes reached, separated by ", ".</summary>
    public required string DataReach { get; set; }

    public string? Vendor { get; set; }

    public bool Approved { get; set; }

    public string? RiskTier { get; set; }

    public bool DpaSigned { get; set; }

    public DateOnly? LastAssessmentOn { get; set; }

    public DateOnly? AssessmentDueOn { get; set; }

    public DateTimeOffset? InstalledAt { get; set; }

    public DateTime FirstSeenAt { get; set; }

    public bool NewSinceLastRun { get; set; }

    public bool PresentAtBaseline { get; set; }

    /// <summary>When the register run that recorded this row collected it.</summary>
    public DateTime RecordedAt { get; set; }

    /// <summary>The ledger record of the inventory this row comes from.</summary>
    public long EvidenceRecordId { get; set; }

    /// <summary>The platform's own evidence record the item was read from.</summary>
    public long SourceRecordId { get; set; }
}

/// <summary>A platform whose inventory could not be taken at the latest register run, and why.</summary>
public sealed record InventoryGap(string System, string Reason, DateTime RecordedAt);

public sealed record InventoryView(IReadOnlyList<InventoryItemRow> Items, IReadOnlyList<InventoryGap> Gaps, DateTime? RecordedAt);

/// <summary>
/// The inventory as the latest finished register run recorded it, read from the ledger (not a copy): what the
/// checks judged is exactly what the page and the OData feed show.
/// </summary>
public sealed class ThirdPartyInventoryReader(ControlsDbContext db)
{
    public async Task<InventoryView> ReadAsync(CancellationToken cancellationToken)
    {
        var systemId = await db.Systems.AsNoTracking()
            .Where(s => s.Kind == ThirdPartyRegister.Kind && s.Name == ThirdPartyRegister.SystemName)
            .Select(s => (int?)s.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (systemId is null)
        {
            return new InventoryView([], [], null);
        }

        var runId = await db.CollectionRuns.AsNoTracking()
            .Where(r => r.SystemId == systemId && r.Outcome != Collection.RunOutcome.Running && r.Outcome != Collection.RunOutcome.Failed)
            .OrderByDescending(r => r.Id)
            .Select(r => (long?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (runId is null)
        {
            return new InventoryView([], [], null);
        }

        var records = await db.EvidenceRecords.AsNoTracking().Where(r => r.RunId == runId).OrderBy(r => r.Sequence).ToListAsync(cancellationToken);
        var shas = records.Select(r => r.ContentSha256).Distinct().ToList();
        var contents = await db.EvidenceContents.AsNoTracking().Where(c => shas.Contains(c.Sha256)).ToDictionaryAsync(c => c.Sha256, c => c.Json, cancellationToken);
        T Read<T>(EvidenceRecord r) => JsonSerializer.Deserialize<T>(contents[r.ContentSha256], CanonicalJson.SerializerOptions)!;

        var register = records.FirstOrDefault(r => r.Kind == ThirdPartyRegister.RegisterEvidenceKind && r.Outcome == EvidenceOutcome.Collected) is { } registerRecord
            ? Read<VendorRegisterEvidence>(registerRecord).Vendors.ToDictionary(v => v.Name, StringComparer.OrdinalIgnoreCase)
            : [];
        var rows = new List<InventoryItemRow>();
        var gaps = new List<InventoryGap>();
        foreach (var record in records.Where(r => r.Kind == ThirdPartyRegister.InventoryEvidenceKind))
        {
            if (record.Outcome != EvidenceOutcome.Collected)
            {
                gaps.Add(new InventoryGap(record.Subject, Read<Collection.CollectionFailure>(record).Reason, record.CollectedAt));
                continue;
            }

            var inventory = Read<InventoryEvidence>(record);
            foreach (var item in inventory.Items)
            {
                var vendor = item.Vendor is null ? null : register.GetValueOrDefault(item.Vendor);
                rows.Add(new InventoryItemRow
                {
                    Id = $"{inventory.System}/{item.Kind}/{item.Key}",
                    System = inventory.System,
                    SystemKind = inventory.SystemKind,
                    Kind = item.Kind,
                    Key = item.Key,
                    Name = item.Name,
                    VendorHint = item.VendorHint,
                    Access = string.Join(", ", item.Access),
                    DataReach = string.Join(", ", item.DataReach),
                    Vendor = item.Vendor,
                    Approved = vendor?.Approved ?? false,
                    RiskTier = vendor?.RiskTier,
                    DpaSigned = vendor?.DpaSigned ?? false,
                    LastAssessmentOn = vendor?.LastAssessmentOn,
                    AssessmentDueOn = vendor?.AssessmentDueOn,
                    InstalledAt = item.InstalledAt,
                    FirstSeenAt = item.FirstSeenAt,
                    NewSinceLastRun = item.NewSinceLastRun,
                    PresentAtBaseline = item.PresentAtBaseline,
                    RecordedAt = record.CollectedAt,
                    EvidenceRecordId = record.Id,
                    SourceRecordId = item.SourceRecordId,
                });
            }
        }

        return new InventoryView(rows, gaps, records.Count > 0 ? records[0].CollectedAt : null);
    }
}
