using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Web.Posture;
using Controls.Web.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Pages.Checks;

/// <summary>One check: what it measures and why, its parameters, its result on every system, findings and history.</summary>
public sealed class DetailModel(
    PostureReader postureReader,
    CheckDetailsReader detailsReader,
    ControlsDbContext db,
    ControlCatalog catalog,
    CurrentWorkspace current) : PageModel
{
    public CurrentWorkspace Current => current;

    public CheckDefinition? Check { get; private set; }

    public PostureSnapshot Posture { get; private set; } = null!;

    public CheckSection? Section { get; private set; }

    public CheckStatus Status { get; private set; }

    public IReadOnlyDictionary<string, string> Overrides { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<Exclusion> Exclusions { get; private set; } = [];

    public IReadOnlyList<(RequirementDefinition Requirement, CheckStatus Status)> Requirements { get; private set; } = [];

    public async Task OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Check = catalog.FindCheck(id);
        if (Check is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Posture = await postureReader.LoadAsync(cancellationToken);
        var details = await detailsReader.LoadAsync([Check], Posture, cancellationToken);
        Section = new CheckSection([Check], details, Posture, current.Workspace, ShowCheckColumn: false);
        Status = StatusRollup.Combine(details.Current.Select(Posture.StatusOf));
        Overrides = await db.ParameterOverrides.AsNoTracking()
            .Where(o => o.CheckId == id)
            .ToDictionaryAsync(o => o.Name, o => o.ValueJson, StringComparer.Ordinal, cancellationToken);
        Exclusions = await db.Exclusions.AsNoTracking().Where(e => e.CheckId == id).ToListAsync(cancellationToken);
        Requirements = Check.Evidences
            .Select(k => catalog.FindRequirement(k))
            .OfType<RequirementDefinition>()
            .Select(r => (r, Posture.StatusOf(r.Key)))
            .ToList();
    }

    public static string Window(TimeSpan window) =>
        window.TotalHours < 48 ? $"{window.TotalHours:0} hours" : $"{window.TotalDays:0} days";
}
