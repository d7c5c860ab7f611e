using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Web.Posture;
using Controls.Web.Presentation;
using Controls.Web.Workspaces;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Pages.Gaps;

/// <summary>Every open gap (check × system not passing) with its estimate; filtered through the query string so a view can be shared as a link.</summary>
public sealed class IndexModel(ControlsDbContext db, ControlCatalog catalog, CurrentWorkspace current) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Framework { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Surface { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public CurrentWorkspace Current => current;

    public IReadOnlyList<FrameworkDefinition> Frameworks { get; private set; } = [];

    public IReadOnlyList<Gap> Gaps { get; private set; } = [];

    public GapTotals Totals { get; private set; } = GapTotals.Of([]);

    public int UnfilteredCount { get; private set; }

    public bool IsFiltered => !string.IsNullOrEmpty(Framework) || !string.IsNullOrEmpty(Surface) || StatusFilter is not null;

    public CheckStatus? StatusFilter => StatusDisplay.Parse(Status);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Frameworks = FrameworkOrder.Of(catalog).ToList();
        var all = await db.Gaps.AsNoTracking().ToListAsync(cancellationToken);
        UnfilteredCount = all.Count;

        IEnumerable<Gap> gaps = all;
        if (!string.IsNullOrEmpty(Framework))
        {
            gaps = gaps.Where(g => GapReading.Requirements(g).Any(r => r.FrameworkId == Framework));
        }

        if (!string.IsNullOrEmpty(Surface))
        {
            gaps = gaps.Where(g => GapReading.Surfaces(g).Contains(Surface, StringComparer.Ordinal));
        }

        if (StatusFilter is { } status)
        {
            gaps = gaps.Where(g => g.Status == status);
        }

        Gaps = GapReading.InPriorityOrder(gaps).ToList();
        Totals = GapTotals.Of(Gaps);
    }

    /// <summary>The blocked requirements to list for a gap: only the filtered framework's when one is chosen.</summary>
    public IEnumerable<RequirementKey> RequirementsShown(Gap gap) =>
        GapReading.Requirements(gap).Where(r => string.IsNullOrEmpty(Framework) || r.FrameworkId == Framework);
}
