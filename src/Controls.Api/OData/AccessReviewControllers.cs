using Controls.Compliance.AccessReviews;
using Controls.Compliance.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace Controls.Api.OData;

/// <summary>An access-review campaign as the feed shows it (started, decided and signed off through /api/access-reviews).</summary>
public sealed class AccessReviewCampaignReadModel
{
    public int Id { get; set; }

    public int SystemId { get; set; }

    public required string SystemKind { get; set; }

    public required string SystemName { get; set; }

    public required string Title { get; set; }

    public required string Owner { get; set; }

    public required string Trigger { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime DueAt { get; set; }

    public long AccountsRunId { get; set; }

    public DateTime AccountsCollectedAt { get; set; }

    public DateTime? SignedOffAt { get; set; }

    public string? SignedOffBy { get; set; }

    public string? SignOffStatement { get; set; }
}

/// <summary>One account in a campaign with the reviewer's decision and whether a later collection verified it.</summary>
public sealed class AccessReviewItemReadModel
{
    public int Id { get; set; }

    public int CampaignId { get; set; }

    public required string AccountKey { get; set; }

    public required string Login { get; set; }

    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public required string Role { get; set; }

    public bool Privileged { get; set; }

    public bool Active { get; set; }

    public DateTime? LastActivityAt { get; set; }

    public string? PersonKey { get; set; }

    public string? Owner { get; set; }

    public bool NewSinceLastReview { get; set; }

    /// <summary>Keep, Revoke or Change; null while undecided.</summary>
    public AccessDecision? Decision { get; set; }

    public string? ChangeTo { get; set; }

    public string? Justification { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    public DateTime? VerifiedAt { get; set; }

    public long? VerifiedByRunId { get; set; }
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class AccessReviewCampaignsController(ControlsDbContext db) : ODataController
{
    [HttpGet("odata/AccessReviewCampaigns")]
    [ControlsQuery]
    public IQueryable<AccessReviewCampaignReadModel> Get() => Query();

    [HttpGet("odata/AccessReviewCampaigns({key})")]
    [ControlsQuery]
    public SingleResult<AccessReviewCampaignReadModel> Get(int key) => SingleResult.Create(Query().Where(c => c.Id == key));

    private IQueryable<AccessReviewCampaignReadModel> Query() => db.AccessReviewCampaigns.AsNoTracking().Select(c => new AccessReviewCampaignReadModel
    {
        Id = c.Id,
        SystemId = c.SystemId,
        SystemKind = c.SystemKind,
        SystemName = c.SystemName,
        Title = c.Title,
        Owner = c.Owner,
        Trigger = c.Trigger,
        CreatedAt = c.CreatedAt,
        CreatedBy = c.CreatedBy,
        DueAt = c.DueAt,
        AccountsRunId = c.AccountsRunId,
        AccountsCollectedAt = c.AccountsCollectedAt,
        SignedOffAt = c.SignedOffAt,
        SignedOffBy = c.SignedOffBy,
        SignOffStatement = c.SignOffStatement,
    });
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class AccessReviewItemsController(ControlsDbContext db) : ODataController
{
    [HttpGet("odata/AccessReviewItems")]
    [ControlsQuery]
    public IQueryable<AccessReviewItemReadModel> Get() => Query();

    [HttpGet("odata/AccessReviewItems({key})")]
    [ControlsQuery]
    public SingleResult<AccessReviewItemReadModel> Get(int key) => SingleResult.Create(Query().Where(i => i.Id == key));

    private IQueryable<AccessReviewItemReadModel> Query() => db.AccessReviewItems.AsNoTracking().Select(i => new AccessReviewItemReadModel
    {
        Id = i.Id,
        CampaignId = i.CampaignId,
        AccountKey = i.AccountKey,
        Login = i.Login,
        Email = i.Email,
        DisplayName = i.DisplayName,
        Role = i.Role,
        Privileged = i.Privileged,
        Active = i.Active,
        LastActivityAt = i.LastActivityAt,
        PersonKey = i.PersonKey,
        Owner = i.Owner,
        NewSinceLastReview = i.NewSinceLastReview,
        Decision = i.Decision,
        ChangeTo = i.ChangeTo,
        Justification = i.Justification,
        DecidedBy = i.DecidedBy,
        DecidedAt = i.DecidedAt,
        VerifiedAt = i.VerifiedAt,
        VerifiedByRunId = i.VerifiedByRunId,
    });
}
