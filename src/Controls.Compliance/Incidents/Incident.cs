using Controls.Compliance.Workspaces;

namespace Controls.Compliance.Incidents;

/// <summary>
/// A declared security incident: what it touches (surfaces, data kinds, jurisdictions) and when the organisation
/// became aware. Its notifications are the deadlines the catalog's notification table gives those facts.
/// </summary>
public sealed class Incident : IWorkspaceOwned
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    public required string Title { get; set; }

    /// <summary>E-commerce surfaces affected (checkout, payment, customer-account…).</summary>
    public List<string> Surfaces { get; set; } = [];

    /// <summary>Kinds of data or impact involved (personal-data, payment-card, service-disruption…).</summary>
    public List<string> DataKinds { get; set; } = [];

    /// <summary>Where affected people live or the organisation is regulated (EU, UK, US-CA, US-SEC…).</summary>
    public List<string> Jurisdictions { get; set; } = [];

    /// <summary>When the organisation became aware (UTC); the clocks of most regimes start here.</summary>
    public DateTime AwareAt { get; set; }

    /// <summary>When the incident was determined material (SEC Item 1.05 starts here); null while undetermined.</summary>
    public DateTime? MaterialityDeterminedAt { get; set; }

    public required string DeclaredBy { get; set; }

    public DateTime DeclaredAt { get; set; }

    /// <summary>The notification table version the deadlines were computed with: laws change, declarations keep their rules.</summary>
    public required string NotificationTableVersion { get; set; }

    public DateTime? ClosedAt { get; set; }

    public List<IncidentNotification> Notifications { get; set; } = [];
}

/// <summary>One notification an incident owes (a regime's deadline), tracked to done with who and when.</summary>
public sealed class IncidentNotification : IWorkspaceOwned
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    public int IncidentId { get; set; }

    public required string RegimeId { get; set; }

    public required string RegimeTitle { get; set; }

    public required string DeadlineId { get; set; }

    /// <summary>Who must be told.</summary>
    public required string Notify { get; set; }

    /// <summary>The rule as a person reads it, e.g. "72 hours after awareness".</summary>
    public required string Rule { get; set; }

    public required string Source { get; set; }

    public required string TimeZone { get; set; }

    /// <summary>Null while the clock has not started (see <see cref="WaitingFor"/>).</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>Counted from an earlier notification's deadline because that one is not done yet; can only move later.</summary>
    public bool Provisional { get; set; }

    /// <summary>No statutory number ("without undue delay"): the due time is the organisation's internal target.</summary>
    public bool InternalTarget { get; set; }

    public string? WaitingFor { get; set; }

    public DateTime? DoneAt { get; set; }

    public string? DoneBy { get; set; }

    /// <summary>The regulator's case number, the filing id, the message sent: what proves it was done.</summary>
    public string? Reference { get; set; }

    public string Key => $"{RegimeId}/{DeadlineId}";

    /// <summary>done, done-late, overdue, open, or waiting (for the fact that starts its clock) at <paramref name="now"/>.</summary>
    public string StateAt(DateTime now) => this switch
    {
        { DoneAt: { } done, DueAt: { } due } when done > due => "done-late",
        { DoneAt: not null } => "done",
        { DueAt: null } => "waiting",
        { DueAt: { } due } when due < now => "overdue",
        _ => "open",
    };
}
