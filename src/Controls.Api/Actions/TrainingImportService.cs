using System.Text.Json;
using Controls.Compliance.Catalog;
using Controls.Compliance.People;
using Controls.Compliance.Persistence;
using Controls.Compliance.Training;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Controls.Api.Actions;

/// <summary>The result of an import: the stored import, or why the file as a whole was refused (nothing changed).</summary>
public sealed record TrainingImportOutcome(TrainingImport? Import, string? Problem);

/// <summary>
/// Imports an LMS export of training completions row by row. Each row names a person (key, primary e-mail or an
/// e-mail alias), a catalog module (id or title) and a completion date; rows that cannot be tied to exactly one
/// person and one module, or carry no past date, are rejected with the reason and stored with the import. Accepted
/// rows are stored even when others are rejected; a completion already recorded (same person, module and day) is
/// counted, not stored twice. Everything is written in one transaction from lookups loaded once, so a 50,000-row
/// export costs a handful of queries rather than one per row.
/// </summary>
public sealed class TrainingImportService(ControlsDbContext db, ICallerContext caller, ControlCatalog catalog, TimeProvider time)
{
    public const string MappingPurpose = "training-completions";
    public const string Person = "person";
    public const string Module = "module";
    public const string CompletedOn = "completedOn";

    public static readonly IReadOnlyList<ImportField> Fields =
    [
        new(Person, true, "email", "useremail", "emailaddress", "learneremail", "employeeemail", "workemail", "person", "personkey", "user", "learner", "employee", "employeeid"),
        new(Module, true, "module", "moduleid", "course", "coursename", "coursetitle", "training", "trainingmodule", "title"),
        new(CompletedOn, true, "completedon", "completed", "completiondate", "completedat", "datecompleted", "completeddate", "date", "finished", "finishedon"),
    ];

    public async Task<TrainingImportOutcome> ImportAsync(
        string fileName, string format, string sha256, TableRow header, IReadOnlyList<TableRow> rows, IReadOnlyDictionary<string, string?> chosen, CancellationToken cancellationToken)
    {
        var workspaceId = caller.WorkspaceId ?? throw new InvalidOperationException("An import needs a workspace.");
        var remembered = await ImportColumns.RememberedAsync(db, MappingPurpose, cancellationToken);
        var (columns, mapping, error) = ImportColumns.Resolve(header.Cells, Fields, chosen, remembered);
        if (columns is null)
        {
            return new TrainingImportOutcome(null, error);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var people = await PeopleLookupAsync(cancellationToken);
        var modules = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var module in catalog.TrainingModules)
        {
            modules.TryAdd(module.Id, module.Id);
            modules.TryAdd(module.Title, module.Id);
        }

        var stored = (await db.TrainingCompletions.AsNoTracking().Select(c => new { c.PersonKey, c.ModuleId, c.CompletedOn }).ToListAsync(cancellationToken))
            .Select(c => (c.PersonKey.ToLowerInvariant(), c.ModuleId, c.CompletedOn))
            .ToHashSet();
        var import = new TrainingImport
        {
            WorkspaceId = workspaceId,
            FileName = fileName.Length > 260 ? fileName[..260] : fileName,
            Format = format,
            FileSha256 = sha256,
            MappingJson = JsonSerializer.Serialize(mapping),
            ImportedAt = now,
            ImportedBy = caller.Caller,
            Rows = rows.Count,
        };
        var accepted = new List<TrainingCompletionEntry>();
        var spreadsheet = format == "xlsx";
        foreach (var row in rows)
        {
            var cells = ImportColumns.Cells(row, columns);
            var reason = Validate(cells, people, modules, spreadsheet, today, out var completion);
            if (reason is not null)
            {
                import.Rejections.Add(new TrainingImportRejection
                {
                    WorkspaceId = workspaceId,
                    RowNumber = row.Number,
                    Reason = Truncate(reason, 1000),
                    Values = Truncate(JsonSerializer.Serialize(cells), 4000),
                });
                continue;
            }

            if (!stored.Add((completion.PersonKey.ToLowerInvariant(), completion.ModuleId, completion.CompletedOn)))
            {
                import.AlreadyRecorded++;
                continue;
            }

            accepted.Add(new TrainingCompletionEntry
            {
                WorkspaceId = workspaceId,
                PersonKey = completion.PersonKey,
                ModuleId = completion.ModuleId,
                CompletedOn = completion.CompletedOn,
                RowNumber = row.Number,
                RecordedAt = now,
            });
        }

        import.Accepted = accepted.Count;
        import.Rejected = import.Rejections.Count;
        await ImportColumns.RememberAsync(db, workspaceId, MappingPurpose, mapping, caller.Caller, now, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.TrainingImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var entry in accepted)
        {
            entry.ImportId = import.Id;
        }

        var inserted = await InsertAsync(accepted, import.Id, cancellationToken);
        if (inserted < accepted.Count)
        {
            // Another import stored some of the same completions after this one read what was stored.
            import.AlreadyRecorded += accepted.Count - inserted;
            import.Accepted = inserted;
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        return new TrainingImportOutcome(import, null);
    }

    /// <summary>
    /// Inserts the accepted completions with one prepared statement in the caller's transaction. Change tracking
    /// tens of thousands of rows (and reading back each generated id) cost several times the insert itself; the
    /// values are bound as the provider binds them for EF (DateOnly as yyyy-MM-dd, DateTime as ISO text). A row the
    /// unique index already holds (an import running at the same time stored it) is skipped, not an error; the
    /// count returned is what was really inserted.
    /// </summary>
    private async Task<int> InsertAsync(List<TrainingCompletionEntry> accepted, int importId, CancellationToken cancellationToken)
    {
        if (accepted.Count == 0)
        {
            return 0;
        }

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """
            INSERT INTO "TrainingCompletions" ("WorkspaceId", "PersonKey", "ModuleId", "CompletedOn", "ImportId", "RowNumber", "RecordedAt")
            VALUES ($workspace, $person, $module, $completedOn, $import, $row, $recordedAt)
            ON CONFLICT DO NOTHING
            """;
        var workspace = Parameter(command, "$workspace");
        var person = Parameter(command, "$person");
        var module = Parameter(command, "$module");
        var completedOn = Parameter(command, "$completedOn");
        var import = Parameter(command, "$import");
        var row = Parameter(command, "$row");
        var recordedAt = Parameter(command, "$recordedAt");
        await command.PrepareAsync(cancellationToken);
        var inserted = 0;
        foreach (var entry in accepted)
        {
            workspace.Value = entry.WorkspaceId;
            person.Value = entry.PersonKey;
            module.Value = entry.ModuleId;
            completedOn.Value = entry.CompletedOn;
            import.Value = importId;
            row.Value = entry.RowNumber is { } number ? number : DBNull.Value;
            recordedAt.Value = entry.RecordedAt;
            inserted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return inserted;
    }

    private static System.Data.Common.DbParameter Parameter(System.Data.Common.DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static string? Validate(
        Dictionary<string, string> cells, PeopleLookup people, Dictionary<string, string> modules, bool spreadsheet, DateOnly today, out TrainingCompletion completion)
    {
        completion = null!;
        var who = cells[Person];
        var what = cells[Module];
        var when = cells[CompletedOn];
        var problems = new List<string>();
        string? personKey = null;
        if (who.Length == 0)
        {
            problems.Add("No person given.");
        }
        else
        {
            var candidates = people.Find(who);
            if (candidates.Count == 0)
            {
                problems.Add($"'{who}' is not in the people directory (by key, primary e-mail or e-mail alias).");
            }
            else if (candidates.Count > 1)
            {
                problems.Add($"'{who}' matches several people ({string.Join(", ", candidates)}); give the person's key instead.");
            }
            else
            {
                personKey = candidates[0];
            }
        }

        string? moduleId = null;
        if (what.Length == 0)
        {
            problems.Add("No module given.");
        }
        else if (!modules.TryGetValue(what, out moduleId))
        {
            problems.Add($"'{what}' is not a training module of the catalog (by id or title).");
        }

        DateOnly date = default;
        if (when.Length == 0)
        {
            problems.Add("No completion date given.");
        }
        else if (!ImportDates.TryParse(when, spreadsheet, out date, out var dateError))
        {
            problems.Add(dateError!);
        }
        else if (date > today)
        {
            problems.Add($"The completion date {date:yyyy-MM-dd} is in the future.");
        }

        if (problems.Count > 0)
        {
            return string.Join(" ", problems);
        }

        completion = new TrainingCompletion(personKey!, moduleId!, date);
        return null;
    }

    private async Task<PeopleLookup> PeopleLookupAsync(CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().Select(p => new { p.Key, p.PrimaryEmail, p.Aliases }).ToListAsync(cancellationToken);
        var lookup = new PeopleLookup();
        foreach (var person in people)
        {
            lookup.Add(person.Key, person.Key);
            if (PersonDirectory.NormaliseEmail(person.PrimaryEmail) is { } primary)
            {
                lookup.Add(primary, person.Key);
            }

            foreach (var alias in person.Aliases)
            {
                if (PersonDirectory.NormaliseEmail(alias) is { } email)
                {
                    lookup.Add(email, person.Key);
                }
            }
        }

        return lookup;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>Person keys by key and normalised e-mail; a value two people share is reported, never guessed.</summary>
    private sealed class PeopleLookup
    {
        private readonly Dictionary<string, List<string>> _keys = new(StringComparer.OrdinalIgnoreCase);

        public void Add(string value, string key)
        {
            if (!_keys.TryGetValue(value, out var keys))
            {
                _keys[value] = keys = [];
            }

            if (!keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                keys.Add(key);
            }
        }

        public List<string> Find(string value)
        {
            if (_keys.TryGetValue(value.Trim(), out var byKey) && byKey.Count == 1 && string.Equals(byKey[0], value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return byKey;
            }

            var email = PersonDirectory.NormaliseEmail(value);
            var found = new List<string>();
            if (_keys.TryGetValue(value.Trim(), out var exact))
            {
                found.AddRange(exact);
            }

            if (email is not null && _keys.TryGetValue(email, out var byEmail))
            {
                found.AddRange(byEmail.Where(k => !found.Contains(k, StringComparer.OrdinalIgnoreCase)));
            }

            return found;
        }
    }
}
