using Controls.Compliance.Catalog;
using Controls.Compliance.Notifications;
using Controls.Compliance.Persistence;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Controls.Compliance.Incidents;

/// <summary>What declaring an incident needs; awareness carries its offset so local clocks are computed right.</summary>
public sealed record IncidentDeclaration(
    string Title,
    IReadOnlyList<string> Surfaces,
    IReadOnlyList<string> DataKinds,
    IReadOnlyList<string> Jurisdictions,
    DateTimeOffset AwareAt,
    DateTimeOffset? MaterialityDeterminedAt,
    string DeclaredBy);

/// <summary>A request the incident rules refuse; the message says what to change.</summary>
public sealed class IncidentRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Declares incidents and keeps their notification deadlines right as facts arrive: the materiality determination,
/// and each notification made (which starts clocks counted from it, such as NIS2's final report).
/// </summary>
public sealed class IncidentService(ControlsDbContext db, ICallerContext caller, ControlCatalog catalog, TimeProvider time)
{
    public async Task<Incident> DeclareAsync(IncidentDeclaration declaration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Validate(declaration, now);
        var incident = new Incident
        {
            WorkspaceId = caller.WorkspaceId ?? throw new InvalidOperationException("Declaring an incident needs a workspace."),
            Title = declaration.Title.Trim(),
            Surfaces = [.. declaration.Surfaces.Distinct(StringComparer.Ordinal)],
            DataKinds = [.. declaration.DataKinds.Distinct(StringComparer.Ordinal)],
            Jurisdictions = [.. declaration.Jurisdictions.Select(j => j.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal)],
            AwareAt = declaration.AwareAt.UtcDateTime,
            MaterialityDeterminedAt = declaration.MaterialityDeterminedAt?.UtcDateTime,
            DeclaredBy = declaration.DeclaredBy.Trim(),
            DeclaredAt = now.UtcDateTime,
            NotificationTableVersion = catalog.Notifications.Version,
        };
        Recompute(incident);
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        return incident;
    }

    public async Task<Incident?> FindAsync(int id, CancellationToken cancellationToken) =>
        await db.Incidents.Include(i => i.Notifications).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);

    public async Task<Incident> DetermineMaterialityAsync(Incident incident, DateTimeOffset determinedAt, CancellationToken cancellationToken)
    {
        if (determinedAt < new DateTimeOffset(incident.AwareAt, TimeSpan.Zero))
        {
            throw new IncidentRuleException("determinedAt", "The materiality determination cannot precede awareness of the incident.");
        }

        if (determinedAt > time.GetUtcNow())
        {
            throw new IncidentRuleException("determinedAt", "The materiality determination cannot be in the future.");
        }

        incident.MaterialityDeterminedAt = determinedAt.UtcDateTime;
        Recompute(incident);
        await db.SaveChangesAsync(cancellationToken);
        return incident;
    }

    public async Task<Incident> RecordNotificationAsync(
        Incident incident, int notificationId, DateTimeOffset doneAt, string doneBy, string? reference, CancellationToken cancellationToken)
    {
        var notification = incident.Notifications.SingleOrDefault(n => n.Id == notificationId)
            ?? throw new KeyNotFoundException($"Incident {incident.Id} has no notification {notificationId}.");
        if (notification.DoneAt is not null)
        {
            throw new IncidentRuleException("notification", $"'{notification.Notify}' was already recorded as done at {notification.DoneAt:yyyy-MM-dd HH:mm} UTC by {notification.DoneBy}.");
        }

        if (doneAt > time.GetUtcNow())
        {
            throw new IncidentRuleException("doneAt", "A notification cannot be recorded as done in the future.");
        }

        if (doneAt < new DateTimeOffset(incident.AwareAt, TimeSpan.Zero))
        {
            throw new IncidentRuleException("doneAt", "A notification cannot be done before awareness of the incident.");
        }

        if (string.IsNullOrWhiteSpace(doneBy))
        {
            throw new IncidentRuleException("doneBy", "Say who made the notification.");
        }

        notification.DoneAt = doneAt.UtcDateTime;
        notification.DoneBy = doneBy.Trim();
        notification.Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        Recompute(incident);
        await db.SaveChangesAsync(cancellationToken);
        return incident;
    }

    /// <summary>
    /// Brings the incident's notifications in line with its facts. Rows are matched by regime/deadline and never
    /// removed: a deadline that no longer applies after a table change keeps its history.
    /// </summary>
    private void Recompute(Incident incident)
    {
        var done = incident.Notifications.Where(n => n.DoneAt is not null)
            .ToDictionary(n => n.Key, n => new DateTimeOffset(n.DoneAt!.Value, TimeSpan.Zero), StringComparer.Ordinal);
        var facts = new IncidentClockFacts(
            new DateTimeOffset(incident.AwareAt, TimeSpan.Zero),
            incident.MaterialityDeterminedAt is { } m ? new DateTimeOffset(m, TimeSpan.Zero) : null,
            incident.Jurisdictions,
            incident.DataKinds,
            done);
        foreach (var deadline in NotificationClock.Compute(catalog.Notifications, facts))
        {
            var row = incident.Notifications.SingleOrDefault(n => n.Key == deadline.Key);
            if (row is null)
            {
                row = new IncidentNotification
                {
                    WorkspaceId = incident.WorkspaceId,
                    RegimeId = deadline.RegimeId,
                    RegimeTitle = deadline.RegimeTitle,
                    DeadlineId = deadline.DeadlineId,
                    Notify = deadline.Notify,
                    Rule = deadline.Rule,
                    Source = deadline.Source,
                    TimeZone = deadline.TimeZone,
                };
                incident.Notifications.Add(row);
            }

            row.DueAt = deadline.DueAt?.UtcDateTime;
            row.Provisional = deadline.Provisional;
            row.InternalTarget = deadline.InternalTarget;
            row.WaitingFor = deadline.WaitingFor;
        }
    }

    private void Validate(IncidentDeclaration declaration, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(declaration.Title))
        {
            throw new IncidentRuleException("title", "Give the incident a title.");
        }

        if (string.IsNullOrWhiteSpace(declaration.DeclaredBy))
        {
            throw new IncidentRuleException("declaredBy", "Say who declares the incident.");
        }

        if (declaration.AwareAt > now)
        {
            throw new IncidentRuleException("awareAt", "Awareness cannot be in the future.");
        }

        if (declaration.MaterialityDeterminedAt is { } m && (m < declaration.AwareAt || m > now))
        {
            throw new IncidentRuleException("materialityDeterminedAt", "The materiality determination must fall between awareness and now.");
        }

        var unknownSurface = declaration.Surfaces.FirstOrDefault(s => !Catalog.Surfaces.All.Contains(s));
        if (unknownSurface is not null)
        {
            throw new IncidentRuleException("surfaces", $"'{unknownSurface}' is not a surface ({string.Join(", ", Catalog.Surfaces.All)}).");
        }

        if (declaration.DataKinds.Count == 0)
        {
            throw new IncidentRuleException("dataKinds", $"Name at least one data kind ({string.Join(", ", IncidentVocabulary.DataKinds)}).");
        }

        var unknownKind = declaration.DataKinds.FirstOrDefault(k => !IncidentVocabulary.DataKinds.Contains(k));
        if (unknownKind is not null)
        {
            throw new IncidentRuleException("dataKinds", $"'{unknownKind}' is not a data kind ({string.Join(", ", IncidentVocabulary.DataKinds)}).");
        }

        if (declaration.Jurisdictions.Count == 0)
        {
            throw new IncidentRuleException("jurisdictions", "Name at least one jurisdiction (EU, UK, US-CA, US-SEC…).");
        }

        var known = catalog.Notifications.Regimes.SelectMany(r => r.Jurisdictions).Where(j => j != "*").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknownJurisdiction = declaration.Jurisdictions.FirstOrDefault(j => !System.Text.RegularExpressions.Regex.IsMatch(j.Trim(), "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,4})?$"));
        if (unknownJurisdiction is not null)
        {
            throw new IncidentRuleException("jurisdictions", $"'{unknownJurisdiction}' is not a jurisdiction code (ISO country or region, e.g. EU, UK, US-CA, US-SEC; known to the table: {string.Join(", ", known.Order(StringComparer.Ordinal))}).");
        }
    }
}

/// <summary>The words incidents are declared with; the notification schema enumerates the same data kinds.</summary>
public static class IncidentVocabulary
{
    public static readonly IReadOnlyList<string> DataKinds =
        ["personal-data", "payment-card", "account-credentials", "special-category", "service-disruption", "material-cybersecurity"];
}
