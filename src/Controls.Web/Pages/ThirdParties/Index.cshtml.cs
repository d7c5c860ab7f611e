using Controls.Compliance.Persistence;
using Controls.Compliance.ThirdParty;
using Controls.Web.Workspaces;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Pages.ThirdParties;

/// <summary>
/// The third-party inventory as the latest register run recorded it (the same ledger records the checks judged)
/// and the vendor register as it stands now.
/// </summary>
public sealed class IndexModel(ThirdPartyInventoryReader reader, ControlsDbContext db, CurrentWorkspace current) : PageModel
{
    public CurrentWorkspace Current => current;

    public InventoryView Inventory { get; private set; } = new([], [], null);

    public IReadOnlyList<Vendor> Vendors { get; private set; } = [];

    /// <summary>The day due dates are judged against: the inventory's recording day, like the checks.</summary>
    public DateOnly? AsOf => Inventory.RecordedAt is { } at ? DateOnly.FromDateTime(at) : null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Inventory = await reader.ReadAsync(cancellationToken);
        var vendors = await db.Vendors.AsNoTracking().ToListAsync(cancellationToken);
        Vendors = [.. vendors.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public IEnumerable<InventoryItemRow> Items =>
        Inventory.Items
            .OrderBy(i => i.Vendor is not null && i.Approved)
            .ThenBy(i => i.System, StringComparer.Ordinal)
            .ThenBy(i => i.Name, StringComparer.OrdinalIgnoreCase);

    public bool IsOverdue(DateOnly? due) => due is { } d && AsOf is { } today && d < today;
}
