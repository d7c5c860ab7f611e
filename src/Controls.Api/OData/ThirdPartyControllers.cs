using Controls.Compliance.Persistence;
using Controls.Compliance.ThirdParty;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace Controls.Api.OData;

/// <summary>A vendor register entry as the feed shows it (the register itself is changed through /api/vendors).</summary>
public sealed class VendorReadModel
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public bool Approved { get; set; }

    public RiskTier RiskTier { get; set; }

    public string? Owner { get; set; }

    public bool DpaSigned { get; set; }

    public DateOnly? LastAssessmentOn { get; set; }

    public DateOnly? AssessmentDueOn { get; set; }

    public string? Notes { get; set; }

    public List<string> Matches { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class VendorsController(ControlsDbContext db) : ODataController
{
    [HttpGet("odata/Vendors")]
    [ControlsQuery]
    public IQueryable<VendorReadModel> Get() => Query();

    [HttpGet("odata/Vendors({key})")]
    [ControlsQuery]
    public SingleResult<VendorReadModel> Get(int key) => SingleResult.Create(Query().Where(v => v.Id == key));

    private IQueryable<VendorReadModel> Query() => db.Vendors.AsNoTracking().Select(v => new VendorReadModel
    {
        Id = v.Id,
        Name = v.Name,
        Approved = v.Approved,
        RiskTier = v.RiskTier,
        Owner = v.Owner,
        DpaSigned = v.DpaSigned,
        LastAssessmentOn = v.LastAssessmentOn,
        AssessmentDueOn = v.AssessmentDueOn,
        Notes = v.Notes,
        Matches = v.Matches,
        CreatedAt = v.CreatedAt,
        UpdatedAt = v.UpdatedAt,
    });
}

/// <summary>The inventory of the latest register run, computed from its ledger records (small: one row per installed item).</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class InventoryItemsController(ThirdPartyInventoryReader reader) : ODataController
{
    [HttpGet("odata/InventoryItems")]
    [ControlsQuery]
    public async Task<IQueryable<InventoryItemRow>> Get(CancellationToken cancellationToken) =>
        (await reader.ReadAsync(cancellationToken)).Items.AsQueryable();

    [HttpGet("odata/InventoryItems({key})")]
    [ControlsQuery]
    public async Task<SingleResult<InventoryItemRow>> Get(string key, CancellationToken cancellationToken) =>
        SingleResult.Create((await reader.ReadAsync(cancellationToken)).Items.Where(i => i.Id == key).AsQueryable());
}
