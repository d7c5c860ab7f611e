using Controls.Collectors.Registers;
using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;

namespace Controls.Collectors.Incidents;

public static class IncidentRegister
{
    public const string EvidenceKind = "incidents.register";
    public const string Subject = "register";
    public const string TriggerAfterChange = "incident-change";

    public static readonly RegisterSystemSpec System = new(SystemKinds.IncidentRegister, "incident-register", "Incident register");
}

public sealed record NotificationEvidence(
    int Id,
    string RegimeId,
    string RegimeTitle,
    string DeadlineId,
    string Notify,
    string Rule,
    DateTime? DueAt,
    bool Provisional,
    bool InternalTarget,
    string? WaitingFor,
    DateTime? DoneAt,
    string? DoneBy,
    string? Reference);

public sealed record IncidentEvidence(
    int Id,
    string Title,
    IReadOnlyList<string> Surfaces,
    IReadOnlyList<string> DataKinds,
    IReadOnlyList<string> Jurisdictions,
    DateTime AwareAt,
    DateTime? MaterialityDeterminedAt,
    string DeclaredBy,
    DateTime DeclaredAt,
    string NotificationTableVersion,
    DateTime? ClosedAt,
    IReadOnlyList<NotificationEvidence> Notifications);

public sealed record IncidentRegisterEvidence(string NotificationTableVersion, IReadOnlyList<IncidentEvidence> Incidents);

/// <summary>
/// Records the workspace's incident register as evidence: every declared incident with its notifications, deadlines
/// and who made each one when. The ledger then holds the register's history; the check judges it.
/// </summary>
public sealed class IncidentRegisterCollector(ControlsDbContext db, ControlCatalog catalog) : ICollector
{
    public string SystemKind => SystemKinds.IncidentRegister;

    public async Task CollectAsync(CollectionContext context, CancellationToken cancellationToken)
    {
        var incidents = await db.Incidents.AsNoTracking().Include(i => i.Notifications).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        context.Record(IncidentRegister.EvidenceKind, IncidentRegister.Subject, new IncidentRegisterEvidence(
            catalog.Notifications.Version,
            [.. incidents.Select(i => new IncidentEvidence(
                i.Id, i.Title, i.Surfaces, i.DataKinds, i.Jurisdictions, i.AwareAt, i.MaterialityDeterminedAt, i.DeclaredBy, i.DeclaredAt,
                i.NotificationTableVersion, i.ClosedAt,
                [.. i.Notifications.OrderBy(n => n.DueAt ?? DateTime.MaxValue).ThenBy(n => n.Id).Select(n => new NotificationEvidence(
                    n.Id, n.RegimeId, n.RegimeTitle, n.DeadlineId, n.Notify, n.Rule, n.DueAt, n.Provisional, n.InternalTarget, n.WaitingFor,
                    n.DoneAt, n.DoneBy, n.Reference))]))]));
    }
}

