using Controls.Compliance.Evaluation;
using Controls.Compliance.People;

namespace Controls.Compliance.AccessReviews;

public enum AccessDecision
{
    Keep,
    Revoke,
    Change,
}

/// <summary>One account in a campaign as it was collected when the campaign was created, and what the reviewer decided.</summary>
/// <param name="ChangeTo">For <see cref="AccessDecision.Change"/>: the role the account must end up with.</param>
/// <param name="VerifiedAt">When a later collection showed the revoke or change carried out.</param>
public sealed record ReviewItemState(
    string AccountKey,
    string Login,
    string Role,
    bool Privileged,
    AccessDecision? Decision,
    string? ChangeTo,
    DateTime? DecidedAt,
    DateTime? VerifiedAt);

/// <param name="DueAt">When the campaign should be signed off by; an open campaign past it is a finding.</param>
public sealed record ReviewCampaignState(
    long Id,
    int SystemId,
    string SystemName,
    DateTime CreatedAt,
    DateTime? SignedOffAt,
    IReadOnlyList<ReviewItemState> Items,
    DateTime? DueAt = null);

/// <summary>The review cadence and revocation SLA, from the access-review check's parameters.</summary>
public sealed record AccessReviewPolicy(int WindowDays = 92, int PrivilegedWindowDays = 92, int RevocationSlaDays = 7);

/// <summary>
/// The closed loop of access reviews as pure rules: which decisions a collection proves carried out, and what an
/// auditor would flag on a system — no signed-off review inside the window, revocations not carried out within
/// the SLA, and accounts (privileged above all) that appeared after the last review.
/// </summary>
public static class AccessReviewRules
{
    /// <summary>
    /// Decisions the accounts collected at <paramref name="collectedAt"/> prove carried out: a revoked account gone or
    /// deactivated, a changed account holding its new role. Only collections after the decision count.
    /// </summary>
    public static IReadOnlyList<(string AccountKey, DateTime VerifiedAt)> Verify(
        ReviewCampaignState campaign, IReadOnlyList<PlatformAccount> accounts, DateTime collectedAt)
    {
        var current = accounts.Where(a => a.SystemId == campaign.SystemId).ToDictionary(a => a.AccountKey, StringComparer.Ordinal);
        var verified = new List<(string, DateTime)>();
        foreach (var item in campaign.Items.Where(i => i.VerifiedAt is null && i.DecidedAt is { } at && at <= collectedAt))
        {
            var carriedOut = item.Decision switch
            {
                AccessDecision.Revoke => !current.TryGetValue(item.AccountKey, out var still) || !still.Active,
                AccessDecision.Change => current.TryGetValue(item.AccountKey, out var changed)
                    && string.Equals(changed.Role, item.ChangeTo, StringComparison.OrdinalIgnoreCase),
                _ => false,
            };
            if (carriedOut)
            {
                verified.Add((item.AccountKey, collectedAt));
            }
        }

        return verified;
    }

    /// <summary>
    /// Findings for one system; none means its access review is current and closed: signed off inside the window,
    /// no open campaign past its due date, every revoke and change verified by a collection, and no privileged
    /// account that appeared after the review.
    /// </summary>
    public static IReadOnlyList<FindingDraft> Assess(
        string systemName,
        IReadOnlyList<ReviewCampaignState> campaigns,
        IReadOnlyList<PlatformAccount> currentAccounts,
        AccessReviewPolicy policy,
        DateTime now)
    {
        var findings = new List<FindingDraft>();
        var signedOff = campaigns.Where(c => c.SignedOffAt is not null).OrderByDescending(c => c.SignedOffAt).ToList();
        var latest = signedOff.FirstOrDefault();
        var hasPrivileged = currentAccounts.Any(a => a.Privileged && a.Active);
        var window = hasPrivileged ? Math.Min(policy.WindowDays, policy.PrivilegedWindowDays) : policy.WindowDays;
        if (latest is null)
        {
            findings.Add(new FindingDraft(systemName, $"{systemName}: no signed-off access review"));
        }
        else if (now - latest.SignedOffAt!.Value > TimeSpan.FromDays(window))
        {
            findings.Add(new FindingDraft(systemName,
                $"{systemName}: last access review signed off {latest.SignedOffAt:yyyy-MM-dd}, older than the {window}-day window"));
        }

        foreach (var campaign in campaigns.Where(c => c.SignedOffAt is null && c.DueAt is { } due && now > due))
        {
            findings.Add(new FindingDraft($"{systemName}/campaign-{campaign.Id}",
                $"{systemName}: access review #{campaign.Id} opened {campaign.CreatedAt:yyyy-MM-dd} was due {campaign.DueAt:yyyy-MM-dd} and is not signed off"));
        }

        // The review is closed only when the platform shows every revoke and change carried out. A pending one is a
        // finding from the start (the control is not yet effective); past its SLA the finding says it is late.
        foreach (var campaign in signedOff)
        {
            foreach (var item in campaign.Items.Where(i => i.Decision is AccessDecision.Revoke or AccessDecision.Change && i.VerifiedAt is null))
            {
                var due = item.DecidedAt!.Value.AddDays(policy.RevocationSlaDays);
                var what = item.Decision == AccessDecision.Revoke ? "revocation" : $"change to {item.ChangeTo}";
                findings.Add(new FindingDraft($"{systemName}/{item.Login}", now > due
                    ? $"{systemName}: {what} of `{item.Login}` decided {item.DecidedAt:yyyy-MM-dd} not carried out within {policy.RevocationSlaDays} days"
                    : $"{systemName}: {what} of `{item.Login}` decided {item.DecidedAt:yyyy-MM-dd} not yet verified by a collection (due {due:yyyy-MM-dd})"));
            }
        }

        if (latest is not null)
        {
            var reviewed = latest.Items.Select(i => i.AccountKey).ToHashSet(StringComparer.Ordinal);
            foreach (var account in currentAccounts.Where(a => a.Active && a.Privileged && !reviewed.Contains(a.AccountKey)))
            {
                findings.Add(new FindingDraft($"{systemName}/{account.Login}",
                    $"{systemName}: privileged account `{account.Login}` ({account.Role}) appeared after the last review"));
            }
        }

        return findings;
    }

    /// <summary>Active accounts not covered by the last signed-off review: the next campaign must include them.</summary>
    public static IReadOnlyList<PlatformAccount> NewSinceLastReview(IReadOnlyList<ReviewCampaignState> campaigns, IReadOnlyList<PlatformAccount> currentAccounts)
    {
        var latest = campaigns.Where(c => c.SignedOffAt is not null).MaxBy(c => c.SignedOffAt);
        var reviewed = latest?.Items.Select(i => i.AccountKey).ToHashSet(StringComparer.Ordinal) ?? [];
        return currentAccounts.Where(a => a.Active && !reviewed.Contains(a.AccountKey)).ToList();
    }
}
