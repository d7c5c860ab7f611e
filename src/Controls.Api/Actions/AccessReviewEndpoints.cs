using Controls.Collectors.AccessReviews;
using Controls.Compliance.AccessReviews;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Controls.Api.Actions;

/// <summary>Starting a campaign by hand; <c>createdBy</c> defaults to the caller.</summary>
public sealed record AccessReviewRequest(int? SystemId, string? Owner, string? Title, string? CreatedBy);

/// <summary>A reviewer's decision: keep, revoke or change (with <c>changeTo</c>), always with a justification; <c>decidedBy</c> defaults to the caller.</summary>
public sealed record AccessDecisionRequest(AccessDecision? Decision, string? ChangeTo, string? Justification, string? DecidedBy);

/// <summary>The owner's sign-off; <c>signedOffBy</c> defaults to the caller and must be the campaign's owner.</summary>
public sealed record SignOffRequest(string? SignedOffBy, string? Statement);

public sealed record AccessReviewItemResponse(
    int Id,
    string AccountKey,
    string Login,
    string? Email,
    string? DisplayName,
    string Role,
    bool Privileged,
    bool Active,
    DateTime? LastActivityAt,
    string? PersonKey,
    string? Owner,
    bool NewSinceLastReview,
    AccessDecision? Decision,
    string? ChangeTo,
    string? Justification,
    string? DecidedBy,
    DateTime? DecidedAt,
    DateTime? VerifiedAt,
    long? VerifiedByRunId);

public sealed record AccessReviewResponse(
    int Id,
    int SystemId,
    string SystemKind,
    string SystemName,
    string Title,
    string Owner,
    string Trigger,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime DueAt,
    long AccountsRunId,
    DateTime AccountsCollectedAt,
    DateTime? SignedOffAt,
    string? SignedOffBy,
    string? SignOffStatement,
    string State,
    int Decided,
    int Undecided,
    int PendingVerification,
    IReadOnlyList<AccessReviewItemResponse>? Items)
{
    public static AccessReviewResponse From(AccessReviewCampaign c, DateTime now, bool withItems) => new(
        c.Id, c.SystemId, c.SystemKind, c.SystemName, c.Title, c.Owner, c.Trigger, c.CreatedAt, c.CreatedBy, c.DueAt, c.AccountsRunId, c.AccountsCollectedAt,
        c.SignedOffAt, c.SignedOffBy, c.SignOffStatement,
        c.SignedOffAt is not null ? "signed-off" : now > c.DueAt ? "overdue" : "open",
        c.Items.Count(i => i.Decision is not null),
        c.Items.Count(i => i.Decision is null),
        c.Items.Count(i => i.Decision is AccessDecision.Revoke or AccessDecision.Change && i.VerifiedAt is null),
        withItems
            ? [.. c.Items.OrderBy(i => i.Login, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.Id).Select(i => new AccessReviewItemResponse(
                i.Id, i.AccountKey, i.Login, i.Email, i.DisplayName, i.Role, i.Privileged, i.Active, i.LastActivityAt, i.PersonKey, i.Owner, i.NewSinceLastReview,
                i.Decision, i.ChangeTo, i.Justification, i.DecidedBy, i.DecidedAt, i.VerifiedAt, i.VerifiedByRunId))]
            : null);
}

public static class AccessReviewEndpoints
{
    private const string Title = "The access review cannot be changed";

    public static void MapAccessReviewEndpoints(this RouteGroupBuilder api)
    {
        var reviews = api.MapGroup("/access-reviews").WithTags("Access reviews");
        reviews.MapGet("/", ListAsync).WithName("ListAccessReviews").WithSummary("Lists access-review campaigns with their state and decision counts.");
        reviews.MapGet("/{id:int}", GetAsync).WithName("GetAccessReview").WithSummary("One access-review campaign with every account, decision and verification.");
        reviews.MapPost("/", CreateAsync).WithName("StartAccessReview")
            .WithSummary("Starts an access review of a system from the accounts of its latest collection (refused while one is open or when the accounts are unknown).");
        reviews.MapPost("/{id:int}/items/{itemId:int}/decision", DecideAsync).WithName("DecideAccess")
            .WithSummary("Records keep, revoke or change (with changeTo) for one account, with a justification; allowed until sign-off.");
        reviews.MapPost("/{id:int}/sign-off", SignOffAsync).WithName("SignOffAccessReview")
            .WithSummary("The owner signs the campaign off once every account is decided; revocations are then verified by the next collections.");
    }

    private static async Task<Ok<List<AccessReviewResponse>>> ListAsync(ControlsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var campaigns = await db.AccessReviewCampaigns.AsNoTracking().Include(c => c.Items).AsSplitQuery().OrderByDescending(c => c.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(campaigns.Select(c => AccessReviewResponse.From(c, now, withItems: false)).ToList());
    }

    private static async Task<Results<Ok<AccessReviewResponse>, ProblemHttpResult>> GetAsync(int id, AccessReviewService reviews, TimeProvider time, CancellationToken cancellationToken) =>
        await reviews.FindAsync(id, cancellationToken) is { } campaign
            ? TypedResults.Ok(AccessReviewResponse.From(campaign, time.GetUtcNow().UtcDateTime, withItems: true))
            : NotFound(id);

    private static async Task<Results<Created<AccessReviewResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        AccessReviewRequest request, AccessReviewService reviews, IRegisterCollection registers, ICallerContext caller, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.SystemId is not { } systemId)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["systemId"] = ["Name the system to review (its id, see GET /api/systems)."] }, title: "The access review cannot be started");
        }

        try
        {
            var campaign = await reviews.CreateAsync(
                systemId, request.Owner ?? string.Empty, request.Title, AccessReviewService.TriggerManual,
                string.IsNullOrWhiteSpace(request.CreatedBy) ? caller.Caller : request.CreatedBy, cancellationToken);
            await RecordAsync(registers, cancellationToken);
            return TypedResults.Created($"/api/access-reviews/{campaign.Id}", AccessReviewResponse.From(campaign, time.GetUtcNow().UtcDateTime, withItems: true));
        }
        catch (KeyNotFoundException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown system", detail: ex.Message);
        }
        catch (AccessReviewRuleException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] }, title: "The access review cannot be started");
        }
        catch (AccessReviewConflictException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The access review cannot be started", detail: ex.Message);
        }
    }

    private static async Task<Results<Ok<AccessReviewResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        int id, int itemId, AccessDecisionRequest request, AccessReviewService reviews, IRegisterCollection registers, ICallerContext caller, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await reviews.FindAsync(id, cancellationToken) is not { } campaign)
        {
            return NotFound(id);
        }

        try
        {
            await reviews.DecideAsync(campaign, itemId, request.Decision, request.ChangeTo, request.Justification,
                string.IsNullOrWhiteSpace(request.DecidedBy) ? caller.Caller : request.DecidedBy, cancellationToken);
        }
        catch (KeyNotFoundException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown account", detail: ex.Message);
        }
        catch (AccessReviewRuleException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] }, title: Title);
        }
        catch (AccessReviewConflictException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Title, detail: ex.Message);
        }

        await RecordAsync(registers, cancellationToken);
        return TypedResults.Ok(AccessReviewResponse.From(campaign, time.GetUtcNow().UtcDateTime, withItems: true));
    }

    private static async Task<Results<Ok<AccessReviewResponse>, ValidationProblem, ProblemHttpResult>> SignOffAsync(
        int id, SignOffRequest request, AccessReviewService reviews, IRegisterCollection registers, ICallerContext caller, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await reviews.FindAsync(id, cancellationToken) is not { } campaign)
        {
            return NotFound(id);
        }

        try
        {
            await reviews.SignOffAsync(campaign, string.IsNullOrWhiteSpace(request.SignedOffBy) ? caller.Caller : request.SignedOffBy, request.Statement, cancellationToken);
        }
        catch (AccessReviewRuleException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] }, title: "The access review cannot be signed off");
        }
        catch (AccessReviewConflictException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The access review cannot be signed off", detail: ex.Message);
        }

        await RecordAsync(registers, cancellationToken);
        return TypedResults.Ok(AccessReviewResponse.From(campaign, time.GetUtcNow().UtcDateTime, withItems: true));
    }

    /// <summary>Every change becomes evidence at once, and the check re-evaluates on it.</summary>
    private static Task<CollectionRun> RecordAsync(IRegisterCollection registers, CancellationToken cancellationToken) =>
        registers.CollectAsync(SystemKinds.AccessReviewRegister, AccessReviewRegister.TriggerAfterChange, cancellationToken);

    private static ProblemHttpResult NotFound(int id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown access review", detail: $"Access review {id} is not in this workspace.");
}
