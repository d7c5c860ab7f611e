using Controls.Compliance.Evaluation;
using Controls.Compliance.Systems;

namespace Controls.Compliance.People;

/// <summary>
/// An account a platform reported in its latest collection, as access reviews and training coverage see it: any
/// system that yields accounts (GitHub members, Shopify staff, Magento admins) turns its evidence into these.
/// </summary>
/// <param name="AccountKey">The platform's stable id for the account (Shopify staff gid, Magento user_id, GitHub login).</param>
/// <param name="Privileged">Owners and administrators: store owner, org owner, Magento administrator role.</param>
public sealed record PlatformAccount(
    int SystemId,
    string SystemKind,
    string SystemName,
    string AccountKey,
    string Login,
    string? Email,
    string? DisplayName,
    string Role,
    bool Privileged,
    bool Active,
    DateTime? LastActivityAt)
{
    /// <summary>The alias a person can claim this account by when no e-mail links them: "github:octocat".</summary>
    public string LoginAlias => $"{SystemKind}:{Login}".ToLowerInvariant();
}

/// <summary>Extracts the accounts of one kind of system from its evidence. One per collector that knows accounts.</summary>
public interface IAccountSource
{
    string SystemKind { get; }

    /// <summary>The evidence kinds read; a failure on any of them means the system's accounts are unknown, not empty.</summary>
    IReadOnlyCollection<string> EvidenceKinds { get; }

    IEnumerable<PlatformAccount> Extract(ConnectedSystem system, EvidenceSnapshot evidence);
}
