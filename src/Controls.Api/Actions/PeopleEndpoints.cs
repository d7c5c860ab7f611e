using Controls.Collectors.Training;
using Controls.Compliance.People;
using Controls.Compliance.Persistence;
using Controls.Compliance.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Controls.Api.Actions;

/// <summary>A person to create or change. Lists replace the stored list when given; dates are yyyy-MM-dd; fields left out keep their value on update.</summary>
public sealed record PersonRequest(
    string? Key,
    string? Name,
    string? Email,
    string? Team,
    IReadOnlyList<string>? Roles,
    IReadOnlyList<string>? Surfaces,
    IReadOnlyList<string>? Aliases,
    string? StartedOn,
    string? LeftOn);

public sealed record PersonResponse(
    string Key,
    string Name,
    string PrimaryEmail,
    string? Team,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Surfaces,
    IReadOnlyList<string> Aliases,
    DateOnly? StartedOn,
    DateOnly? LeftOn,
    DateTime UpdatedAt,
    string UpdatedBy)
{
    public static PersonResponse From(PersonEntry p) =>
        new(p.Key, p.Name, p.PrimaryEmail, p.Team, p.Roles, p.Surfaces, p.Aliases, p.StartedOn, p.LeftOn, p.UpdatedAt, p.UpdatedBy);
}

/// <summary>The import form: the file and, optionally, the column chosen for each field ("emailColumn", "nameColumn", …).</summary>
public sealed class PeopleImportForm
{
    public IFormFile? File { get; set; }

    public string? KeyColumn { get; set; }

    public string? EmailColumn { get; set; }

    public string? NameColumn { get; set; }

    public string? TeamColumn { get; set; }

    public string? RolesColumn { get; set; }

    public string? SurfacesColumn { get; set; }

    public string? AliasesColumn { get; set; }

    public string? StartedOnColumn { get; set; }

    public string? LeftOnColumn { get; set; }
}

public sealed record PeopleImportResult(int Accepted, int Created, int Updated, IReadOnlyList<RejectedRow> Rejected, IReadOnlyDictionary<string, string> Mapping, long? RegisterRunId);

public static class PeopleEndpoints
{
    public const string MappingPurpose = "people";

    public static void MapPeopleEndpoints(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");
        people.MapGet("/", ListAsync).WithName("ListPeople").WithSummary("Lists the workspace's people directory.");
        people.MapPost("/", UpsertAsync).WithName("UpsertPerson")
            .WithSummary("Creates a person, or changes the one with the same key (the normalised primary e-mail unless given), and re-collects the training register.");
        people.MapPut("/{key}", UpdateAsync).WithName("UpdatePerson")
            .WithSummary("Changes a person (fields left out keep their value) and re-collects the training register.");
        people.MapPost("/import", ImportAsync).WithName("ImportPeople")
            .WithSummary("Upserts people by key from a CSV or xlsx HR export; columns are chosen per field (…Column form fields), else the workspace's last mapping, else recognised headers. Valid rows are saved, each rejected row is listed with its reason.")
            .Accepts<PeopleImportForm>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)

            // No cookies or sessions exist to forge; cross-origin writes are refused by CrossOriginWriteGuard instead.
            .DisableAntiforgery();
    }

    private static async Task<Ok<List<PersonResponse>>> ListAsync(ControlsDbContext db, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().ToListAsync(cancellationToken);
        return TypedResults.Ok(people.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(PersonResponse.From).ToList());
    }

    private static async Task<Results<Ok<PersonResponse>, Created<PersonResponse>, ValidationProblem>> UpsertAsync(
        PersonRequest request, ControlsDbContext db, ICallerContext caller, TrainingRegisterService register, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = request.Key?.Trim() is { Length: > 0 } given ? given : PersonDirectory.NormaliseEmail(request.Email);
        var existing = key is null ? null : await db.People.SingleOrDefaultAsync(p => p.Key == key, cancellationToken);
        var (input, errors) = PersonFields.Read(existing is null ? PersonFields.NewPerson : PersonInput.From(existing), Fields(request));
        if (input is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The person cannot be saved");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var person = existing;
        if (person is null)
        {
            person = new PersonEntry { WorkspaceId = caller.WorkspaceId!.Value, Key = input.Key, Name = input.Name, PrimaryEmail = input.PrimaryEmail, CreatedAt = now, UpdatedBy = caller.Caller };
            db.People.Add(person);
        }

        input.ApplyTo(person, now, caller.Caller);
        await db.SaveChangesAsync(cancellationToken);
        await register.CollectAsync(cancellationToken);
        return existing is null
            ? TypedResults.Created($"/odata/People('{Uri.EscapeDataString(person.Key)}')", PersonResponse.From(person))
            : TypedResults.Ok(PersonResponse.From(person));
    }

    private static async Task<Results<Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string key, PersonRequest request, ControlsDbContext db, ICallerContext caller, TrainingRegisterService register, TimeProvider time, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Key == key, cancellationToken);
        if (person is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown person", detail: $"'{key}' is not in this workspace's people directory.");
        }

        var (input, errors) = PersonFields.Read(PersonInput.From(person), Fields(request));
        if (input is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The person cannot be saved");
        }

        input.ApplyTo(person, time.GetUtcNow().UtcDateTime, caller.Caller);
        await db.SaveChangesAsync(cancellationToken);
        await register.CollectAsync(cancellationToken);
        return TypedResults.Ok(PersonResponse.From(person));
    }

    private static async Task<IResult> ImportAsync(
        HttpRequest request, ControlsDbContext db, ICallerContext caller, TrainingRegisterService register, IOptions<ActionOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (upload, problem) = await Upload.ReadAsync(request, options.Value.MaxUploadBytes, "Send multipart/form-data with the field 'file' holding a .csv or .xlsx HR export.", cancellationToken);
        if (upload is null)
        {
            return problem!;
        }

        return await ImportColumns.OneAtATimeAsync(() => ImportRowsAsync(upload, db, caller, register, time, cancellationToken), cancellationToken);
    }

    private static async Task<IResult> ImportRowsAsync(
        Upload upload, ControlsDbContext db, ICallerContext caller, TrainingRegisterService register, TimeProvider time, CancellationToken cancellationToken)
    {
        var remembered = await ImportColumns.RememberedAsync(db, MappingPurpose, cancellationToken);
        var (columns, mapping, error) = ImportColumns.Resolve(upload.Header.Cells, PersonFields.ImportFields, upload.Chosen(PersonFields.ImportFields), remembered);
        if (columns is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The columns cannot be mapped", detail: $"{error} Nothing was changed.");
        }

        var existing = (await db.People.ToListAsync(cancellationToken)).ToDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var rejected = new List<RejectedRow>();
        var now = time.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0;
        foreach (var row in upload.DataRows)
        {
            var cells = ImportColumns.Cells(row, columns);
            var fields = cells.ToDictionary(c => c.Key, c => (string?)c.Value, StringComparer.Ordinal);
            var key = cells.GetValueOrDefault(PersonFields.Key) is { Length: > 0 } k ? k : PersonDirectory.NormaliseEmail(cells.GetValueOrDefault(PersonFields.Email));
            var label = key ?? cells.GetValueOrDefault(PersonFields.Name);
            if (key is not null && seen.TryGetValue(key, out var first))
            {
                rejected.Add(new RejectedRow(row.Number, label, $"'{key}' appears again; row {first} already imports this person."));
                continue;
            }

            var person = key is null ? null : existing.GetValueOrDefault(key);
            var (input, errors) = PersonFields.Read(person is null ? PersonFields.NewPerson : PersonInput.From(person), fields, upload.Spreadsheet);
            if (input is null)
            {
                rejected.Add(new RejectedRow(row.Number, label, string.Join(" ", errors.Values.SelectMany(v => v))));
                continue;
            }

            seen[input.Key] = row.Number;
            if (person is null)
            {
                person = new PersonEntry { WorkspaceId = caller.WorkspaceId!.Value, Key = input.Key, Name = input.Name, PrimaryEmail = input.PrimaryEmail, CreatedAt = now, UpdatedBy = caller.Caller };
                db.People.Add(person);
                existing[input.Key] = person;
                created++;
            }
            else
            {
                updated++;
            }

            input.ApplyTo(person, now, caller.Caller);
        }

        await ImportColumns.RememberAsync(db, caller.WorkspaceId!.Value, MappingPurpose, mapping, caller.Caller, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        long? runId = created + updated > 0 ? (await register.CollectAsync(cancellationToken)).Id : null;
        return TypedResults.Ok(new PeopleImportResult(created + updated, created, updated, rejected, mapping, runId));
    }

    private static Dictionary<string, string?> Fields(PersonRequest request)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                fields[name] = value;
            }
        }

        Add(PersonFields.Key, request.Key);
        Add(PersonFields.Name, request.Name);
        Add(PersonFields.Email, request.Email);
        Add(PersonFields.Team, request.Team);
        Add(PersonFields.Roles, request.Roles is null ? null : string.Join(';', request.Roles));
        Add(PersonFields.Surfaces, request.Surfaces is null ? null : string.Join(';', request.Surfaces));
        Add(PersonFields.Aliases, request.Aliases is null ? null : string.Join(';', request.Aliases));
        Add(PersonFields.StartedOn, request.StartedOn);
        Add(PersonFields.LeftOn, request.LeftOn);
        return fields;
    }
}
