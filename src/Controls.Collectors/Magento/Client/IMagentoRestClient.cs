namespace Controls.Collectors.Magento.Client;

/// <summary>
/// The few Magento REST reads the collector needs, typed. Every read throws <see cref="MagentoAccessDeniedException"/>
/// when the integration lacks the route's ACL resource, <see cref="MagentoRequestException"/> when the route could not
/// be read (404, 5xx after retries, 429 too often, a truncated body); <see cref="AuthenticateAsync"/> throws
/// <see cref="MagentoUnauthorizedException"/> when the admin credentials are refused.
/// </summary>
public interface IMagentoRestClient
{
    MagentoClientStats Stats { get; }

    /// <summary>Uses the bearer token as it is, or exchanges admin credentials (with a TOTP code for admin-tfa) for an admin token.</summary>
    Task AuthenticateAsync(CancellationToken cancellationToken);

    /// <summary>GET /V1/modules: names of the enabled modules (Magento_Backend::admin).</summary>
    Task<IReadOnlyList<string>> GetModulesAsync(CancellationToken cancellationToken);

    /// <summary>GET /V1/store/storeConfigs (Magento_Backend::stores).</summary>
    Task<IReadOnlyList<MagentoStoreConfig>> GetStoreConfigsAsync(CancellationToken cancellationToken);

    /// <summary>GET /V1/store/websites (Magento_Backend::stores).</summary>
    Task<IReadOnlyList<MagentoWebsite>> GetWebsitesAsync(CancellationToken cancellationToken);

    /// <summary>GET /V1/tfa/forced-providers (Magento_TwoFactorAuth::tfa); the route exists only while Magento_TwoFactorAuth is enabled.</summary>
    Task<IReadOnlyList<MagentoTfaProvider>> GetForcedTfaProvidersAsync(CancellationToken cancellationToken);

    /// <summary>GET /V1/customers/search page by page (Magento_Customer::customer), stopping on total_count or a repeated page.</summary>
    IAsyncEnumerable<MagentoCustomerPage> GetCustomerPagesAsync(CancellationToken cancellationToken);
}

/// <summary>One page of customers; <see cref="StoppedOnRepeat"/> when Magento served the previous page again and paging stopped.</summary>
public sealed record MagentoCustomerPage(IReadOnlyList<MagentoCustomer> Customers, int TotalCount, int CurrentPage, bool StoppedOnRepeat);
