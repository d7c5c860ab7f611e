namespace Controls.Collectors.Shopify.Client;

/// <summary>
/// The few Admin API reads the collector needs, typed. One interface so a maintained SDK can replace the
/// hand-written GraphQL client. Every method throws <see cref="ShopifyAccessDeniedException"/> when the app lacks
/// the scope, <see cref="ShopifyQueryException"/> when the query could not be completed, and
/// <see cref="ShopifyUnauthorizedException"/> when the token is rejected.
/// </summary>
public interface IShopifyAdminClient
{
    ShopifyClientStats Stats { get; }

    Task<ShopNode> GetShopAsync(CancellationToken cancellationToken);

    /// <summary>Needs read_users (Plus and Advanced stores only, on request).</summary>
    Task<IReadOnlyList<StaffMemberNode>> GetStaffMembersAsync(CancellationToken cancellationToken);

    /// <summary>Every installed app; needs read_apps.</summary>
    Task<IReadOnlyList<AppInstallationNode>> GetAppInstallationsAsync(CancellationToken cancellationToken);

    /// <summary>The calling app's own installation; needs no scope.</summary>
    Task<AppInstallationNode> GetCurrentAppInstallationAsync(CancellationToken cancellationToken);

    /// <summary>This app's webhook subscriptions (Shopify lists only the caller's).</summary>
    Task<IReadOnlyList<WebhookSubscriptionNode>> GetWebhookSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>Events created since <paramref name="since"/>, newest first, one page at a time.</summary>
    IAsyncEnumerable<IReadOnlyList<EventNode>> GetEventPagesAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
