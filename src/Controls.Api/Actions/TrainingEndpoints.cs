using System.Text.Json;
using Controls.Collectors.Training;
using Controls.Compliance.Persistence;
using Controls.Compliance.Training;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Controls.Api.Actions;

/// <summary>The import form: the LMS export and, optionally, the columns holding the person, module and completion date.</summary>
public sealed class TrainingImportForm
{
    public IFormFile? File { get; set; }

    public string? PersonColumn { get; set; }

    public string? ModuleColumn { get; set; }

    public string? CompletedOnColumn { get; set; }
}

public sealed record TrainingRejectionResponse(int Row, string Reason, IReadOnlyDictionary<string, string> Values);

public sealed record TrainingImportResponse(
    int Id,
    string FileName,
    string Format,
    DateTime ImportedAt,
    string ImportedBy,
    IReadOnlyDictionary<string, string> Mapping,
    int Rows,
    int Accepted,
    int AlreadyRecorded,
    int Rejected,
    IReadOnlyList<TrainingRejectionResponse>? Rejections,
    long? RegisterRunId = null)
{
    public static TrainingImportResponse From(TrainingImport i, bool withRejections, long? runId = null) =>
        new(i.Id, i.FileName, i.Format, i.ImportedAt, i.ImportedBy, Map(i.MappingJson), i.Rows, i.Accepted, i.AlreadyRecorded, i.Rejected,
            withRejections ? [.. i.Rejections.OrderBy(r => r.RowNumber).Select(r => new TrainingRejectionResponse(r.RowNumber, r.Reason, Map(r.Values)))] : null,
            runId);

    private static Dictionary<string, string> Map(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        }
        catch (JsonException)
        {
            // Values truncated to the column's length are no longer JSON; show them as they are.
            return new Dictionary<string, string> { ["raw"] = json };
        }
    }
}

public sealed record ImportMappingResponse(string Purpose, IReadOnlyDictionary<string, string> Columns, DateTime? UpdatedAt, string? UpdatedBy);

public static class TrainingEndpoints
{
    public static void MapTrainingEndpoints(this RouteGroupBuilder api)
    {
        var training = api.MapGroup("/training").WithTags("Training");
        training.MapPost("/imports", ImportAsync).WithName("ImportTrainingCompletions")
            .WithSummary("Imports an LMS export (CSV or xlsx) of completions row by row: accepted rows are stored, each rejected row is kept with its reason. Columns: personColumn, moduleColumn, completedOnColumn, else the workspace's last mapping, else recognised headers.")
            .Accepts<TrainingImportForm>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)

            // No cookies or sessions exist to forge; cross-origin writes are refused by CrossOriginWriteGuard instead.
            .DisableAntiforgery();
        training.MapGet("/imports", ListAsync).WithName("ListTrainingImports").WithSummary("Lists the workspace's training imports, newest first.");
        training.MapGet("/imports/{id:int}", GetAsync).WithName("GetTrainingImport").WithSummary("One training import with its rejected rows.");
        training.MapGet("/mapping", MappingAsync).WithName("GetTrainingMapping").WithSummary("The column mapping the next training import will use unless others are chosen.");
    }

    private static async Task<IResult> ImportAsync(
        HttpRequest request, TrainingImportService imports, TrainingRegisterService register, IOptions<ActionOptions> options, CancellationToken cancellationToken)
    {
        var (upload, problem) = await Upload.ReadAsync(request, options.Value.MaxUploadBytes, "Send multipart/form-data with the field 'file' holding a .csv or .xlsx LMS export.", cancellationToken);
        if (upload is null)
        {
            return problem!;
        }

        var outcome = await ImportColumns.OneAtATimeAsync(
            () => imports.ImportAsync(upload.FileName, upload.Format, upload.Sha256, upload.Header, upload.DataRows, upload.Chosen(TrainingImportService.Fields), cancellationToken),
            cancellationToken);
        if (outcome.Import is not { } import)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The columns cannot be mapped", detail: $"{outcome.Problem} Nothing was changed.");
        }

        long? runId = import.Accepted > 0 ? (await register.CollectAsync(cancellationToken)).Id : null;
        return TypedResults.Created($"/api/training/imports/{import.Id}", TrainingImportResponse.From(import, withRejections: true, runId));
    }

    private static async Task<Ok<List<TrainingImportResponse>>> ListAsync(ControlsDbContext db, CancellationToken cancellationToken)
    {
        var imports = await db.TrainingImports.AsNoTracking().OrderByDescending(i => i.Id).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(imports.Select(i => TrainingImportResponse.From(i, withRejections: false)).ToList());
    }

    private static async Task<Results<Ok<TrainingImportResponse>, ProblemHttpResult>> GetAsync(int id, ControlsDbContext db, CancellationToken cancellationToken)
    {
        var import = await db.TrainingImports.AsNoTracking().Include(i => i.Rejections).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        return import is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown import", detail: $"Training import {id} is not in this workspace.")
            : TypedResults.Ok(TrainingImportResponse.From(import, withRejections: true));
    }

    private static async Task<Ok<ImportMappingResponse>> MappingAsync(ControlsDbContext db, CancellationToken cancellationToken)
    {
        var entry = await db.ImportColumnMappings.AsNoTracking().SingleOrDefaultAsync(m => m.Purpose == TrainingImportService.MappingPurpose, cancellationToken);
        var columns = entry is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(entry.ColumnsJson) ?? [];
        return TypedResults.Ok(new ImportMappingResponse(TrainingImportService.MappingPurpose, columns, entry?.UpdatedAt, entry?.UpdatedBy));
    }
}
