using Controls.Collectors.Incidents;
using Controls.Collectors.Registers;
using Controls.Compliance.Incidents;
using Controls.Compliance.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Controls.Api.Actions;

/// <summary>Declaring an incident. Times carry their UTC offset (ISO 8601), e.g. "2026-11-23T09:30:00+01:00".</summary>
public sealed record IncidentRequest(
    string? Title,
    IReadOnlyList<string>? Surfaces,
    IReadOnlyList<string>? DataKinds,
    IReadOnlyList<string>? Jurisdictions,
    DateTimeOffset? AwareAt,
    DateTimeOffset? MaterialityDeterminedAt,
    string? DeclaredBy);

public sealed record RegisterRunResponse(long RunId, int SystemId, string Outcome);

public sealed record MaterialityRequest(DateTimeOffset? DeterminedAt);

public sealed record NotificationDoneRequest(DateTimeOffset? DoneAt, string? DoneBy, string? Reference);

public sealed record NotificationResponse(
    int Id,
    string RegimeId,
    string RegimeTitle,
    string DeadlineId,
    string Notify,
    string Rule,
    string Source,
    string TimeZone,
    DateTime? DueAt,
    string? DueLocal,
    bool Provisional,
    bool InternalTarget,
    string? WaitingFor,
    DateTime? DoneAt,
    string? DoneBy,
    string? Reference,
    string State);

public sealed record IncidentResponse(
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
    IReadOnlyList<NotificationResponse> Notifications)
{
    public static IncidentResponse From(Incident i, DateTime now) => new(
        i.Id, i.Title, i.Surfaces, i.DataKinds, i.Jurisdictions, i.AwareAt, i.MaterialityDeterminedAt, i.DeclaredBy, i.DeclaredAt,
        i.NotificationTableVersion,
        [.. i.Notifications.OrderBy(n => n.DueAt ?? DateTime.MaxValue).ThenBy(n => n.Id).Select(n => new NotificationResponse(
            n.Id, n.RegimeId, n.RegimeTitle, n.DeadlineId, n.Notify, n.Rule, n.Source, n.TimeZone, n.DueAt, Local(n), n.Provisional, n.InternalTarget,
            n.WaitingFor, n.DoneAt, n.DoneBy, n.Reference, n.StateAt(now)))]);

    private static string? Local(IncidentNotification n) =>
        n.DueAt is { } due && TimeZoneInfo.TryFindSystemTimeZoneById(n.TimeZone, out var zone)
            ? TimeZoneInfo.ConvertTime(new DateTimeOffset(due, TimeSpan.Zero), zone).ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture)
            : null;
}

public static class IncidentEndpoints
{
    public static void MapIncidentEndpoints(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Incidents");
        incidents.MapGet("/", ListAsync).WithName("ListIncidents").WithSummary("Lists declared incidents with their notification deadlines and states.");
        incidents.MapGet("/{id:int}", GetAsync).WithName("GetIncident").WithSummary("One incident with its notification deadlines.");
        incidents.MapPost("/", DeclareAsync).WithName("DeclareIncident")
            .WithSummary("Declares an incident: its jurisdictions and data kinds give the notifications it owes and their deadlines (control-catalog/notifications).");
        incidents.MapPost("/register", RecordRegisterAsync).WithName("RecordIncidentRegister")
            .WithSummary("Records the incident register now (also when no incident was ever declared, so the notification check has evidence); it is then collected hourly and after every change.");
        incidents.MapPost("/{id:int}/materiality", MaterialityAsync).WithName("DetermineIncidentMateriality")
            .WithSummary("Records when the incident was determined material, which starts the SEC Item 1.05 clock.");
        incidents.MapPost("/{id:int}/notifications/{notificationId:int}/done", DoneAsync).WithName("RecordIncidentNotification")
            .WithSummary("Records a notification as made: when, by whom, and the reference that proves it. Clocks counted from it start.");
    }

    private static async Task<Ok<List<IncidentResponse>>> ListAsync(ControlsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var incidents = await db.Incidents.AsNoTracking().Include(i => i.Notifications).OrderByDescending(i => i.AwareAt).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(incidents.Select(i => IncidentResponse.From(i, now)).ToList());
    }

    private static async Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> GetAsync(int id, IncidentService incidents, TimeProvider time, CancellationToken cancellationToken) =>
        await incidents.FindAsync(id, cancellationToken) is { } incident
            ? TypedResults.Ok(IncidentResponse.From(incident, time.GetUtcNow().UtcDateTime))
            : NotFound(id);

    private static async Task<Results<Created<IncidentResponse>, ValidationProblem>> DeclareAsync(
        IncidentRequest request, IncidentService incidents, RegisterSystems registers, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.AwareAt is null)
        {
            errors["awareAt"] = ["When did the organisation become aware? Give an ISO 8601 time with its offset."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The incident cannot be declared");
        }

        try
        {
            var incident = await incidents.DeclareAsync(
                new IncidentDeclaration(
                    request.Title ?? string.Empty, request.Surfaces ?? [], request.DataKinds ?? [], request.Jurisdictions ?? [],
                    request.AwareAt!.Value, request.MaterialityDeterminedAt, request.DeclaredBy ?? string.Empty),
                cancellationToken);
            await registers.CollectAsync(IncidentRegister.System, IncidentRegister.TriggerAfterChange, cancellationToken);
            return TypedResults.Created($"/api/incidents/{incident.Id}", IncidentResponse.From(incident, time.GetUtcNow().UtcDateTime));
        }
        catch (IncidentRuleException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] }, title: "The incident cannot be declared");
        }
    }

    private static async Task<Results<Ok<IncidentResponse>, ValidationProblem, ProblemHttpResult>> MaterialityAsync(
        int id, MaterialityRequest request, IncidentService incidents, RegisterSystems registers, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await incidents.FindAsync(id, cancellationToken) is not { } incident)
        {
            return NotFound(id);
        }

        if (request.DeterminedAt is not { } determinedAt)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["determinedAt"] = ["Give the time of the materiality determination with its offset."] });
        }

        try
        {
            await incidents.DetermineMaterialityAsync(incident, determinedAt, cancellationToken);
        }
        catch (IncidentRuleException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] });
        }

        await registers.CollectAsync(IncidentRegister.System, IncidentRegister.TriggerAfterChange, cancellationToken);
        return TypedResults.Ok(IncidentResponse.From(incident, time.GetUtcNow().UtcDateTime));
    }

    private static async Task<Results<Ok<IncidentResponse>, ValidationProblem, ProblemHttpResult>> DoneAsync(
        int id, int notificationId, NotificationDoneRequest request, IncidentService incidents, RegisterSystems registers, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await incidents.FindAsync(id, cancellationToken) is not { } incident)
        {
            return NotFound(id);
        }

        if (incident.Notifications.All(n => n.Id != notificationId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown notification", detail: $"Incident {id} owes no notification {notificationId}.");
        }

        try
        {
            await incidents.RecordNotificationAsync(incident, notificationId, request.DoneAt ?? time.GetUtcNow(), request.DoneBy ?? string.Empty, request.Reference, cancellationToken);
        }
        catch (IncidentRuleException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] });
        }

        await registers.CollectAsync(IncidentRegister.System, IncidentRegister.TriggerAfterChange, cancellationToken);
        return TypedResults.Ok(IncidentResponse.From(incident, time.GetUtcNow().UtcDateTime));
    }

    private static async Task<Ok<RegisterRunResponse>> RecordRegisterAsync(RegisterSystems registers, CancellationToken cancellationToken)
    {
        var run = await registers.CollectAsync(IncidentRegister.System, IncidentRegister.TriggerAfterChange, cancellationToken);
        return TypedResults.Ok(new RegisterRunResponse(run.Id, run.SystemId, run.Outcome.ToString()));
    }

    private static ProblemHttpResult NotFound(int id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown incident", detail: $"Incident {id} is not in this workspace.");
}
