using System.Text.Json;
using Controls.Compliance.Persistence;
using Controls.Compliance.Training;
using Microsoft.EntityFrameworkCore;

namespace Controls.Api.Actions;

/// <summary>A field an import reads, the header spellings recognised for it (normalised: lower case, letters and digits).</summary>
public sealed record ImportField(string Name, bool Required, params string[] Headers);

/// <summary>
/// Which column of an uploaded table feeds which field: the user's choice first, then the mapping the workspace
/// used last time for the same purpose (remembered in <see cref="ImportColumnMapping"/>), then the common header
/// spellings. A chosen column the file lacks is an error, never silently replaced.
/// </summary>
public static class ImportColumns
{
    private static readonly SemaphoreSlim Imports = new(1, 1);

    /// <summary>
    /// Runs one import at a time in this process. An import reads what is stored (people, completions, the remembered
    /// mapping) and then writes; two at once would both insert the same mapping or completions and one would fail.
    /// </summary>
    public static async Task<T> OneAtATimeAsync<T>(Func<Task<T>> import, CancellationToken cancellationToken)
    {
        await Imports.WaitAsync(cancellationToken);
        try
        {
            return await import();
        }
        finally
        {
            Imports.Release();
        }
    }

    public static string Normalise(string header) => new([.. header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    /// <returns>Field → zero-based column, the mapping used (field → header as spelt in the file), or the error to answer with.</returns>
    public static (Dictionary<string, int>? Columns, Dictionary<string, string> Mapping, string? Error) Resolve(
        IReadOnlyList<string> header, IReadOnlyList<ImportField> fields, IReadOnlyDictionary<string, string?> chosen, IReadOnlyDictionary<string, string>? remembered)
    {
        var byHeader = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            byHeader.TryAdd(Normalise(header[i]), i);
        }

        var available = string.Join(", ", header.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => $"'{h.Trim()}'"));
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            int index;
            if (chosen.TryGetValue(field.Name, out var column) && !string.IsNullOrWhiteSpace(column))
            {
                if (!byHeader.TryGetValue(Normalise(column), out index))
                {
                    return (null, mapping, $"The column '{column.Trim()}' chosen for {field.Name} is not in the file's header row (columns: {available}).");
                }
            }
            else if (remembered?.GetValueOrDefault(field.Name) is { } last && byHeader.TryGetValue(Normalise(last), out index))
            {
            }
            else if (field.Headers.Select(h => byHeader.TryGetValue(h, out var i) ? i : -1).FirstOrDefault(i => i >= 0, -1) is var found and >= 0)
            {
                index = found;
            }
            else
            {
                if (field.Required)
                {
                    return (null, mapping, $"No column for {field.Name}: choose one (form field '{field.Name}Column'). The file's columns are {available}.");
                }

                continue;
            }

            columns[field.Name] = index;
            mapping[field.Name] = header[index].Trim();
        }

        var shared = columns.GroupBy(c => c.Value).FirstOrDefault(g => g.Count() > 1);
        return shared is not null
            ? (null, mapping, $"The column '{header[shared.Key].Trim()}' is mapped to both {string.Join(" and ", shared.Select(s => s.Key))}.")
            : (columns, mapping, null);
    }

    public static async Task<Dictionary<string, string>?> RememberedAsync(ControlsDbContext db, string purpose, CancellationToken cancellationToken)
    {
        var json = await db.ImportColumnMappings.AsNoTracking().Where(m => m.Purpose == purpose).Select(m => m.ColumnsJson).SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);
    }

    /// <summary>Stages the mapping for the next import of the same purpose (saved with the caller's changes).</summary>
    public static async Task RememberAsync(ControlsDbContext db, int workspaceId, string purpose, Dictionary<string, string> mapping, string caller, DateTime now, CancellationToken cancellationToken)
    {
        var entry = await db.ImportColumnMappings.SingleOrDefaultAsync(m => m.Purpose == purpose, cancellationToken);
        var json = JsonSerializer.Serialize(mapping);
        if (entry is null)
        {
            db.ImportColumnMappings.Add(new ImportColumnMapping { WorkspaceId = workspaceId, Purpose = purpose, ColumnsJson = json, UpdatedAt = now, UpdatedBy = caller });
        }
        else
        {
            entry.ColumnsJson = json;
            entry.UpdatedAt = now;
            entry.UpdatedBy = caller;
        }
    }

    /// <summary>The cells of a row by field (missing trailing cells read as empty).</summary>
    public static Dictionary<string, string> Cells(TableRow row, Dictionary<string, int> columns)
    {
        var cells = new Dictionary<string, string>(columns.Count, StringComparer.Ordinal);
        foreach (var (field, index) in columns)
        {
            cells[field] = index < row.Cells.Count ? row.Cells[index].Trim() : string.Empty;
        }

        return cells;
    }
}
