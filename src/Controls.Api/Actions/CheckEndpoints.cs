using Controls.Compliance.Attestations;
using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Compliance.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Controls.Api.Actions;

/// <summary>The multipart form of an attestation upload (documents the endpoint; the form is read by hand to enforce the size limit).</summary>
public sealed class AttestationForm
{
    public IFormFile? File { get; set; }

    public string? Title { get; set; }

    public string? Owner { get; set; }

    /// <summary>Optional; capped at the check's freshness window.</summary>
    public DateTimeOffset? ValidUntil { get; set; }
}

public sealed record AttestationCreated(int Id, string CheckId, string Title, string Owner, DateTime ValidUntil, long EvidenceRecordId, string FileSha256, CheckStatus CheckStatus);

public sealed record ExclusionRequest(int? SystemId, string? Justification);

public sealed record ExclusionCreated(int Id, string CheckId, int? SystemId, string Justification, string ExcludedBy, DateTime ExcludedAt);

public static class CheckEndpoints
{
    // Multipart boundaries and the other fields; the file itself is what the limit is about.
    public static void MapCheckEndpoints(this RouteGroupBuilder api)
    {
        var checks = api.MapGroup("/checks/{checkId}").WithTags("Checks");
        checks.MapPost("/attestations", UploadAttestationAsync).WithName("UploadAttestation")
            .WithSummary("Uploads evidence for an attested check (multipart: file, title, owner, validUntil?) and re-evaluates.")
            .Accepts<AttestationForm>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)

            // No cookies or sessions exist to forge; cross-origin writes are refused by CrossOriginWriteGuard instead.
            .DisableAntiforgery();
        checks.MapPost("/exclusions", ExcludeAsync).WithName("ExcludeCheck")
            .WithSummary("Declares the check not applicable (workspace-wide or for one system) with a required justification, and re-evaluates.");
    }

    private static async Task<IResult> UploadAttestationAsync(
        string checkId,
        HttpRequest request,
        ControlCatalog catalog,
        AttestationRecorder recorder,
        ControlsDbContext db,
        IOptions<ActionOptions> options,
        CancellationToken cancellationToken)
    {
        var check = catalog.FindCheck(checkId);
        if (check is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown check", detail: $"The catalog has no check '{checkId}'.");
        }

        if (check.Type != CheckType.Attested)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an attested check",
                detail: $"'{checkId}' is measured automatically from live platform state; it does not accept uploaded evidence.");
        }

        var limit = options.Value.MaxUploadBytes;
        var (form, problem) = await BoundedForm.ReadAsync(request, limit, "Send multipart/form-data with the fields file, title, owner and optionally validUntil.", cancellationToken);
        if (form is null)
        {
            return problem!;
        }

        var file = form.Files.GetFile("file");
        var errors = new Dictionary<string, string[]>();
        var title = form["title"].ToString().Trim();
        var owner = form["owner"].ToString().Trim();
        if (file is null || file.Length == 0)
        {
            errors["file"] = ["A non-empty file is required."];
        }

        if (title.Length is 0 or > 300)
        {
            errors["title"] = ["Title is required (at most 300 characters)."];
        }

        if (owner.Length is 0 or > 200)
        {
            errors["owner"] = ["Owner is required (at most 200 characters): the person accountable for this evidence."];
        }

        DateTime? validUntil = null;
        var validUntilText = form["validUntil"].ToString().Trim();
        if (validUntilText.Length > 0)
        {
            if (!DateTimeOffset.TryParse(validUntilText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
            {
                errors["validUntil"] = ["ValidUntil must be an ISO 8601 date or date-time."];
            }
            else
            {
                validUntil = parsed.UtcDateTime;
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The upload is incomplete");
        }

        using var buffer = new MemoryStream((int)file!.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        var fileName = Path.GetFileName(file.FileName);
        var upload = new AttestationUpload(
            title,
            owner,
            validUntil,
            fileName.Length is > 0 and <= 300 ? fileName : "upload",
            string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType[..Math.Min(file.ContentType.Length, 200)],
            buffer.ToArray());
        var attestation = await recorder.RecordAsync(check, upload, cancellationToken);

        var status = await db.CheckEvaluations.Where(e => e.IsCurrent && e.CheckId == check.Id && e.SystemId == null)
            .Select(e => (CheckStatus?)e.Status).SingleOrDefaultAsync(cancellationToken) ?? CheckStatus.NeedsEvidence;
        return TypedResults.Created(
            $"/odata/Evidence({attestation.EvidenceRecordId})",
            new AttestationCreated(attestation.Id, check.Id, attestation.Title, attestation.Owner, attestation.ValidUntil, attestation.EvidenceRecordId, attestation.FileSha256, status));
    }

    private static async Task<Results<Created<ExclusionCreated>, ValidationProblem, ProblemHttpResult>> ExcludeAsync(
        string checkId,
        ExclusionRequest request,
        ControlCatalog catalog,
        ControlsDbContext db,
        ICallerContext caller,
        EvaluationService evaluation,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var check = catalog.FindCheck(checkId);
        if (check is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown check", detail: $"The catalog has no check '{checkId}'.");
        }

        var justification = request.Justification?.Trim() ?? string.Empty;
        if (justification.Length is 0 or > 4000)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["justification"] = ["A justification is required (at most 4000 characters): the Statement of Applicability carries it."] },
                title: "The exclusion needs a justification");
        }

        if (request.SystemId is { } systemId)
        {
            if (check.Type == CheckType.Attested)
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["systemId"] = ["Attested checks apply to the whole workspace; exclude them without a systemId."] },
                    title: "The exclusion cannot apply to one system");
            }

            if (!await db.Systems.AnyAsync(s => s.Id == systemId, cancellationToken))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown system", detail: $"System {systemId} does not exist in this workspace.");
            }
        }

        var exclusion = new Exclusion
        {
            WorkspaceId = caller.WorkspaceId!.Value,
            CheckId = check.Id,
            SystemId = request.SystemId,
            Justification = justification,
            ExcludedBy = caller.Caller,
            ExcludedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Exclusions.Add(exclusion);
        await db.SaveChangesAsync(cancellationToken);
        await evaluation.EvaluateWorkspaceAsync(cancellationToken);
        return TypedResults.Created(
            $"/odata/Checks('{Uri.EscapeDataString(check.Id)}')",
            new ExclusionCreated(exclusion.Id, exclusion.CheckId, exclusion.SystemId, exclusion.Justification, exclusion.ExcludedBy, exclusion.ExcludedAt));
    }
}
