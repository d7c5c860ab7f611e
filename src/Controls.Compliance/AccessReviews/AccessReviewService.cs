using Controls.Compliance.Collection;
using Controls.Compliance.People;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Controls.Compliance.AccessReviews;

public sealed class AccessReviewOptions
{
    public const string Section = "Controls:AccessReviews";

    /// <summary>How long reviewers have to decide and the owner to sign off after a campaign starts.</summary>
    public int DueDays { get; set; } = 14;

    /// <summary>When scheduled campaigns start (Quartz cron, UTC): the first day of each quarter at 06:00.</summary>
    public string Schedule { get; set; } = "0 0 6 1 1,4,7,10 ?";

    /// <summary>
    /// Optional extra round (Quartz cron, UTC) for systems with active privileged accounts only (org owners, store
    /// owners, Magento administrators), e.g. monthly; pair it with a shorter privilegedWindowDays on the check.
    /// </summary>
    public string? PrivilegedSchedule { get; set; }

    /// <summary>Who owns a scheduled campaign of a system never reviewed before (later ones keep the previous owner).</summary>
    public string DefaultOwner { get; set; } = "security-lead";
}

/// <summary>A request the access-review rules refuse (HTTP 400); the message says what to change.</summary>
public sealed class AccessReviewRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>A request that conflicts with the state of the campaign or the system (HTTP 409): an open campaign, unknown accounts, a signed-off campaign.</summary>
public sealed class AccessReviewConflictException(string message) : Exception(message);

/// <summary>
/// Runs access-review campaigns: creates one from a system's latest collected accounts, records each reviewer's
/// decision and the owner's sign-off, and marks decisions verified when a later collection shows them carried out.
/// Every change is made evidence by re-collecting the access-review register (the caller does that, see
/// <see cref="IRegisterCollection"/>), so the ledger holds who decided what, when.
/// </summary>
public sealed class AccessReviewService(
    ControlsDbContext db, ICallerContext caller, AccountInventory inventory, TimeProvider time, IOptions<AccessReviewOptions> options)
{
    public const string TriggerManual = "manual";
    public const string TriggerScheduled = "scheduled";

    public async Task<AccessReviewCampaign?> FindAsync(int id, CancellationToken cancellationToken) =>
        await db.AccessReviewCampaigns.Include(c => c.Items).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>Starts a campaign for the system from the accounts of its latest collection.</summary>
    /// <exception cref="KeyNotFoundException">The system is not in this workspace.</exception>
    /// <exception cref="AccessReviewConflictException">An open campaign exists, or the system's accounts are unknown.</exception>
    /// <exception cref="AccessReviewRuleException">The request is incomplete, or the system yields no accounts.</exception>
    public async Task<AccessReviewCampaign> CreateAsync(
        int systemId, string owner, string? title, string trigger, string createdBy, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(owner))
        {
            throw new AccessReviewRuleException("owner", "Name the campaign's owner: the person accountable for the system's access, who signs the review off.");
        }

        if (string.IsNullOrWhiteSpace(createdBy))
        {
            throw new AccessReviewRuleException("createdBy", "Say who starts the campaign.");
        }

        Limit("owner", owner, 200);
        Limit("title", title, 300);
        Limit("createdBy", createdBy, 200);

        var system = await db.Systems.AsNoTracking().SingleOrDefaultAsync(s => s.Id == systemId, cancellationToken)
            ?? throw new KeyNotFoundException($"System {systemId} is not in this workspace.");
        if (!inventory.Yields(system.Kind))
        {
            throw new AccessReviewRuleException("systemId",
                $"{system.Name} is a {system.Kind} system, which yields no accounts to review (kinds that do: {string.Join(", ", inventory.Kinds.Order(StringComparer.Ordinal))}).");
        }

        var open = await db.AccessReviewCampaigns.AsNoTracking()
            .Where(c => c.SystemId == systemId && c.SignedOffAt == null)
            .Select(c => new { c.Id, c.Title })
            .FirstOrDefaultAsync(cancellationToken);
        if (open is not null)
        {
            throw new AccessReviewConflictException($"{system.Name} already has an open access review (#{open.Id} '{open.Title}'): sign it off before starting another.");
        }

        var accounts = await inventory.ReadAsync(system, cancellationToken);
        if (accounts.State != AccountListState.Known)
        {
            throw new AccessReviewConflictException($"The accounts of {system.Name} are unknown, so no review can be built on them: {accounts.Problem}");
        }

        if (accounts.Accounts.Count == 0)
        {
            throw new AccessReviewRuleException("systemId", $"The latest collection of {system.Name} (run {accounts.RunId}) lists no accounts: there is nothing to review.");
        }

        var history = await StatesAsync(systemId, cancellationToken);
        var newKeys = AccessReviewRules.NewSinceLastReview(history, accounts.Accounts).Select(a => a.AccountKey).ToHashSet(StringComparer.Ordinal);
        var isFirst = !history.Any(c => c.SignedOffAt is not null);
        var people = (await db.People.AsNoTracking().Where(p => p.LeftOn == null).ToListAsync(cancellationToken)).Select(p => p.ToPerson()).ToList();
        var resolved = PersonDirectory.Resolve(people, accounts.Accounts).ToDictionary(r => r.Account.AccountKey, StringComparer.Ordinal);

        var now = time.GetUtcNow().UtcDateTime;
        var workspaceId = caller.WorkspaceId ?? throw new InvalidOperationException("Starting an access review needs a workspace.");
        var campaign = new AccessReviewCampaign
        {
            WorkspaceId = workspaceId,
            SystemId = system.Id,
            SystemKind = system.Kind,
            SystemName = system.Name,
            Title = string.IsNullOrWhiteSpace(title) ? $"Access review of {system.Name} ({now:yyyy-MM-dd})" : title.Trim(),
            Owner = owner.Trim(),
            Trigger = trigger,
            CreatedAt = now,
            CreatedBy = createdBy.Trim(),
            DueAt = now.AddDays(options.Value.DueDays),
            AccountsRunId = accounts.RunId!.Value,
            AccountsCollectedAt = accounts.CollectedAt!.Value,
        };
        foreach (var account in accounts.Accounts)
        {
            var person = resolved.GetValueOrDefault(account.AccountKey)?.Person;
            campaign.Items.Add(new AccessReviewItem
            {
                WorkspaceId = workspaceId,
                AccountKey = account.AccountKey,
                Login = account.Login,
                Email = account.Email,
                DisplayName = account.DisplayName,
                Role = account.Role,
                Privileged = account.Privileged,
                Active = account.Active,
                LastActivityAt = account.LastActivityAt,
                PersonKey = person?.Key,
                Owner = person?.Name,

                // The first review of a system has no "last review": flagging every account would say nothing.
                NewSinceLastReview = !isFirst && newKeys.Contains(account.AccountKey),
            });
        }

        db.AccessReviewCampaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return campaign;
    }

    /// <summary>Records a reviewer's decision on one account; re-deciding is allowed until the campaign is signed off.</summary>
    public async Task<AccessReviewItem> DecideAsync(
        AccessReviewCampaign campaign, int itemId, AccessDecision? decision, string? changeTo, string? justification, string decidedBy, CancellationToken cancellationToken)
    {
        var item = campaign.Items.SingleOrDefault(i => i.Id == itemId)
            ?? throw new KeyNotFoundException($"Access review #{campaign.Id} has no item {itemId}.");
        if (campaign.SignedOffAt is not null)
        {
            throw new AccessReviewConflictException(
                $"Access review #{campaign.Id} was signed off on {campaign.SignedOffAt:yyyy-MM-dd HH:mm} UTC by {campaign.SignedOffBy}: its decisions are final. Start a new campaign to review again.");
        }

        if (decision is null)
        {
            throw new AccessReviewRuleException("decision", "Decide keep, revoke or change.");
        }

        if (string.IsNullOrWhiteSpace(justification))
        {
            throw new AccessReviewRuleException("justification", $"Give a justification for the decision on `{item.Login}`: auditors read why access was kept, revoked or changed.");
        }

        if (decision == AccessDecision.Change && string.IsNullOrWhiteSpace(changeTo))
        {
            throw new AccessReviewRuleException("changeTo", $"Say which role `{item.Login}` must end up with (it is {item.Role} now).");
        }

        if (decision == AccessDecision.Change && string.Equals(changeTo!.Trim(), item.Role, StringComparison.OrdinalIgnoreCase))
        {
            throw new AccessReviewRuleException("changeTo", $"`{item.Login}` already has the role {item.Role}: decide keep, or name a different role.");
        }

        if (string.IsNullOrWhiteSpace(decidedBy))
        {
            throw new AccessReviewRuleException("decidedBy", "Say who decides.");
        }

        Limit("justification", justification, 4000);
        Limit("changeTo", changeTo, 200);
        Limit("decidedBy", decidedBy, 200);

        var newChangeTo = decision == AccessDecision.Change ? changeTo!.Trim() : null;
        if (item.Decision != decision || !string.Equals(item.ChangeTo, newChangeTo, StringComparison.OrdinalIgnoreCase))
        {
            // A verification proved the previous decision carried out, not this one.
            item.VerifiedAt = null;
            item.VerifiedByRunId = null;
        }

        item.Decision = decision;
        item.ChangeTo = newChangeTo;
        item.Justification = justification.Trim();
        item.DecidedBy = decidedBy.Trim();
        item.DecidedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }

    /// <summary>The owner's sign-off: only when every account is decided, and only by the campaign's owner.</summary>
    public async Task<AccessReviewCampaign> SignOffAsync(AccessReviewCampaign campaign, string by, string? statement, CancellationToken cancellationToken)
    {
        if (campaign.SignedOffAt is not null)
        {
            throw new AccessReviewConflictException($"Access review #{campaign.Id} was already signed off on {campaign.SignedOffAt:yyyy-MM-dd HH:mm} UTC by {campaign.SignedOffBy}.");
        }

        if (string.IsNullOrWhiteSpace(by))
        {
            throw new AccessReviewRuleException("signedOffBy", "Say who signs the review off.");
        }

        if (!string.Equals(by.Trim(), campaign.Owner, StringComparison.OrdinalIgnoreCase))
        {
            throw new AccessReviewRuleException("signedOffBy", $"Only the campaign's owner ({campaign.Owner}) can sign access review #{campaign.Id} off, not {by.Trim()}.");
        }

        Limit("signedOffBy", by, 200);
        Limit("statement", statement, 4000);
        var undecided = campaign.Items.Where(i => i.Decision is null).Select(i => i.Login).Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (undecided.Count > 0)
        {
            throw new AccessReviewRuleException("items",
                $"{undecided.Count} account(s) are not decided yet: {string.Join(", ", undecided.Take(10))}{(undecided.Count > 10 ? ", …" : string.Empty)}. Decide every account before signing off.");
        }

        campaign.SignedOffAt = time.GetUtcNow().UtcDateTime;
        campaign.SignedOffBy = by.Trim();
        campaign.SignOffStatement = string.IsNullOrWhiteSpace(statement)
            ? $"All {campaign.Items.Count} account(s) reviewed; {campaign.Items.Count(i => i.Decision == AccessDecision.Revoke)} revocation(s), {campaign.Items.Count(i => i.Decision == AccessDecision.Change)} change(s) requested."
            : statement.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return campaign;
    }

    /// <summary>
    /// Marks the revokes and changes a finished collection of <paramref name="system"/> proves carried out. Only a run
    /// whose accounts are known counts: a failed collection proves nothing gone. Returns how many items were verified.
    /// </summary>
    public async Task<int> VerifyAsync(ConnectedSystem system, CollectionRun run, CancellationToken cancellationToken)
    {
        if (!inventory.Yields(system.Kind))
        {
            return 0;
        }

        var campaigns = await db.AccessReviewCampaigns.Include(c => c.Items).AsSplitQuery()
            .Where(c => c.SystemId == system.Id && c.Items.Any(i => (i.Decision == AccessDecision.Revoke || i.Decision == AccessDecision.Change) && i.VerifiedAt == null))
            .ToListAsync(cancellationToken);
        if (campaigns.Count == 0)
        {
            return 0;
        }

        var accounts = await inventory.ReadRunAsync(system, run, cancellationToken);
        if (accounts.State != AccountListState.Known)
        {
            return 0;
        }

        var verified = 0;
        foreach (var campaign in campaigns)
        {
            foreach (var (accountKey, at) in AccessReviewRules.Verify(ToState(campaign), accounts.Accounts, accounts.CollectedAt!.Value))
            {
                foreach (var item in campaign.Items.Where(i => i.AccountKey == accountKey && i.VerifiedAt == null && i.Decision is AccessDecision.Revoke or AccessDecision.Change))
                {
                    item.VerifiedAt = at;
                    item.VerifiedByRunId = run.Id;
                    verified++;
                }
            }
        }

        if (verified > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return verified;
    }

    private static void Limit(string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max)
        {
            throw new AccessReviewRuleException(field, $"{field} is longer than {max} characters.");
        }
    }

    /// <summary>Every campaign of the system as the pure rules see it.</summary>
    public async Task<IReadOnlyList<ReviewCampaignState>> StatesAsync(int systemId, CancellationToken cancellationToken) =>
        (await db.AccessReviewCampaigns.AsNoTracking().Include(c => c.Items).AsSplitQuery().Where(c => c.SystemId == systemId).ToListAsync(cancellationToken))
        .Select(ToState).ToList();

    public static ReviewCampaignState ToState(AccessReviewCampaign campaign) => new(
        campaign.Id,
        campaign.SystemId,
        campaign.SystemName,
        campaign.CreatedAt,
        campaign.SignedOffAt,
        [.. campaign.Items.Select(i => new ReviewItemState(i.AccountKey, i.Login, i.Role, i.Privileged, i.Decision, i.ChangeTo, i.DecidedAt, i.VerifiedAt))]);
}
