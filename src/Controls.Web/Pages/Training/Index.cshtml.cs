using System.Globalization;
using System.Text.Json;
using Controls.Compliance.Catalog;
using Controls.Compliance.Persistence;
using Controls.Compliance.Training;
using Controls.Web.Workspaces;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Pages.Training;

/// <summary>
/// Training coverage per module (against the training.coverage threshold) and per role, team and surface, the
/// overdue and never-trained lists, the LMS import form with the remembered column mapping, and the last imports
/// with their rejected rows.
/// </summary>
public sealed class IndexModel(TrainingStatusReader reader, ControlsDbContext db, ControlCatalog catalog, CurrentWorkspace current) : PageModel
{
    public const string CheckId = "training.coverage";

    public CurrentWorkspace Current => current;

    public TrainingStatus Status { get; private set; } = new(default, [], [], []);

    public double Threshold { get; private set; } = 95;

    public IReadOnlyDictionary<string, string> Mapping { get; private set; } = new Dictionary<string, string>();

    public const int ShownRejections = 200;

    public IReadOnlyList<TrainingImport> Imports { get; private set; } = [];

    public Dictionary<int, List<TrainingImportRejection>> Rejections { get; } = [];

    public IReadOnlyList<TrainingModuleDefinition> Modules => catalog.TrainingModules;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Status = await reader.ReadAsync(cancellationToken);
        var parameter = catalog.FindCheck(CheckId)?.Parameters.FirstOrDefault(p => p.Name == "threshold");
        var overridden = await db.ParameterOverrides.AsNoTracking().Where(o => o.CheckId == CheckId && o.Name == "threshold").Select(o => o.ValueJson).FirstOrDefaultAsync(cancellationToken);
        if ((overridden ?? parameter?.DefaultValue) is { } json && double.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold))
        {
            Threshold = threshold;
        }

        var mapping = await db.ImportColumnMappings.AsNoTracking().Where(m => m.Purpose == "training-completions").Select(m => m.ColumnsJson).FirstOrDefaultAsync(cancellationToken);
        Mapping = mapping is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(mapping) ?? [];
        Imports = await db.TrainingImports.AsNoTracking().OrderByDescending(i => i.Id).Take(5).ToListAsync(cancellationToken);
        foreach (var import in Imports.Where(i => i.Rejected > 0))
        {
            // An export of 50,000 bad rows must not load them all into the page.
            Rejections[import.Id] = await db.TrainingImportRejections.AsNoTracking()
                .Where(r => r.ImportId == import.Id).OrderBy(r => r.RowNumber).Take(ShownRejections).ToListAsync(cancellationToken);
        }
    }

    /// <summary>The threshold the check applies to a module: the catalog's per-module one, else the check's.</summary>
    public double ThresholdOf(string moduleId) => catalog.TrainingModules.FirstOrDefault(m => m.Id == moduleId)?.ThresholdOr(Threshold) ?? Threshold;

    public string Title(string moduleId) => catalog.TrainingModules.FirstOrDefault(m => m.Id == moduleId)?.Title ?? moduleId;

    public IEnumerable<CoverageFigure> Overall => Status.Figures.Where(f => f.Dimension == "all").OrderBy(f => f.Percent ?? 101).ThenBy(f => f.ModuleId, StringComparer.Ordinal);

    public IEnumerable<CoverageFigure> Breakdown =>
        Status.Figures.Where(f => f.Dimension != "all")
            .OrderBy(f => f.Dimension, StringComparer.Ordinal).ThenBy(f => f.Group, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.ModuleId, StringComparer.Ordinal);

    public IEnumerable<TrainingAssignment> InState(TrainingState state) =>
        Status.Assignments.Where(a => a.State == state).OrderBy(a => a.DueOn ?? DateOnly.MinValue).ThenBy(a => a.Person.Name, StringComparer.OrdinalIgnoreCase);

    public string MappedColumn(string field) => Mapping.GetValueOrDefault(field) ?? string.Empty;

    public static string Percent(double? percent) => percent is { } p ? p.ToString("0.#", CultureInfo.InvariantCulture) + " %" : "—";

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A rejected row's values ("person: x · module: y"), read from the JSON the import stored.</summary>
    public static string Values(string json)
    {
        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
            return string.Join(" · ", values.Select(v => $"{v.Key}: {(v.Value.Length == 0 ? "(empty)" : v.Value)}"));
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
