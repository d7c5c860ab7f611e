using System.Globalization;
using Controls.Compliance.Catalog;
using Controls.Compliance.Readiness;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Controls.Api.Actions;

/// <summary>
/// Attesting a surface's playbook. Dates are ISO 8601 calendar dates ("2026-10-01"). As multipart/form-data the same
/// fields plus an optional "file" (the playbook itself, kept in the evidence ledger).
/// </summary>
public sealed record PlaybookRequest(string? Surface, string? Title, string? Owner, string? Location, DateOnly? ReviewedOn);

public sealed record TabletopRequest(
    string? Scenario, IReadOnlyList<string>? Surfaces, DateOnly? HeldOn, string? Facilitator, IReadOnlyList<string>? Participants, string? Outcome);

public sealed record PlaybookResponse(
    int Id, string Surface, string Title, string Owner, string? Location, DateOnly ReviewedOn, string? FileName, string? FileSha256,
    long? FileEvidenceRecordId, string AttestedBy, DateTime AttestedAt);

public sealed record TabletopResponse(
    int Id, string Scenario, IReadOnlyList<string> Surfaces, DateOnly HeldOn, string Facilitator, IReadOnlyList<string> Participants,
    string? Outcome, string RecordedBy, DateTime RecordedAt);

public sealed record DetectionCheckResponse(string CheckId, string Status, bool Wired, bool Counted, string Summary);

public sealed record SurfaceReadinessResponse(
    string Surface,
    int Score,
    string Level,
    ReadinessComponents Components,
    IReadOnlyList<string> Reasons)
{
    public static SurfaceReadinessResponse From(SurfaceReadinessResult r) => new(
        r.Surface,
        r.Score,
        LevelName(r.Level),
        new ReadinessComponents(
            new PlaybookComponent(r.PlaybookPoints, ReadinessScore.PlaybookWeight, r.Playbook is not null, r.PlaybookCurrent, r.Playbook?.Id, r.Playbook?.Title,
                r.Playbook?.Owner, r.Playbook?.Location, r.Playbook?.ReviewedOn, r.PlaybookReviewDue, r.PlaybookReviewDays, r.Playbook?.FileName, r.Playbook?.FileSha256),
            new DetectionComponent(r.DetectionPoints, ReadinessScore.DetectionWeight, r.DetectionMeasured, r.DetectionWired, r.DetectionCounted, r.DetectionUnmeasured,
                [.. r.DetectionChecks.Select(c => new DetectionCheckResponse(c.CheckId, c.Status?.ToString() ?? "NotEvaluated", c.Wired, c.Counted, c.Summary))]),
            new TabletopComponent(r.TabletopPoints, ReadinessScore.TabletopWeight, r.TabletopCurrent, r.LastTabletop?.Id, r.LastTabletop?.Scenario,
                r.LastTabletop?.HeldOn, r.NextTabletopDue, r.TabletopCadenceDays)),
        r.Reasons);

    /// <summary>The level as the API and the feed spell it: "ready", "partial", "not-ready".</summary>
    public static string LevelName(ReadinessLevel level) => level switch
    {
        ReadinessLevel.Ready => "ready",
        ReadinessLevel.Partial => "partial",
        _ => "not-ready",
    };
}

public sealed record ReadinessComponents(PlaybookComponent Playbook, DetectionComponent Detection, TabletopComponent Tabletop);

public sealed record PlaybookComponent(
    int Points, int Weight, bool Present, bool Current, int? AttestationId, string? Title, string? Owner, string? Location,
    DateOnly? ReviewedOn, DateOnly? NextReviewDue, int ReviewPeriodDays, string? FileName, string? FileSha256);

public sealed record DetectionComponent(
    int Points, int Weight, bool Measured, int Wired, int Counted, string? UnmeasuredBecause, IReadOnlyList<DetectionCheckResponse> Checks);

public sealed record TabletopComponent(
    int Points, int Weight, bool Current, int? LastExerciseId, string? LastScenario, DateOnly? LastHeldOn, DateOnly? NextDue, int CadenceDays);

public static class ReadinessEndpoints
{
    public static void MapReadinessEndpoints(this RouteGroupBuilder api)
    {
        var readiness = api.MapGroup("/readiness").WithTags("Readiness");
        readiness.MapGet("/", ListAsync).WithName("ListReadiness")
            .WithSummary("Incident-response readiness per surface: 0–100 score, level, the playbook, detection and tabletop components and the reasons to act on.");
        readiness.MapGet("/{surface}", GetAsync).WithName("GetReadiness").WithSummary("Readiness of one surface.");
        readiness.MapPost("/playbooks", AttestPlaybookAsync).WithName("AttestPlaybook")
            .WithSummary("Attests a surface's incident-response playbook (JSON, or multipart with the playbook file, which is kept in the evidence ledger) and re-collects the readiness register.")
            // One Accepts: routing matches the request's content type against the last declared list only.
            .Accepts<PlaybookRequest>("application/json", "multipart/form-data")
            .Produces<PlaybookResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)

            // No cookies or sessions exist to forge; cross-origin writes are refused by CrossOriginWriteGuard instead.
            .DisableAntiforgery();
        readiness.MapPost("/tabletops", RecordTabletopAsync).WithName("RecordTabletop")
            .WithSummary("Records a tabletop exercise held (scenario, surfaces exercised, date, facilitator, participants, outcome) and re-collects the readiness register.");
    }

    private static async Task<Ok<List<SurfaceReadinessResponse>>> ListAsync(ReadinessReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok((await reader.ReadAsync(cancellationToken)).Select(SurfaceReadinessResponse.From).ToList());

    private static async Task<Results<Ok<SurfaceReadinessResponse>, ProblemHttpResult>> GetAsync(
        string surface, ReadinessReader reader, ControlCatalog catalog, CancellationToken cancellationToken) =>
        await reader.ReadAsync(surface, cancellationToken) is { } result
            ? TypedResults.Ok(SurfaceReadinessResponse.From(result))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown surface",
                detail: $"'{surface}' is not a surface with readiness; valid: {string.Join(", ", catalog.Readiness.Surfaces.Select(s => s.Surface))}.");

    private static async Task<IResult> AttestPlaybookAsync(
        HttpRequest request, ReadinessService readiness, IOptions<ActionOptions> options, CancellationToken cancellationToken)
    {
        PlaybookInput input;
        PlaybookFile? file = null;
        if (request.HasJsonContentType())
        {
            PlaybookRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<PlaybookRequest>(cancellationToken);
            }
            catch (System.Text.Json.JsonException ex)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON",
                    detail: $"The body is not a playbook attestation ({ex.Path}): dates are yyyy-MM-dd, the other fields strings.");
            }

            input = new PlaybookInput(body?.Surface, body?.Title, body?.Owner, body?.Location, body?.ReviewedOn);
        }
        else
        {
            var limit = options.Value.MaxUploadBytes;
            var (form, problem) = await BoundedForm.ReadAsync(request, limit,
                "Send JSON, or multipart/form-data with the fields surface, title, owner, location, reviewedOn and optionally file.", cancellationToken);
            if (form is null)
            {
                return problem!;
            }

            var reviewedText = form["reviewedOn"].ToString().Trim();
            DateOnly? reviewedOn = null;
            if (reviewedText.Length > 0)
            {
                if (!DateOnly.TryParseExact(reviewedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reviewedOn"] = ["reviewedOn must be a date like 2026-10-01."] },
                        title: "The playbook cannot be attested");
                }

                reviewedOn = parsed;
            }

            input = new PlaybookInput(form["surface"].ToString(), form["title"].ToString(), form["owner"].ToString(), form["location"].ToString(), reviewedOn);
            if (form.Files.GetFile("file") is { } upload)
            {
                using var buffer = new MemoryStream((int)upload.Length);
                await upload.CopyToAsync(buffer, cancellationToken);
                var fileName = Path.GetFileName(upload.FileName);
                file = new PlaybookFile(
                    fileName.Length is > 0 and <= 300 ? fileName : "playbook",
                    string.IsNullOrWhiteSpace(upload.ContentType) ? "application/octet-stream" : upload.ContentType[..Math.Min(upload.ContentType.Length, 200)],
                    buffer.ToArray());
            }
        }

        try
        {
            var (a, recordId) = await readiness.AttestPlaybookAsync(input, file, cancellationToken);
            return TypedResults.Created($"/api/readiness/{a.Surface}", new PlaybookResponse(
                a.Id, a.Surface, a.Title, a.Owner, a.Location, a.ReviewedOn, a.FileName, a.FileSha256, recordId, a.AttestedBy, a.AttestedAt));
        }
        catch (ReadinessValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value), title: "The playbook cannot be attested");
        }
        catch (PlaybookFileNotRecordedException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The playbook file could not be recorded", detail: ex.Message);
        }
    }

    private static async Task<Results<Created<TabletopResponse>, ValidationProblem>> RecordTabletopAsync(
        TabletopRequest request, ReadinessService readiness, CancellationToken cancellationToken)
    {
        try
        {
            var t = await readiness.RecordTabletopAsync(
                new TabletopInput(request.Scenario, request.Surfaces, request.HeldOn, request.Facilitator, request.Participants, request.Outcome), cancellationToken);
            return TypedResults.Created($"/api/readiness", new TabletopResponse(
                t.Id, t.Scenario, t.Surfaces, t.HeldOn, t.Facilitator, t.Participants, t.Outcome, t.RecordedBy, t.RecordedAt));
        }
        catch (ReadinessValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value), title: "The tabletop exercise cannot be recorded");
        }
    }
}
