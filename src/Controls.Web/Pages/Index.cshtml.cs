using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Web.Posture;
using Controls.Web.Workspaces;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Pages;

/// <summary>The dashboard: posture per framework, collection health per system, and the gaps that matter most.</summary>
public sealed class IndexModel(
    PostureReader postureReader,
    SystemsReader systemsReader,
    ControlsDbContext db,
    ControlCatalog catalog,
    CurrentWorkspace current) : PageModel
{
    private const int TopGapCount = 10;

    public CurrentWorkspace Current => current;

    public PostureSnapshot Posture { get; private set; } = null!;

    public IReadOnlyList<FrameworkPosture> Frameworks { get; private set; } = [];

    public IReadOnlyList<SystemState> Systems { get; private set; } = [];

    public IReadOnlyList<Gap> TopGaps { get; private set; } = [];

    public GapTotals Totals { get; private set; } = GapTotals.Of([]);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Posture = await postureReader.LoadAsync(cancellationToken);
        Frameworks = FrameworkOrder.Of(catalog).Select(Posture.FrameworkPosture).ToList();
        Systems = await systemsReader.LoadAsync(cancellationToken);
        var gaps = await db.Gaps.AsNoTracking().ToListAsync(cancellationToken);
        Totals = GapTotals.Of(gaps);
        TopGaps = GapReading.InPriorityOrder(gaps).Take(TopGapCount).ToList();
    }
}
