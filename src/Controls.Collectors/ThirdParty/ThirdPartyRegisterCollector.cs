using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.ThirdParty;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.ThirdParty;

public sealed class ThirdPartyOptions
{
    public const string Section = "Controls:ThirdParty";

    /// <summary>
    /// A platform's latest collection older than this is not taken into the inventory: that system's inventory is
    /// recorded as a failure (the checks are Error) rather than shown from old evidence.
    /// </summary>
    public TimeSpan MaxSourceAge { get; set; } = TimeSpan.FromDays(2);
}

/// <summary>
/// Collects the workspace's third-party register: the vendor table as it stands, and per platform system that has
/// an <see cref="IThirdPartyInventorySource"/> the installed items read from that system's latest collection, each
/// matched to a vendor and stamped with when the register first saw it (from its own previous inventory). A
/// platform whose latest run failed, is too old, or could not read the source's evidence gets a failure record in
/// place of an inventory, so the checks are Error instead of passing on a list that silently lacks a platform.
/// </summary>
public sealed class ThirdPartyRegisterCollector(
    ControlsDbContext db,
    IEnumerable<IThirdPartyInventorySource> sources,
    TimeProvider time,
    IOptions<ThirdPartyOptions> options) : ICollector
{
    public string SystemKind => SystemKinds.ThirdPartyRegister;

    public async Task CollectAsync(CollectionContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var vendors = await db.Vendors.AsNoTracking().ToListAsync(cancellationToken);
        vendors = [.. vendors.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase)];
        context.Record(ThirdPartyRegister.RegisterEvidenceKind, ThirdPartyRegister.RegisterSubject, new VendorRegisterEvidence(
            [.. vendors.Select(v => new VendorEvidence(
                v.Id, v.Name, v.Approved, v.RiskTier.ToString(), v.Owner, v.DpaSigned, v.LastAssessmentOn, v.AssessmentDueOn,
                [.. v.Matches], v.UpdatedAt))]));

        var byKind = sources.ToLookup(s => s.SystemKind, StringComparer.Ordinal);
        var systems = await db.Systems.AsNoTracking().Where(s => s.Enabled).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        foreach (var system in systems.Where(s => byKind.Contains(s.Kind)))
        {
            foreach (var source in byKind[system.Kind])
            {
                await CollectSystemAsync(context, system, source, vendors, now, cancellationToken);
            }
        }
    }

    private async Task CollectSystemAsync(
        CollectionContext context, ConnectedSystem system, IThirdPartyInventorySource source, List<Vendor> vendors, DateTime now, CancellationToken cancellationToken)
    {
        var run = await db.CollectionRuns.AsNoTracking()
            .Where(r => r.SystemId == system.Id && r.Outcome != RunOutcome.Running)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var failure = run switch
        {
            null => new CollectionFailure($"{system.Name} ({system.Kind}) has not been collected yet, so its third parties are unknown."),
            { Outcome: RunOutcome.Failed } => new CollectionFailure($"The latest collection of {system.Name} (run {run.Id}) failed: {run.Error}"),
            _ when now - run.FinishedAt!.Value > options.Value.MaxSourceAge =>
                new CollectionFailure($"The latest collection of {system.Name} (run {run.Id}) finished {run.FinishedAt:yyyy-MM-dd HH:mm} UTC, older than {options.Value.MaxSourceAge.TotalHours:0} hours."),
            _ => null,
        };
        if (failure is not null)
        {
            context.RecordFailure(ThirdPartyRegister.InventoryEvidenceKind, system.Name, failure);
            return;
        }

        var snapshot = await RunEvidence.LoadAsync(db, run!.Id, source.EvidenceKinds, cancellationToken);
        var failed = snapshot.Items.Where(i => i.Outcome == EvidenceOutcome.CollectionFailed).Select(i => i.Kind).Distinct().ToList();
        var missing = source.EvidenceKinds.Where(k => !snapshot.OfKind(k).Any()).ToList();
        if (failed.Count > 0 || missing.Count > 0)
        {
            var reason = failed.Count > 0
                ? $"{string.Join(", ", failed)} could not be collected from {system.Name} in run {run.Id}"
                : $"run {run.Id} of {system.Name} recorded no {string.Join(", ", missing)} evidence";
            context.RecordFailure(ThirdPartyRegister.InventoryEvidenceKind, system.Name, new CollectionFailure($"The inventory of {system.Name} is incomplete: {reason}."));
            return;
        }

        var previous = await PreviousInventoryAsync(context.System.Id, system.Name, cancellationToken);
        var previousItems = previous?.Items.ToDictionary(i => (i.Kind, i.Key)) ?? [];
        var items = source.Extract(snapshot)
            .DistinctBy(e => (e.Kind, e.Key))
            .Select(entry =>
            {
                var vendor = VendorMatcher.Match(vendors, v => v.Name, v => v.Matches, entry);
                var seen = previousItems.GetValueOrDefault((entry.Kind, entry.Key));
                return new InventoryItemEvidence(
                    entry.Kind,
                    entry.Key,
                    entry.Name,
                    entry.VendorHint,
                    entry.Access,
                    entry.DataReach,
                    vendor?.Name,
                    entry.InstalledAt,
                    seen?.FirstSeenAt ?? now,
                    NewSinceLastRun: previous is not null && seen is null,
                    PresentAtBaseline: previous is null || (seen?.PresentAtBaseline ?? false),
                    entry.SourceRecordId);
            })
            .OrderBy(i => i.Kind, StringComparer.Ordinal)
            .ThenBy(i => i.Key, StringComparer.Ordinal)
            .ToList();
        context.Record(ThirdPartyRegister.InventoryEvidenceKind, system.Name,
            new InventoryEvidence(system.Name, system.Kind, run.Id, run.FinishedAt!.Value, previous is null, items));
    }

    /// <summary>The register's latest successfully recorded inventory of a system: where first-seen dates carry forward from.</summary>
    private async Task<InventoryEvidence?> PreviousInventoryAsync(int registerSystemId, string systemName, CancellationToken cancellationToken)
    {
        var sha = await db.EvidenceRecords.AsNoTracking()
            .Where(r => r.SystemId == registerSystemId && r.Kind == ThirdPartyRegister.InventoryEvidenceKind && r.Subject == systemName && r.Outcome == EvidenceOutcome.Collected)
            .OrderByDescending(r => r.Sequence)
            .Select(r => r.ContentSha256)
            .FirstOrDefaultAsync(cancellationToken);
        if (sha is null)
        {
            return null;
        }

        var json = await db.EvidenceContents.AsNoTracking().Where(c => c.Sha256 == sha).Select(c => c.Json).SingleAsync(cancellationToken);
        return System.Text.Json.JsonSerializer.Deserialize<InventoryEvidence>(json, CanonicalJson.SerializerOptions);
    }
}
