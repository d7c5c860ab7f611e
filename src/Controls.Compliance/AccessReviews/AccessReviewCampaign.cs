using Controls.Compliance.Workspaces;

namespace Controls.Compliance.AccessReviews;

/// <summary>
/// An access review of one system: the accounts its latest collection reported when the campaign was created,
/// each decided keep / revoke / change by a reviewer, and the owner's sign-off. Decisions and the sign-off are
/// recorded into the access-review register's ledger, so who decided what, and when, is evidence.
/// </summary>
public sealed class AccessReviewCampaign : IWorkspaceOwned
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    public int SystemId { get; set; }

    public required string SystemKind { get; set; }

    public required string SystemName { get; set; }

    public required string Title { get; set; }

    /// <summary>Who signs the campaign off: accountable for the system's access.</summary>
    public required string Owner { get; set; }

    /// <summary>"scheduled" (the quarterly job) or "manual".</summary>
    public required string Trigger { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>When the review should be signed off by.</summary>
    public DateTime DueAt { get; set; }

    /// <summary>The collection run whose evidence listed the accounts (the campaign reviews what was really there).</summary>
    public long AccountsRunId { get; set; }

    public DateTime AccountsCollectedAt { get; set; }

    public DateTime? SignedOffAt { get; set; }

    public string? SignedOffBy { get; set; }

    /// <summary>What the owner states on sign-off ("All accounts reviewed; 2 revocations requested").</summary>
    public string? SignOffStatement { get; set; }

    public List<AccessReviewItem> Items { get; set; } = [];
}

/// <summary>One account under review, as collected, with the reviewer's decision and its verification.</summary>
public sealed class AccessReviewItem : IWorkspaceOwned
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    public int CampaignId { get; set; }

    /// <summary>The platform's stable id for the account (see <see cref="People.PlatformAccount.AccountKey"/>).</summary>
    public required string AccountKey { get; set; }

    public required string Login { get; set; }

    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public required string Role { get; set; }

    public bool Privileged { get; set; }

    public bool Active { get; set; }

    public DateTime? LastActivityAt { get; set; }

    /// <summary>The person the account resolved to in the people directory, when it resolved to exactly one.</summary>
    public string? PersonKey { get; set; }

    /// <summary>Who answers for the account: the resolved person's name, or null when nobody could be tied to it.</summary>
    public string? Owner { get; set; }

    /// <summary>The account was not in the previous signed-off review of this system.</summary>
    public bool NewSinceLastReview { get; set; }

    public AccessDecision? Decision { get; set; }

    /// <summary>For <see cref="AccessDecision.Change"/>: the role the account must end up with.</summary>
    public string? ChangeTo { get; set; }

    public string? Justification { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>When a collection after the decision showed the revoke or change carried out.</summary>
    public DateTime? VerifiedAt { get; set; }

    public long? VerifiedByRunId { get; set; }
}
