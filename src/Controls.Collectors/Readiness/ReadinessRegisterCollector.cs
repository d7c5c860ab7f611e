using Controls.Collectors.Registers;
using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Readiness;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;

namespace Controls.Collectors.Readiness;

public static class ReadinessRegisterSystem
{
    public const string TriggerAfterChange = ReadinessService.TriggerAfterChange;

    public static readonly RegisterSystemSpec System = new(SystemKinds.ReadinessRegister, "readiness-register", "Incident-response readiness register");
}

public sealed record PlaybookEvidence(
    int Id, string Title, string Owner, string? Location, DateOnly ReviewedOn, string? FileSha256, string? FileName, string AttestedBy, DateTime AttestedAt);

public sealed record TabletopEvidence(
    int Id, string Scenario, IReadOnlyList<string> Surfaces, DateOnly HeldOn, string Facilitator, IReadOnlyList<string> Participants,
    string? Outcome, string RecordedBy, DateTime RecordedAt);

/// <summary>
/// One surface in the register: the policy it was judged by when collected (so the evidence alone reproduces the
/// verdict), the attestation that counts, the ids of every earlier one, and the last tabletop that exercised it.
/// </summary>
public sealed record SurfaceRegisterEvidence(
    string Surface,
    int TabletopCadenceDays,
    int PlaybookReviewDays,
    PlaybookEvidence? LatestPlaybook,
    IReadOnlyList<int> PlaybookHistoryIds,
    int? LastTabletopId,
    DateOnly? LastTabletopOn);

public sealed record ReadinessRegisterEvidence(IReadOnlyList<SurfaceRegisterEvidence> Surfaces, IReadOnlyList<TabletopEvidence> Tabletops);

/// <summary>An uploaded playbook, kept in the ledger next to the attestation that names its SHA-256.</summary>
public sealed record PlaybookFileEvidence(
    int AttestationId,
    string Surface,
    string Title,
    string Owner,
    string AttestedBy,
    DateTime AttestedAt,
    string FileName,
    string ContentType,
    long Length,
    string FileSha256,
    string ContentBase64);

/// <summary>
/// Records the workspace's readiness register as evidence: per surface the playbook attestation that counts (and the
/// history behind it) and the last tabletop, plus every exercise; and any playbook file uploaded in this scope.
/// Detection is not recorded here: it is the current status of other checks, read when readiness is shown.
/// </summary>
public sealed class ReadinessRegisterCollector(ControlsDbContext db, ControlCatalog catalog, PlaybookUploads uploads) : ICollector
{
    public string SystemKind => SystemKinds.ReadinessRegister;

    public async Task CollectAsync(CollectionContext context, CancellationToken cancellationToken)
    {
        var playbooks = await db.PlaybookAttestations.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var tabletops = await db.TabletopExercises.AsNoTracking().OrderBy(t => t.HeldOn).ThenBy(t => t.Id).ToListAsync(cancellationToken);

        var surfaces = catalog.Readiness.Surfaces.Select(policy =>
        {
            var latest = ReadinessReader.LatestPlaybook(playbooks, policy.Surface);
            var entry = latest is null ? null : playbooks.Single(p => p.Id == latest.Id);
            var tabletop = ReadinessReader.LatestTabletop(tabletops, policy.Surface);
            return new SurfaceRegisterEvidence(
                policy.Surface,
                policy.TabletopCadenceDays,
                policy.PlaybookReviewDays,
                entry is null ? null : new PlaybookEvidence(
                    entry.Id, entry.Title, entry.Owner, entry.Location, entry.ReviewedOn, entry.FileSha256, entry.FileName, entry.AttestedBy, entry.AttestedAt),
                [.. playbooks.Where(p => p.Surface == policy.Surface && p.Id != entry?.Id).Select(p => p.Id)],
                tabletop?.Id,
                tabletop?.HeldOn);
        }).ToList();

        context.Record(ReadinessEvidence.RegisterKind, ReadinessEvidence.RegisterSubject, new ReadinessRegisterEvidence(
            surfaces,
            [.. tabletops.Select(t => new TabletopEvidence(t.Id, t.Scenario, t.Surfaces, t.HeldOn, t.Facilitator, t.Participants, t.Outcome, t.RecordedBy, t.RecordedAt))]));

        // Taken only once the register is recorded: a run that fails before this point leaves the files pending, and
        // the caller's retry records them.
        foreach (var file in uploads.TakeAll())
        {
            var attestation = playbooks.Single(p => p.Id == file.AttestationId);
            context.Record(ReadinessEvidence.PlaybookFileKind, ReadinessEvidence.PlaybookFileSubject(file.AttestationId), new PlaybookFileEvidence(
                file.AttestationId, file.Surface, attestation.Title, attestation.Owner, attestation.AttestedBy, attestation.AttestedAt,
                file.FileName, file.ContentType, file.Content.LongLength, file.FileSha256, Convert.ToBase64String(file.Content)));
        }
    }
}
