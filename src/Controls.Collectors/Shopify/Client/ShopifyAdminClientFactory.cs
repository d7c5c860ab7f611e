using Controls.Compliance.Systems;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.Shopify.Client;

/// <summary>Builds the client for one connected store: its API address, its token and its shared cost bucket.</summary>
public sealed class ShopifyAdminClientFactory(
    IHttpClientFactory http,
    ShopifyCostBuckets buckets,
    IOptions<ShopifyOptions> options,
    TimeProvider time,
    IEnumerable<IShopifyTransport> transports)
{
    public const string HttpClientName = "shopify";

    /// <summary>Whether a transport other than the network (the demo's recording) serves this system's address.</summary>
    public bool IsReplayed(ConnectedSystem system) => Transport(ApiBase(system)) is not null;

    public IShopifyAdminClient Create(ConnectedSystem system, string token, bool workspaceIsDemo = false)
    {
        var domain = ShopDomain(system);
        var apiBase = ApiBase(system);
        var client = Transport(apiBase) is { } transport
            ? new HttpClient(transport.CreateHandler(system, workspaceIsDemo), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan }
            : http.CreateClient(HttpClientName);
        return new ShopifyAdminClient(client, apiBase, domain, token, buckets.For(domain), options.Value, time);
    }

    private static Uri ApiBase(ConnectedSystem system) =>
        string.IsNullOrWhiteSpace(system.BaseUrl) ? new Uri($"https://{ShopDomain(system)}/") : new Uri(system.BaseUrl.TrimEnd('/') + "/");

    private IShopifyTransport? Transport(Uri apiBase) => transports.FirstOrDefault(t => t.Serves(apiBase));

    /// <summary>"acme" → "acme.myshopify.com"; a full domain is kept as it is.</summary>
    public static string ShopDomain(ConnectedSystem system)
    {
        var name = system.Name.Trim().ToLowerInvariant();
        return name.Contains('.', StringComparison.Ordinal) ? name : name + ".myshopify.com";
    }
}
