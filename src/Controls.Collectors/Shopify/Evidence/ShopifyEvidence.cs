namespace Controls.Collectors.Shopify.Evidence;

/// <summary>The evidence kinds the Shopify collector records; the subject is always the shop's myshopify domain.</summary>
public static class ShopifyEvidenceKinds
{
    public const string Shop = "shopify.shop";
    public const string StaffMembers = "shopify.staff-members";
    public const string AppInstallations = "shopify.app-installations";
    public const string CurrentAppInstallation = "shopify.current-app-installation";
    public const string WebhookSubscriptions = "shopify.webhook-subscriptions";
    public const string Events = "shopify.events";
}

public sealed record ShopEvidence(
    string Id,
    string Name,
    string Domain,
    string? PlanName,
    bool ShopifyPlus,
    bool PartnerDevelopment,
    string? CustomerAccountsVersion,
    bool? LoginRequiredAtCheckout);

public sealed record StaffMemberEvidence(string Id, string? Name, string? Email, string? AccountType, bool Active, bool IsShopOwner);

public sealed record StaffMembersEvidence(string Shop, IReadOnlyList<StaffMemberEvidence> Members);

public sealed record AppInstallationEvidence(string Id, string Title, string? Handle, string? DeveloperName, IReadOnlyList<string> Scopes);

public sealed record AppInstallationsEvidence(string Shop, IReadOnlyList<AppInstallationEvidence> Apps);

public sealed record WebhookSubscriptionEvidence(string Id, string Topic, string? Uri, string? Format, string? ApiVersion);

public sealed record WebhookSubscriptionsEvidence(string Shop, IReadOnlyList<WebhookSubscriptionEvidence> Subscriptions);

public sealed record EventSampleEvidence(string Id, DateTimeOffset CreatedAt, string? Action, string? Message, bool AttributeToUser, bool AttributeToApp, string? AppTitle, bool CriticalAlert);

/// <summary>
/// Audit-trail coverage over a window: counts of events by attribution and a bounded sample. RetentionDays is a
/// platform fact (Shopify keeps events one year), recorded so the check can state it.
/// </summary>
public sealed record EventsEvidence(
    string Shop,
    DateTimeOffset Since,
    int WindowDays,
    int RetentionDays,
    int Total,
    int AttributedToStaff,
    int AttributedToApps,
    int Unattributed,
    int CriticalAlerts,
    bool Truncated,
    IReadOnlyList<EventSampleEvidence> Sample);
