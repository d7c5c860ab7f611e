using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Web.Tests.Support;

/// <summary>
/// Seeds workspaces through the real code paths: systems are collected by CollectionRunner (ledger append and
/// evaluation included). Attestations and exclusions are inserted as rows because their upload and admin
/// endpoints are not part of this branch; the attested files still go through EvidenceLedger.AppendAsync.
/// </summary>
public static class Seeder
{
    /// <summary>A schedule that never fires during a test run, so no background collection changes the data under a test.</summary>
    private const string NeverSchedule = "0 0 0 1 1 ? 2099";

    public static async Task<int> AddSystemAsync(ControlsWebHost host, int workspaceId, string login)
    {
        await using var scope = host.ScopeFor(workspaceId);
        var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();
        var system = new ConnectedSystem
        {
            WorkspaceId = workspaceId,
            Kind = SystemKinds.GitHub,
            Name = login,
            CredentialName = $"github-{login}",
            Schedule = NeverSchedule,
            CreatedAt = host.Clock.GetUtcNow().UtcDateTime,
        };
        db.Systems.Add(system);
        await db.SaveChangesAsync();
        return system.Id;
    }

    public static async Task<CollectionRun> CollectAsync(ControlsWebHost host, int workspaceId, int systemId)
    {
        await using var scope = host.ScopeFor(workspaceId);
        return await scope.ServiceProvider.GetRequiredService<CollectionRunner>().RunAsync(systemId, "manual", CancellationToken.None);
    }

    public static async Task EvaluateAsync(ControlsWebHost host, int workspaceId)
    {
        await using var scope = host.ScopeFor(workspaceId);
        await scope.ServiceProvider.GetRequiredService<EvaluationService>().EvaluateWorkspaceAsync(CancellationToken.None);
    }

    /// <summary>
    /// Uploads a document for each given attested check: one "upload" run on the system's ledger holding the
    /// files, then one Attestation row per check pointing at its ledger record.
    /// </summary>
    public static async Task AttestAsync(ControlsWebHost host, int workspaceId, int systemId, IReadOnlyList<(string CheckId, DateTime ValidUntil)> attestations)
    {
        await using var scope = host.ScopeFor(workspaceId);
        var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();
        var ledger = scope.ServiceProvider.GetRequiredService<EvidenceLedger>();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var run = new CollectionRun
        {
            WorkspaceId = workspaceId,
            SystemId = systemId,
            Trigger = "upload",
            StartedAt = now,
            FinishedAt = now,
            Outcome = RunOutcome.Succeeded,
        };
        db.CollectionRuns.Add(run);
        await db.SaveChangesAsync();

        var items = attestations
            .Select(a => new PendingEvidence(
                "attestation.document",
                $"{a.CheckId}.pdf",
                EvidenceOutcome.Collected,
                CanonicalJson.Serialize(new { checkId = a.CheckId, fileName = $"{a.CheckId}.pdf", pages = 4 })))
            .ToList();
        var (head, hash, _) = await ledger.AppendAsync(workspaceId, systemId, run.Id, now, items, CancellationToken.None);
        run.EvidenceCount = items.Count;
        run.HeadSequence = head;
        run.HeadHash = hash;
        await db.SaveChangesAsync();

        var records = await db.EvidenceRecords.Where(r => r.RunId == run.Id).OrderBy(r => r.Sequence).ToListAsync();
        for (var i = 0; i < attestations.Count; i++)
        {
            var (checkId, validUntil) = attestations[i];
            db.Attestations.Add(new Attestation
            {
                WorkspaceId = workspaceId,
                CheckId = checkId,
                Title = $"Approved evidence for {checkId}",
                Owner = "Head of Information Security",
                UploadedBy = "auditor-liaison@acme.example",
                UploadedAt = now,
                ValidUntil = validUntil,
                FileName = $"{checkId}.pdf",
                ContentType = "application/pdf",
                FileSha256 = records[i].ContentSha256,
                EvidenceRecordId = records[i].Id,
            });
        }

        await db.SaveChangesAsync();
    }

    public static async Task ExcludeAsync(ControlsWebHost host, int workspaceId, string checkId, string justification)
    {
        await using var scope = host.ScopeFor(workspaceId);
        var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();
        db.Exclusions.Add(new Exclusion
        {
            WorkspaceId = workspaceId,
            CheckId = checkId,
            Justification = justification,
            ExcludedBy = "ciso@acme.example",
            ExcludedAt = host.Clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
    }

    public static IReadOnlyList<CheckDefinition> AttestedChecks(ControlsWebHost host) =>
        host.Services.GetRequiredService<ControlCatalog>().Checks
            .Where(c => c.Type == CheckType.Attested)
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
}
