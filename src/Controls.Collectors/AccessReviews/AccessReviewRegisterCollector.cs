using Controls.Collectors.Registers;
using Controls.Compliance.AccessReviews;
using Controls.Compliance.Collection;
using Controls.Compliance.People;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;

namespace Controls.Collectors.AccessReviews;

public static class AccessReviewRegister
{
    /// <summary>One item per system: its campaigns with every item, decision and sign-off.</summary>
    public const string CampaignsKind = "access-reviews.campaigns";

    /// <summary>One item: the systems in scope (every enabled system that yields accounts) when the register was recorded.</summary>
    public const string ScopeKind = "access-reviews.scope";

    public const string ScopeSubject = "register";
    public const string TriggerAfterChange = "access-review-change";
    public const string TriggerAfterCollection = "after-platform-collection";

    public static readonly RegisterSystemSpec System = new(SystemKinds.AccessReviewRegister, "access-review-register", "Access-review register");

    public static string SubjectFor(string systemKind, string systemName) => $"{systemKind}/{systemName}";
}

public sealed record ScopeSystemEvidence(int Id, string Kind, string Name);

public sealed record AccessReviewScopeEvidence(IReadOnlyList<ScopeSystemEvidence> Systems);

public sealed record ReviewItemEvidence(
    int Id,
    string AccountKey,
    string Login,
    string? Email,
    string? DisplayName,
    string Role,
    bool Privileged,
    bool Active,
    DateTime? LastActivityAt,
    string? PersonKey,
    string? Owner,
    bool NewSinceLastReview,
    string? Decision,
    string? ChangeTo,
    string? Justification,
    string? DecidedBy,
    DateTime? DecidedAt,
    DateTime? VerifiedAt,
    long? VerifiedByRunId);

public sealed record ReviewCampaignEvidence(
    int Id,
    string Title,
    string Owner,
    string Trigger,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime DueAt,
    long AccountsRunId,
    DateTime AccountsCollectedAt,
    DateTime? SignedOffAt,
    string? SignedOffBy,
    string? SignOffStatement,
    IReadOnlyList<ReviewItemEvidence> Items);

public sealed record SystemReviewsEvidence(int SystemId, string SystemKind, string SystemName, bool InScope, IReadOnlyList<ReviewCampaignEvidence> Campaigns)
{
    public IReadOnlyList<ReviewCampaignState> ToStates() =>
        [.. Campaigns.Select(c => new ReviewCampaignState(
            c.Id, SystemId, SystemName, c.CreatedAt, c.SignedOffAt,
            [.. c.Items.Select(i => new ReviewItemState(
                i.AccountKey, i.Login, i.Role, i.Privileged,
                Enum.TryParse<AccessDecision>(i.Decision, out var d) ? d : null, i.ChangeTo, i.DecidedAt, i.VerifiedAt))],
            c.DueAt))];
}

/// <summary>
/// Records the workspace's access reviews as evidence: per system every campaign, each account's decision with its
/// justification, who decided and when, the owner's sign-off and the collection that verified each revocation.
/// Collected daily, after every decision and sign-off, and after every collection of an account-yielding platform.
/// </summary>
public sealed class AccessReviewRegisterCollector(ControlsDbContext db, AccountInventory inventory) : ICollector
{
    public string SystemKind => SystemKinds.AccessReviewRegister;

    public async Task CollectAsync(CollectionContext context, CancellationToken cancellationToken)
    {
        var kinds = inventory.Kinds.ToList();
        var inScope = await db.Systems.AsNoTracking().Where(s => s.Enabled && kinds.Contains(s.Kind)).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var campaigns = await db.AccessReviewCampaigns.AsNoTracking().Include(c => c.Items).AsSplitQuery().OrderBy(c => c.Id).ToListAsync(cancellationToken);

        context.Record(AccessReviewRegister.ScopeKind, AccessReviewRegister.ScopeSubject,
            new AccessReviewScopeEvidence([.. inScope.Select(s => new ScopeSystemEvidence(s.Id, s.Kind, s.Name))]));

        var systems = inScope.Select(s => (s.Id, s.Kind, s.Name, InScope: true))
            .Concat(campaigns.Where(c => inScope.All(s => s.Id != c.SystemId)).Select(c => (Id: c.SystemId, Kind: c.SystemKind, Name: c.SystemName, InScope: false)))
            .DistinctBy(s => s.Id);
        foreach (var system in systems)
        {
            context.Record(AccessReviewRegister.CampaignsKind, AccessReviewRegister.SubjectFor(system.Kind, system.Name), new SystemReviewsEvidence(
                system.Id, system.Kind, system.Name, system.InScope,
                [.. campaigns.Where(c => c.SystemId == system.Id).Select(ToEvidence)]));
        }
    }

    private static ReviewCampaignEvidence ToEvidence(AccessReviewCampaign c) => new(
        c.Id, c.Title, c.Owner, c.Trigger, c.CreatedAt, c.CreatedBy, c.DueAt, c.AccountsRunId, c.AccountsCollectedAt, c.SignedOffAt, c.SignedOffBy, c.SignOffStatement,
        [.. c.Items.OrderBy(i => i.Login, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.Id).Select(i => new ReviewItemEvidence(
            i.Id, i.AccountKey, i.Login, i.Email, i.DisplayName, i.Role, i.Privileged, i.Active, i.LastActivityAt, i.PersonKey, i.Owner, i.NewSinceLastReview,
            i.Decision?.ToString(), i.ChangeTo, i.Justification, i.DecidedBy, i.DecidedAt, i.VerifiedAt, i.VerifiedByRunId))]);
}
