using System.Security.Cryptography;
using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Controls.Compliance.Readiness;

/// <summary>Evidence kinds of the readiness register (src/Controls.Collectors/Readiness/README.md describes them).</summary>
public static class ReadinessEvidence
{
    /// <summary>The register: every surface's latest playbook (with history ids) and tabletop, and every exercise.</summary>
    public const string RegisterKind = "readiness.register";

    public const string RegisterSubject = "register";

    /// <summary>An uploaded playbook file (base64) with the attestation it belongs to; subject "playbooks/{id}".</summary>
    public const string PlaybookFileKind = "readiness.playbook-file";

    public static string PlaybookFileSubject(int attestationId) => $"playbooks/{attestationId}";
}

public sealed record PlaybookInput(string? Surface, string? Title, string? Owner, string? Location, DateOnly? ReviewedOn);

public sealed record PlaybookFile(string FileName, string ContentType, byte[] Content);

public sealed record TabletopInput(
    string? Scenario, IReadOnlyList<string>? Surfaces, DateOnly? HeldOn, string? Facilitator, IReadOnlyList<string>? Participants, string? Outcome);

/// <summary>A playbook attested; <see cref="FileEvidenceRecordId"/> is the ledger record holding its file, when one was attached.</summary>
public sealed record PlaybookAttested(PlaybookAttestation Attestation, long? FileEvidenceRecordId);

/// <summary>What a person sent cannot be recorded; <see cref="Errors"/> names each field and what to fix.</summary>
public sealed class ReadinessValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The readiness record is invalid: " + string.Join("; ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>
/// The attached playbook file could not be written to the evidence ledger (the register run failed). The attestation
/// was withdrawn so the register never names a file the ledger does not hold; the caller must send it again.
/// </summary>
public sealed class PlaybookFileNotRecordedException(string message) : Exception(message);

/// <summary>A playbook file waiting to be written to the ledger by the next readiness collection in this scope.</summary>
public sealed record PendingPlaybookFile(int AttestationId, string Surface, string FileName, string ContentType, string FileSha256, byte[] Content);

/// <summary>
/// Hands uploaded playbook files from the request to the readiness collector of the same scope, so the file is recorded
/// in the same run as the register that names its SHA-256 (and a scheduled run never sees a half-recorded upload).
/// </summary>
public sealed class PlaybookUploads
{
    private readonly List<PendingPlaybookFile> _pending = [];

    public void Add(PendingPlaybookFile file) => _pending.Add(file);

    public bool IsPending(int attestationId) => _pending.Any(p => p.AttestationId == attestationId);

    public IReadOnlyList<PendingPlaybookFile> TakeAll()
    {
        var taken = _pending.ToList();
        _pending.Clear();
        return taken;
    }
}

/// <summary>
/// Validates and records playbook attestations and tabletop exercises, then re-collects the readiness register so the
/// ledger (and the readiness check) reflect the change at once.
/// </summary>
public sealed class ReadinessService(
    ControlsDbContext db,
    ControlCatalog catalog,
    ICallerContext caller,
    TimeProvider time,
    PlaybookUploads uploads,
    IRegisterCollection registers)
{
    public const int MaxText = 2000;

    /// <summary>The trigger of a register run that follows a change made here.</summary>
    public const string TriggerAfterChange = "readiness-change";

    public async Task<PlaybookAttested> AttestPlaybookAsync(PlaybookInput input, PlaybookFile? file, CancellationToken cancellationToken)
    {
        var workspaceId = caller.WorkspaceId ?? throw new InvalidOperationException("A playbook attestation needs a workspace.");
        var now = time.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        var surface = RequireSurface(input.Surface, "surface", errors);
        Require(input.Title, "title", "Give the playbook's title.", errors);
        Require(input.Owner, "owner", "Name the playbook's owner (the person who keeps it current).", errors);
        Require(input.Location, "location", "Say where the playbook lives (wiki URL or document id).", errors);
        if (input.ReviewedOn is not { } reviewedOn)
        {
            errors["reviewedOn"] = ["Give the date of the playbook's last review (yyyy-MM-dd)."];
        }
        else if (reviewedOn > DateOnly.FromDateTime(now))
        {
            errors["reviewedOn"] = [$"The review date {reviewedOn:yyyy-MM-dd} is in the future; give the date the review was held."];
        }

        if (file is { Content.Length: 0 })
        {
            errors["file"] = ["The attached playbook file is empty."];
        }

        if (errors.Count > 0)
        {
            throw new ReadinessValidationException(errors);
        }

        var sha = file is null ? null : Convert.ToHexStringLower(SHA256.HashData(file.Content));
        var attestation = new PlaybookAttestation
        {
            WorkspaceId = workspaceId,
            Surface = surface!,
            Title = input.Title!.Trim(),
            Owner = input.Owner!.Trim(),
            Location = input.Location!.Trim(),
            ReviewedOn = input.ReviewedOn!.Value,
            FileSha256 = sha,
            FileName = file is null ? null : Path.GetFileName(file.FileName),
            AttestedBy = caller.Caller,
            AttestedAt = now,
        };
        db.PlaybookAttestations.Add(attestation);
        await db.SaveChangesAsync(cancellationToken);

        if (file is not null)
        {
            uploads.Add(new PendingPlaybookFile(attestation.Id, attestation.Surface, attestation.FileName!, file.ContentType, sha!, file.Content));
        }

        await RecordRegisterAsync(cancellationToken);
        if (file is not null && uploads.IsPending(attestation.Id))
        {
            // A run that had already started when the attestation was saved was handed back instead of a new one; the
            // next run is ours.
            await RecordRegisterAsync(cancellationToken);
        }

        long? recordId = null;
        if (file is not null)
        {
            var subject = ReadinessEvidence.PlaybookFileSubject(attestation.Id);
            recordId = await db.EvidenceRecords.AsNoTracking()
                .Where(r => r.Kind == ReadinessEvidence.PlaybookFileKind && r.Subject == subject)
                .Select(r => (long?)r.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (recordId is null)
            {
                // The file lived only in this request: answering "attested" would lose it silently.
                uploads.TakeAll();
                db.PlaybookAttestations.Remove(attestation);
                await db.SaveChangesAsync(cancellationToken);
                throw new PlaybookFileNotRecordedException(
                    $"The playbook file '{attestation.FileName}' could not be recorded in the evidence ledger (the readiness register could not be collected), " +
                    "so nothing was attested. Send the attestation again; if it keeps failing, see the readiness register's latest run.");
            }
        }

        return new PlaybookAttested(attestation, recordId);
    }

    public async Task<TabletopExercise> RecordTabletopAsync(TabletopInput input, CancellationToken cancellationToken)
    {
        var workspaceId = caller.WorkspaceId ?? throw new InvalidOperationException("A tabletop exercise needs a workspace.");
        var now = time.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        Require(input.Scenario, "scenario", "Describe the scenario the exercise played through.", errors);
        Require(input.Facilitator, "facilitator", "Name the facilitator.", errors);
        var surfaces = (input.Surfaces ?? []).Select(s => s?.Trim() ?? string.Empty).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (surfaces.Count == 0)
        {
            errors["surfaces"] = [$"Name the surfaces the scenario exercised: {ValidSurfaces}."];
        }
        else
        {
            var unknown = surfaces.Where(s => catalog.Readiness.Find(s) is null).ToList();
            if (unknown.Count > 0)
            {
                errors["surfaces"] = [$"Unknown surface(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; valid: {ValidSurfaces}."];
            }
        }

        var participants = (input.Participants ?? []).Select(p => p?.Trim() ?? string.Empty).Where(p => p.Length > 0).ToList();
        if (participants.Count == 0)
        {
            errors["participants"] = ["Name who took part."];
        }

        Require(input.Outcome, "outcome", "Record what the exercise found and the actions agreed.", errors);
        if (input.HeldOn is not { } heldOn)
        {
            errors["heldOn"] = ["Give the date the exercise was held (yyyy-MM-dd)."];
        }
        else if (heldOn > DateOnly.FromDateTime(now))
        {
            errors["heldOn"] = [$"The exercise date {heldOn:yyyy-MM-dd} is in the future; record an exercise once it has been held."];
        }

        if (errors.Count > 0)
        {
            throw new ReadinessValidationException(errors);
        }

        var exercise = new TabletopExercise
        {
            WorkspaceId = workspaceId,
            Scenario = input.Scenario!.Trim(),
            Surfaces = surfaces,
            HeldOn = input.HeldOn!.Value,
            Facilitator = input.Facilitator!.Trim(),
            Participants = participants,
            Outcome = input.Outcome!.Trim(),
            RecordedBy = caller.Caller,
            RecordedAt = now,
        };
        db.TabletopExercises.Add(exercise);
        await db.SaveChangesAsync(cancellationToken);
        await RecordRegisterAsync(cancellationToken);
        return exercise;
    }

    private string ValidSurfaces => string.Join(", ", catalog.Readiness.Surfaces.Select(s => s.Surface));

    private Task<CollectionRun> RecordRegisterAsync(CancellationToken cancellationToken) =>
        registers.CollectAsync(SystemKinds.ReadinessRegister, TriggerAfterChange, cancellationToken);

    private string? RequireSurface(string? surface, string field, Dictionary<string, string[]> errors)
    {
        var trimmed = surface?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors[field] = [$"Name the surface: {ValidSurfaces}."];
            return null;
        }

        if (catalog.Readiness.Find(trimmed) is null)
        {
            errors[field] = [$"Unknown surface '{trimmed}'; valid: {ValidSurfaces}."];
            return null;
        }

        return trimmed;
    }

    private static void Require(string? value, string field, string message, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [message];
        }
        else if (value.Length > MaxText)
        {
            errors[field] = [$"At most {MaxText} characters."];
        }
    }
}
