using Controls.Compliance.Attestations;
using System.Text.RegularExpressions;
using Controls.Api.OData;
using Controls.Collectors.Scheduling;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Controls.Api.Actions;

/// <summary>A connected system to create. Only the credential's configuration key is accepted, never its value.</summary>
public sealed record CreateSystemRequest(
    string? Kind,
    string? Name,
    string? DisplayName,
    string? BaseUrl,
    string? CredentialName,
    string? Schedule,
    bool? Enabled);

public sealed record CollectionStarted(long RunId, int SystemId);

public static partial class SystemEndpoints
{
    /// <summary>The schedule of a kind without its own default; each kind's is <see cref="DefaultSchedules.For"/>.</summary>
    public const string DefaultSchedule = DefaultSchedules.Fallback;

    public static void MapSystemEndpoints(this RouteGroupBuilder api)
    {
        var systems = api.MapGroup("/systems").WithTags("Systems");
        systems.MapGet("/", ListAsync).WithName("ListSystems").WithSummary("Lists the workspace's connected systems (credential names only, never values).");
        systems.MapPost("/", CreateAsync).WithName("CreateSystem").WithSummary("Connects a system: kind must be an installed collector, schedule a Quartz cron (UTC).");
        systems.MapPost("/{id:int}/collect", CollectAsync).WithName("CollectSystemNow")
            .WithSummary("Starts a collection run now; 202 with the run id and its /odata/CollectionRuns location.");
    }

    private static async Task<Ok<List<SystemReadModel>>> ListAsync(ReadModelQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.Systems(ExpansionPlan.None).OrderBy(s => s.Id).ToListAsync(cancellationToken));

    private static async Task<Results<Created<SystemReadModel>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateSystemRequest request,
        [FromServices] IEnumerable<ICollector> collectors,
        ControlsDbContext db,
        ICallerContext caller,
        ReadModelQueries queries,
        EvaluationService evaluation,
        ICollectionScheduler scheduler,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        // The manual ledger and the third-party register are created on demand, one per workspace, never by hand.
        var kinds = collectors.Select(c => c.SystemKind).Where(k => k != ManualEvidence.Kind && !Controls.Collectors.Registers.RegisterSystems.Kinds.Contains(k)).ToHashSet(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>();
        var kind = request.Kind?.Trim() ?? string.Empty;
        var name = request.Name?.Trim() ?? string.Empty;
        var schedule = string.IsNullOrWhiteSpace(request.Schedule) ? DefaultSchedules.For(kind) : request.Schedule.Trim();
        if (!kinds.Contains(kind))
        {
            errors["kind"] = [kinds.Count == 0
                ? $"'{kind}' is not an installed collector; none is installed."
                : $"'{kind}' is not an installed collector. Installed: {string.Join(", ", kinds.Order(StringComparer.Ordinal))}."];
        }

        if (name.Length is 0 or > 200)
        {
            errors["name"] = ["Name is required (at most 200 characters): the platform's own name, e.g. the GitHub organisation login."];
        }

        if (request.BaseUrl is { Length: > 0 } baseUrl
            && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || baseUrl.Length > 500))
        {
            errors["baseUrl"] = ["BaseUrl must be an absolute http(s) URL."];
        }

        if (request.CredentialName is { Length: > 0 } credentialName && !CredentialNamePattern().IsMatch(credentialName))
        {
            errors["credentialName"] = ["CredentialName is the configuration key under Controls:Credentials (letters, digits, '.', '_', '-'), not the token itself."];
        }

        if (CronProblem(schedule) is { } cronProblem)
        {
            errors["schedule"] = [$"'{schedule}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. '{DefaultSchedule}'): {cronProblem}"];
        }

        if (request.DisplayName is { Length: > 200 })
        {
            errors["displayName"] = ["DisplayName is at most 200 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The system cannot be created");
        }

        if (await db.Systems.AnyAsync(s => s.Kind == kind && s.Name == name, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "System already connected", detail: $"A {kind} system named '{name}' already exists in this workspace.");
        }

        var system = new ConnectedSystem
        {
            WorkspaceId = caller.WorkspaceId!.Value,
            Kind = kind,
            Name = name,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim(),
            BaseUrl = string.IsNullOrWhiteSpace(request.BaseUrl) ? null : request.BaseUrl.Trim(),
            CredentialName = string.IsNullOrWhiteSpace(request.CredentialName) ? null : request.CredentialName.Trim(),
            Schedule = schedule,
            Enabled = request.Enabled ?? true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Systems.Add(system);
        await db.SaveChangesAsync(cancellationToken);

        // Its cron trigger exists from now on, not from the next restart.
        await scheduler.SyncSystemAsync(system.Id, cancellationToken);

        // A new system's checks are NeedsEvidence until it is collected; the gap list should say so at once.
        await evaluation.EvaluateWorkspaceAsync(cancellationToken);
        var created = await queries.Systems(ExpansionPlan.None).SingleAsync(s => s.Id == system.Id, cancellationToken);
        return TypedResults.Created($"/odata/Systems({system.Id})", created);
    }

    private static async Task<Results<Accepted<CollectionStarted>, ProblemHttpResult>> CollectAsync(
        int id, ControlsDbContext db, ICallerContext caller, CollectNow collectNow, CancellationToken cancellationToken)
    {
        var system = await db.Systems.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (system is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown system", detail: $"System {id} does not exist in this workspace.");
        }

        if (system.Kind == ManualEvidence.Kind)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not collectable", detail: $"'{system.Name}' holds uploaded evidence; there is nothing to collect.");
        }

        if (!system.Enabled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "System disabled", detail: $"'{system.Name}' is disabled; enable it before collecting.");
        }

        var runId = await collectNow.StartAsync(caller.WorkspaceId!.Value, caller.Caller, id, cancellationToken);
        return TypedResults.Accepted($"/odata/CollectionRuns({runId})", new CollectionStarted(runId, id));
    }

    private static string? CronProblem(string schedule)
    {
        if (schedule.Length > 120)
        {
            return "longer than 120 characters";
        }

        if (CronExpression.TryParse(schedule, out _))
        {
            return null;
        }

        try
        {
            // TryParse says no; the constructor says why.
            _ = new CronExpression(schedule);
            return "rejected by Quartz";
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,200}$")]
    private static partial Regex CredentialNamePattern();
}
