using Controls.Compliance.Catalog;
using Controls.Compliance.Incidents;
using Controls.Compliance.Notifications;
using Controls.Compliance.Persistence;
using Controls.Compliance.Readiness;
using Controls.Web.Workspaces;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Pages.Incidents;

/// <summary>Declared incidents with each notification they owe (deadline, state, who made it) and the notification table they follow.</summary>
public sealed class IndexModel(ControlsDbContext db, ControlCatalog catalog, CurrentWorkspace current, TimeProvider time, ReadinessReader readiness) : PageModel
{
    public CurrentWorkspace Current => current;

    public IReadOnlyList<Incident> Incidents { get; private set; } = [];

    public NotificationTable Table => catalog.Notifications;

    public DateTime Now { get; private set; }

    /// <summary>Incident-response readiness per surface, summarised above the incidents (details on /readiness).</summary>
    public IReadOnlyList<SurfaceReadinessResult> Readiness { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow().UtcDateTime;
        Readiness = await readiness.ReadAsync(cancellationToken);
        Incidents = await db.Incidents.AsNoTracking().Include(i => i.Notifications).OrderByDescending(i => i.AwareAt).ToListAsync(cancellationToken);
    }

    public static IEnumerable<IncidentNotification> Ordered(Incident incident) =>
        incident.Notifications.OrderBy(n => n.DueAt ?? DateTime.MaxValue).ThenBy(n => n.Id);
}
