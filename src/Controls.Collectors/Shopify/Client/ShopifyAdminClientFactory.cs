using Controls.Compliance.Systems;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.Shopify.Client;

/// <summary>Builds the client for one connected store: its API address, its token and its shared cost bucket.</summary>
public sealed class ShopifyAdminClientFactory(IHttpClientFactory http, ShopifyCostBuckets buckets, IOptions<ShopifyOptions> options, TimeProvider time)
{
    public const string HttpClientName = "shopify";

    public IShopifyAdminClient Create(ConnectedSystem system, string token)
    {
        var domain = ShopDomain(system);
        var apiBase = string.IsNullOrWhiteSpace(system.BaseUrl) ? new Uri($"https://{domain}/") : new Uri(system.BaseUrl.TrimEnd('/') + "/");
        return new ShopifyAdminClient(http.CreateClient(HttpClientName), apiBase, domain, token, buckets.For(domain), options.Value, time);
    }

    /// <summary>"acme" → "acme.myshopify.com"; a full domain is kept as it is.</summary>
    public static string ShopDomain(ConnectedSystem system)
    {
        var name = system.Name.Trim().ToLowerInvariant();
        return name.Contains('.', StringComparison.Ordinal) ? name : name + ".myshopify.com";
    }
}
