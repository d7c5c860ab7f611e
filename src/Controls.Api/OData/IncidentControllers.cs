using Controls.Compliance.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace Controls.Api.OData;

/// <summary>A declared incident as the feed shows it (declared and updated through /api/incidents).</summary>
public sealed class IncidentReadModel
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public List<string> Surfaces { get; set; } = [];

    public List<string> DataKinds { get; set; } = [];

    public List<string> Jurisdictions { get; set; } = [];

    public DateTime AwareAt { get; set; }

    public DateTime? MaterialityDeterminedAt { get; set; }

    public required string DeclaredBy { get; set; }

    public DateTime DeclaredAt { get; set; }

    public required string NotificationTableVersion { get; set; }

    public DateTime? ClosedAt { get; set; }
}

/// <summary>One notification an incident owes, with its deadline and whether (and when, by whom) it was made.</summary>
public sealed class IncidentNotificationReadModel
{
    public int Id { get; set; }

    public int IncidentId { get; set; }

    public required string RegimeId { get; set; }

    public required string RegimeTitle { get; set; }

    public required string DeadlineId { get; set; }

    public required string Notify { get; set; }

    public required string Rule { get; set; }

    public required string Source { get; set; }

    public required string TimeZone { get; set; }

    public DateTime? DueAt { get; set; }

    public bool Provisional { get; set; }

    public bool InternalTarget { get; set; }

    public string? WaitingFor { get; set; }

    public DateTime? DoneAt { get; set; }

    public string? DoneBy { get; set; }

    public string? Reference { get; set; }
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class IncidentsController(ControlsDbContext db) : ODataController
{
    [HttpGet("odata/Incidents")]
    [ControlsQuery]
    public IQueryable<IncidentReadModel> Get() => Query();

    [HttpGet("odata/Incidents({key})")]
    [ControlsQuery]
    public SingleResult<IncidentReadModel> Get(int key) => SingleResult.Create(Query().Where(i => i.Id == key));

    private IQueryable<IncidentReadModel> Query() => db.Incidents.AsNoTracking().Select(i => new IncidentReadModel
    {
        Id = i.Id,
        Title = i.Title,
        Surfaces = i.Surfaces,
        DataKinds = i.DataKinds,
        Jurisdictions = i.Jurisdictions,
        AwareAt = i.AwareAt,
        MaterialityDeterminedAt = i.MaterialityDeterminedAt,
        DeclaredBy = i.DeclaredBy,
        DeclaredAt = i.DeclaredAt,
        NotificationTableVersion = i.NotificationTableVersion,
        ClosedAt = i.ClosedAt,
    });
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class IncidentNotificationsController(ControlsDbContext db) : ODataController
{
    [HttpGet("odata/IncidentNotifications")]
    [ControlsQuery]
    public IQueryable<IncidentNotificationReadModel> Get() => Query();

    [HttpGet("odata/IncidentNotifications({key})")]
    [ControlsQuery]
    public SingleResult<IncidentNotificationReadModel> Get(int key) => SingleResult.Create(Query().Where(n => n.Id == key));

    private IQueryable<IncidentNotificationReadModel> Query() => db.IncidentNotifications.AsNoTracking().Select(n => new IncidentNotificationReadModel
    {
        Id = n.Id,
        IncidentId = n.IncidentId,
        RegimeId = n.RegimeId,
        RegimeTitle = n.RegimeTitle,
        DeadlineId = n.DeadlineId,
        Notify = n.Notify,
        Rule = n.Rule,
        Source = n.Source,
        TimeZone = n.TimeZone,
        DueAt = n.DueAt,
        Provisional = n.Provisional,
        InternalTarget = n.InternalTarget,
        WaitingFor = n.WaitingFor,
        DoneAt = n.DoneAt,
        DoneBy = n.DoneBy,
        Reference = n.Reference,
    });
}
