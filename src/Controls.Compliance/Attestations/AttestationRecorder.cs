using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Controls.Compliance.Attestations;

public sealed record AttestationUpload(string Title, string Owner, DateTime? ValidUntil, string FileName, string ContentType, byte[] Content);

/// <summary>What the ledger stores for an upload: the file itself (base64) with the facts the attestation rests on.</summary>
public sealed record UploadedEvidence(
    string CheckId,
    string Title,
    string Owner,
    string UploadedBy,
    DateTime UploadedAt,
    DateTime ValidUntil,
    string FileName,
    string ContentType,
    long Length,
    string FileSha256,
    string ContentBase64);

/// <summary>
/// Stores an uploaded file as evidence for an attested check: appended to the workspace's "uploaded-evidence"
/// ledger under a run of its own (so the chain head is recorded and truncation stays detectable), then an
/// <see cref="Attestation"/> row pointing at the record, then a re-evaluation.
/// </summary>
public sealed class AttestationRecorder(
    ControlsDbContext db, EvidenceLedger ledger, ICallerContext caller, EvaluationService evaluation, TimeProvider time)
{
    public async Task<Attestation> RecordAsync(CheckDefinition check, AttestationUpload upload, CancellationToken cancellationToken)
    {
        var workspaceId = caller.WorkspaceId ?? throw new InvalidOperationException("An upload needs a workspace.");
        var now = time.GetUtcNow().UtcDateTime;
        var freshnessLimit = now + check.Freshness;
        var validUntil = upload.ValidUntil is { } stated && stated < freshnessLimit ? stated : freshnessLimit;
        var fileSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(upload.Content));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var system = await db.Systems.SingleOrDefaultAsync(s => s.Kind == ManualEvidence.Kind && s.Name == ManualEvidence.SystemName, cancellationToken);
        if (system is null)
        {
            system = new ConnectedSystem
            {
                WorkspaceId = workspaceId,
                Kind = ManualEvidence.Kind,
                Name = ManualEvidence.SystemName,
                DisplayName = "Uploaded evidence",
                Enabled = false,
                CreatedAt = now,
            };
            db.Systems.Add(system);
        }

        await db.SaveChangesAsync(cancellationToken);
        var run = new CollectionRun { WorkspaceId = workspaceId, SystemId = system.Id, Trigger = ManualEvidence.Trigger, StartedAt = now, Outcome = RunOutcome.Running };
        db.CollectionRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        var content = new UploadedEvidence(
            check.Id, upload.Title, upload.Owner, caller.Caller, now, validUntil, upload.FileName, upload.ContentType,
            upload.Content.LongLength, fileSha, Convert.ToBase64String(upload.Content));
        var pending = new PendingEvidence(ManualEvidence.EvidenceKind, check.Id, EvidenceOutcome.Collected, CanonicalJson.Serialize(content));
        var (head, hash, newContent) = await ledger.AppendAsync(workspaceId, system.Id, run.Id, now, [pending], cancellationToken);
        run.FinishedAt = now;
        run.Outcome = RunOutcome.Succeeded;
        run.EvidenceCount = 1;
        run.NewContentCount = newContent;
        run.HeadSequence = head;
        run.HeadHash = hash;
        await db.SaveChangesAsync(cancellationToken);

        var record = db.ChangeTracker.Entries<EvidenceRecord>().Select(e => e.Entity).Single(e => e.RunId == run.Id);
        var attestation = new Attestation
        {
            WorkspaceId = workspaceId,
            CheckId = check.Id,
            Title = upload.Title,
            Owner = upload.Owner,
            UploadedBy = caller.Caller,
            UploadedAt = now,
            ValidUntil = validUntil,
            FileName = upload.FileName,
            ContentType = upload.ContentType,
            FileSha256 = fileSha,
            EvidenceRecordId = record.Id,
        };
        db.Attestations.Add(attestation);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await evaluation.EvaluateWorkspaceAsync(cancellationToken);
        return attestation;
    }
}
