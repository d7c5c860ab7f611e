using Controls.Collectors.ThirdParty;
using Controls.Compliance.Persistence;
using Controls.Compliance.ThirdParty;
using Controls.Compliance.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Controls.Api.Actions;

/// <summary>A vendor register entry to create or change. Dates are yyyy-MM-dd; fields left out keep their value on update.</summary>
public sealed record VendorRequest(
    string? Name,
    bool? Approved,
    string? RiskTier,
    string? Owner,
    bool? DpaSigned,
    string? LastAssessmentOn,
    string? AssessmentDueOn,
    string? Notes,
    IReadOnlyList<string>? Matches);

public sealed record VendorResponse(
    int Id,
    string Name,
    bool Approved,
    string RiskTier,
    string? Owner,
    bool DpaSigned,
    DateOnly? LastAssessmentOn,
    DateOnly? AssessmentDueOn,
    string? Notes,
    IReadOnlyList<string> Matches,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static VendorResponse From(Vendor v) =>
        new(v.Id, v.Name, v.Approved, v.RiskTier.ToString(), v.Owner, v.DpaSigned, v.LastAssessmentOn, v.AssessmentDueOn, v.Notes, v.Matches, v.CreatedAt, v.UpdatedAt);
}

/// <summary>The import form (documents the endpoint; the form is read by hand to enforce the size limit).</summary>
public sealed class VendorImportForm
{
    public IFormFile? File { get; set; }
}

public sealed record RejectedRow(int Row, string? Name, string Reason);

public sealed record VendorImportResult(int Accepted, int Created, int Updated, IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<string> IgnoredColumns, long? RegisterRunId);

public static class VendorEndpoints
{
    public static void MapVendorEndpoints(this RouteGroupBuilder api)
    {
        var vendors = api.MapGroup("/vendors").WithTags("Vendors");
        vendors.MapGet("/", ListAsync).WithName("ListVendors").WithSummary("Lists the workspace's vendor register.");
        vendors.MapPost("/", CreateAsync).WithName("CreateVendor")
            .WithSummary("Adds a vendor to the register (name unique per workspace) and re-collects the third-party register.");
        vendors.MapPut("/{id:int}", UpdateAsync).WithName("UpdateVendor")
            .WithSummary("Changes a vendor (fields left out keep their value) and re-collects the third-party register.");
        vendors.MapPost("/import", ImportAsync).WithName("ImportVendors")
            .WithSummary("Upserts vendors by name from a CSV or xlsx file whose header row names the columns; valid rows are saved, each rejected row is listed with its row number and reason.")
            .Accepts<VendorImportForm>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)

            // No cookies or sessions exist to forge; cross-origin writes are refused by CrossOriginWriteGuard instead.
            .DisableAntiforgery();
    }

    private static async Task<Ok<List<VendorResponse>>> ListAsync(ControlsDbContext db, CancellationToken cancellationToken)
    {
        var vendors = await db.Vendors.AsNoTracking().ToListAsync(cancellationToken);
        return TypedResults.Ok(vendors.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase).Select(VendorResponse.From).ToList());
    }

    private static async Task<Results<Created<VendorResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        VendorRequest request, ControlsDbContext db, ICallerContext caller, ThirdPartyRegisterService register, TimeProvider time, CancellationToken cancellationToken)
    {
        var (input, errors) = VendorFields.Read(VendorFields.NewVendor, Fields(request), request.Matches);
        if (input is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The vendor cannot be saved");
        }

        if (await db.Vendors.AnyAsync(v => v.Name == input.Name, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Vendor already registered",
                detail: $"A vendor named '{input.Name}' is already in the register; change it with PUT /api/vendors/{{id}}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var vendor = new Vendor { WorkspaceId = caller.WorkspaceId!.Value, Name = input.Name, CreatedAt = now };
        input.ApplyTo(vendor, now);
        db.Vendors.Add(vendor);
        await db.SaveChangesAsync(cancellationToken);
        await register.CollectAsync(ThirdPartyRegister.TriggerRegisterEdit, cancellationToken);
        return TypedResults.Created($"/odata/Vendors({vendor.Id})", VendorResponse.From(vendor));
    }

    private static async Task<Results<Ok<VendorResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        int id, VendorRequest request, ControlsDbContext db, ThirdPartyRegisterService register, TimeProvider time, CancellationToken cancellationToken)
    {
        var vendor = await db.Vendors.SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (vendor is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown vendor", detail: $"Vendor {id} is not in this workspace's register.");
        }

        var (input, errors) = VendorFields.Read(Baseline(vendor), Fields(request), request.Matches);
        if (input is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The vendor cannot be saved");
        }

        if (await db.Vendors.AnyAsync(v => v.Id != id && v.Name == input.Name, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Vendor already registered",
                detail: $"Another vendor is named '{input.Name}'.");
        }

        input.ApplyTo(vendor, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await register.CollectAsync(ThirdPartyRegister.TriggerRegisterEdit, cancellationToken);
        return TypedResults.Ok(VendorResponse.From(vendor));
    }

    private static async Task<IResult> ImportAsync(
        HttpRequest request,
        ControlsDbContext db,
        ICallerContext caller,
        ThirdPartyRegisterService register,
        IOptions<ActionOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxUploadBytes;
        var (form, problem) = await BoundedForm.ReadAsync(request, limit, "Send multipart/form-data with the field 'file' holding a .csv or .xlsx vendor list.", cancellationToken);
        if (form is null)
        {
            return problem!;
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["A non-empty .csv or .xlsx file is required."] }, title: "Nothing to import");
        }

        byte[] content;
        await using (var stream = file.OpenReadStream())
        using (var buffer = new MemoryStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }

        IReadOnlyList<TableRow> rows;
        try
        {
            rows = VendorTableReader.Read(file.FileName, file.ContentType, content);
        }
        catch (UnreadableTableException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The file cannot be read", detail: $"{ex.Message} Nothing was changed.");
        }

        var header = rows.FirstOrDefault(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c)));
        var columns = header?.Cells.Select(VendorFields.FieldForHeader).ToList() ?? [];
        if (header is null || !columns.Contains(VendorFields.Name))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No name column",
                detail: "The first row must name the columns, including one for the vendor's name (name, vendor or supplier). Nothing was changed.");
        }

        var duplicateColumns = columns.OfType<string>().GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicateColumns.Count > 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Ambiguous columns",
                detail: $"More than one column maps to {string.Join(", ", duplicateColumns)}. Nothing was changed.");
        }

        var ignored = header.Cells.Where((c, i) => columns[i] is null && !string.IsNullOrWhiteSpace(c)).ToList();
        var existing = (await db.Vendors.ToListAsync(cancellationToken)).ToDictionary(v => v.Name, StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var rejected = new List<RejectedRow>();
        var now = time.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0;
        foreach (var row in rows.Where(r => r.Number > header.Number && r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))))
        {
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i] is { } field)
                {
                    fields[field] = i < row.Cells.Count ? row.Cells[i] : string.Empty;
                }
            }

            var name = fields[VendorFields.Name]?.Trim();
            if (!string.IsNullOrEmpty(name) && seen.TryGetValue(name, out var first))
            {
                rejected.Add(new RejectedRow(row.Number, name, $"'{name}' appears again; row {first} already imports it."));
                continue;
            }

            var vendor = string.IsNullOrEmpty(name) ? null : existing.GetValueOrDefault(name);
            var (input, errors) = VendorFields.Read(vendor is null ? VendorFields.NewVendor : Baseline(vendor), fields);
            if (input is null)
            {
                rejected.Add(new RejectedRow(row.Number, string.IsNullOrEmpty(name) ? null : name, string.Join(" ", errors.Values.SelectMany(v => v))));
                continue;
            }

            if (vendor is not null)
            {
                // Upsert by name ignoring case: the register keeps the spelling it already has.
                input = input with { Name = vendor.Name };
            }

            seen[input.Name] = row.Number;
            if (vendor is null)
            {
                vendor = new Vendor { WorkspaceId = caller.WorkspaceId!.Value, Name = input.Name, CreatedAt = now };
                db.Vendors.Add(vendor);
                existing[input.Name] = vendor;
                created++;
            }
            else
            {
                updated++;
            }

            input.ApplyTo(vendor, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        long? runId = null;
        if (created + updated > 0)
        {
            runId = (await register.CollectAsync(ThirdPartyRegister.TriggerRegisterEdit, cancellationToken)).Id;
        }

        return TypedResults.Ok(new VendorImportResult(created + updated, created, updated, rejected, ignored, runId));
    }

    private static VendorInput Baseline(Vendor v) =>
        new(v.Name, v.Approved, v.RiskTier, v.Owner, v.DpaSigned, v.LastAssessmentOn, v.AssessmentDueOn, v.Notes, v.Matches);

    private static Dictionary<string, string?> Fields(VendorRequest request)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Add(string name, string? value, bool present)
        {
            if (present)
            {
                fields[name] = value;
            }
        }

        Add(VendorFields.Name, request.Name, request.Name is not null);
        Add(VendorFields.Approved, request.Approved is { } a ? (a ? "true" : "false") : null, request.Approved is not null);
        Add(VendorFields.RiskTier, request.RiskTier, request.RiskTier is not null);
        Add(VendorFields.Owner, request.Owner, request.Owner is not null);
        Add(VendorFields.DpaSigned, request.DpaSigned is { } d ? (d ? "true" : "false") : null, request.DpaSigned is not null);
        Add(VendorFields.LastAssessmentOn, request.LastAssessmentOn, request.LastAssessmentOn is not null);
        Add(VendorFields.AssessmentDueOn, request.AssessmentDueOn, request.AssessmentDueOn is not null);
        Add(VendorFields.Notes, request.Notes, request.Notes is not null);
        return fields;
    }
}
