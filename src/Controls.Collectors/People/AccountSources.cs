using Controls.Collectors.GitHub.Evidence;
using Controls.Collectors.Magento.Evidence;
using Controls.Collectors.Shopify.Evidence;
using Controls.Compliance.Evaluation;
using Controls.Compliance.People;
using Controls.Compliance.Systems;

namespace Controls.Collectors.People;

/// <summary>
/// GitHub organisation members (owners are privileged) and outside collaborators. The account key is GitHub's
/// numeric user id, so a renamed login is still the same account and a revocation is not "verified" by a rename.
/// </summary>
public sealed class GitHubAccountSource : IAccountSource
{
    public string SystemKind => SystemKinds.GitHub;

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [GitHubEvidenceKinds.OrgMembers];

    public IEnumerable<PlatformAccount> Extract(ConnectedSystem system, EvidenceSnapshot evidence) =>
        evidence.All<MemberAccountsEvidence>(GitHubEvidenceKinds.OrgMembers)
            .SelectMany(item => item.Content.Members)
            .Select(m => new PlatformAccount(
                system.Id, system.Kind, system.Name, m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Login,
                Email: null, DisplayName: null, m.Role, Privileged: m.Role == GitHubOrgRoles.Owner, Active: true, LastActivityAt: null));
}

/// <summary>
/// Shopify staff: the shop owner is privileged. Shopify's Admin API gives no last-login time, so last activity
/// stays unknown rather than guessed. Deactivated and RESTRICTED staff are accounts still present but inactive.
/// </summary>
public sealed class ShopifyAccountSource : IAccountSource
{
    public string SystemKind => SystemKinds.Shopify;

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [ShopifyEvidenceKinds.StaffMembers];

    public IEnumerable<PlatformAccount> Extract(ConnectedSystem system, EvidenceSnapshot evidence) =>
        evidence.All<StaffMembersEvidence>(ShopifyEvidenceKinds.StaffMembers)
            .SelectMany(item => item.Content.Members)
            .Select(m => new PlatformAccount(
                system.Id, system.Kind, system.Name, m.Id, m.Email ?? m.Name ?? m.Id,
                m.Email, m.Name, Role(m), Privileged: m.IsShopOwner, Active: m.Active && !IsRestricted(m), LastActivityAt: null));

    /// <summary>Shopify's RESTRICTED account type "cannot access the Shopify admin": as good as deactivated for a revocation.</summary>
    private static bool IsRestricted(StaffMemberEvidence member) => string.Equals(member.AccountType, "RESTRICTED", StringComparison.OrdinalIgnoreCase);

    private static string Role(StaffMemberEvidence member) =>
        member.IsShopOwner ? "shop owner" : (member.AccountType ?? "staff").ToLowerInvariant();
}

/// <summary>
/// Magento admin users: an admin whose role allows <c>Magento_Backend::all</c> is privileged. Last activity is the
/// last admin login.
/// </summary>
public sealed class MagentoAccountSource : IAccountSource
{
    public string SystemKind => SystemKinds.Magento;

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [MagentoEvidenceKinds.AdminUsers];

    public IEnumerable<PlatformAccount> Extract(ConnectedSystem system, EvidenceSnapshot evidence) =>
        evidence.All<AdminUsersEvidence>(MagentoEvidenceKinds.AdminUsers)
            .SelectMany(item => item.Content.Users)
            .Select(u => new PlatformAccount(
                system.Id, system.Kind, system.Name, u.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), u.Username,
                u.Email, DisplayName: null, u.RoleName ?? "(no role)", Privileged: u.RoleGrantsAll, u.IsActive, u.LastLoginAt));
}
