namespace Controls.Collectors.Magento.Evidence;

/// <summary>The evidence kinds the Magento collector records; the subject is always the connected system's Name.</summary>
public static class MagentoEvidenceKinds
{
    // REST
    public const string Stores = "magento.stores";
    public const string Modules = "magento.modules";
    public const string TwoFactor = "magento.two-factor";
    public const string Customers = "magento.customers";

    // Optional read-only database
    public const string AdminUsers = "magento.admin-users";
    public const string Integrations = "magento.integrations";
    public const string SecurityConfig = "magento.security-config";
    public const string ActionLog = "magento.action-log";

    public static readonly IReadOnlyList<string> Database = [AdminUsers, Integrations, SecurityConfig, ActionLog];
}

public sealed record StoreViewEvidence(
    int Id,
    string Code,
    int WebsiteId,
    string? Locale,
    string? Timezone,
    string? BaseCurrencyCode,
    string? BaseUrl,
    string? BaseLinkUrl,
    string? SecureBaseUrl,
    string? SecureBaseLinkUrl);

public sealed record WebsiteEvidence(int Id, string Code, string? Name, int DefaultGroupId);

public sealed record StoresEvidence(string Instance, IReadOnlyList<WebsiteEvidence> Websites, IReadOnlyList<StoreViewEvidence> StoreViews);

/// <summary>Vendor is the namespace before the first '_' (Magento_Catalog → Magento); ThirdParty when it is not a platform vendor.</summary>
public sealed record ModuleEvidence(string Name, string Vendor, bool ThirdParty);

public sealed record ModulesEvidence(string Instance, IReadOnlyList<string> PlatformVendors, IReadOnlyList<ModuleEvidence> Modules);

public sealed record TwoFactorProviderEvidence(string Code, string? Name, bool? Enabled);

/// <summary>ModuleEnabled: Magento_TwoFactorAuth is among the enabled modules. ForcedProviders: twofactorauth/general/force_providers as the API reports it.</summary>
public sealed record TwoFactorEvidence(string Instance, bool ModuleEnabled, IReadOnlyList<TwoFactorProviderEvidence> ForcedProviders);

/// <summary>
/// Customer accounts of one website, aggregated: never an email, a name or an id. UpdatedOn counts accounts by the UTC
/// date of their updated_at, so a retention check can apply any cut-off without the ledger holding anyone's data.
/// </summary>
public sealed record CustomerWebsiteEvidence(int WebsiteId, string? WebsiteCode, int Customers, DateTime? OldestUpdatedAt, DateTime? NewestUpdatedAt, IReadOnlyDictionary<string, int> UpdatedOn);

/// <summary>Truncated: reading stopped at MaxCustomerPages. StoppedOnRepeat: Magento served a page again and paging stopped there.</summary>
public sealed record CustomersEvidence(string Instance, int TotalCount, int Read, int Pages, bool Truncated, bool StoppedOnRepeat, IReadOnlyList<CustomerWebsiteEvidence> Websites);

/// <summary>
/// One admin_user row, without first and last name: the username identifies the account in findings. The work
/// e-mail is kept because access reviews and training tie the account to a person by it (staff, not customers).
/// <see cref="RoleGrantsAll"/>: the role allows <c>Magento_Backend::all</c>, i.e. the account is an administrator.
/// </summary>
public sealed record AdminUserEvidence(
    int UserId,
    string Username,
    string? Email,
    bool IsActive,
    string? RoleName,
    bool RoleGrantsAll,
    DateTime CreatedAt,
    DateTime? LastLoginAt,
    int LoginCount,
    int FailureCount,
    DateTime? LockExpiresAt,
    bool? TwoFactorConfigured);

public sealed record AdminUsersEvidence(string Instance, string ServerVersion, IReadOnlyList<AdminUserEvidence> Users);

public sealed record IntegrationEvidence(
    int IntegrationId,
    string Name,
    int Status,
    string StatusName,
    int SetupType,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ConsumerCreatedAt,
    bool AllResources,
    IReadOnlyList<string> Resources);

public sealed record IntegrationsEvidence(string Instance, IReadOnlyList<IntegrationEvidence> Integrations);

public sealed record ConfigValueEvidence(string Path, string Scope, int ScopeId, string? Value);

/// <summary>core_config_data rows of the admin/security paths (all scopes). A path with no row has Magento's default.</summary>
public sealed record SecurityConfigEvidence(string Instance, IReadOnlyList<string> Paths, IReadOnlyList<ConfigValueEvidence> Values);

/// <summary>
/// The Adobe Commerce admin action log: LifetimeConfigured is system/rotation/lifetime (days) at default scope, null when
/// not set (the platform default applies). ActionLogPresent false: no magento_logging_event table, i.e. Magento Open Source.
/// </summary>
public sealed record ActionLogEvidence(string Instance, bool ActionLogPresent, int? LifetimeDaysConfigured, int LifetimeDaysDefault, long Rows, DateTime? OldestAt, DateTime? NewestAt);
