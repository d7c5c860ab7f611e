using Controls.Compliance.Evidence;
using Controls.Compliance.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Controls.Api.Actions;

public sealed record ChainBreakResponse(int SystemId, long Sequence, long? RecordId, string Reason);

public sealed record VerificationResponse(bool Intact, int SystemsChecked, long RecordsChecked, ChainBreakResponse? FirstBreak);

public static class EvidenceEndpoints
{
    public static void MapEvidenceEndpoints(this RouteGroupBuilder api)
    {
        var evidence = api.MapGroup("/evidence").WithTags("Evidence");
        evidence.MapPost("/verify", VerifyAsync).WithName("VerifyEvidence")
            .WithSummary("Walks every evidence chain of the workspace and reports the first break (altered, missing or truncated records).");
        evidence.MapGet("/{id:long}/content", ContentAsync).WithName("GetEvidenceContent")
            .WithSummary("The canonical JSON an evidence record's SHA-256 covers.")
            .Produces<string>(StatusCodes.Status200OK, "application/json");
    }

    private static async Task<Ok<VerificationResponse>> VerifyAsync(EvidenceVerifier verifier, CancellationToken cancellationToken)
    {
        var report = await verifier.VerifyAsync(cancellationToken);
        var firstBreak = report.FirstBreak is { } b ? new ChainBreakResponse(b.SystemId, b.Sequence, b.RecordId, b.Reason) : null;
        return TypedResults.Ok(new VerificationResponse(report.Intact, report.SystemsChecked, report.RecordsChecked, firstBreak));
    }

    private static async Task<IResult> ContentAsync(long id, ControlsDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        // Both look-ups go through the workspace query filters: another workspace's record id is simply not found.
        var sha = await db.EvidenceRecords.Where(e => e.Id == id).Select(e => e.ContentSha256).SingleOrDefaultAsync(cancellationToken);
        var json = sha is null ? null : await db.EvidenceContents.Where(c => c.Sha256 == sha).Select(c => c.Json).SingleOrDefaultAsync(cancellationToken);
        if (json is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown evidence", detail: $"Evidence record {id} does not exist in this workspace.");
        }

        http.Response.Headers.ETag = $"\"{sha}\"";
        return TypedResults.Text(json, "application/json");
    }
}
