using Controls.Collectors.Tests.Support;
using Controls.Compliance.Systems;
using Controls.Testing.FakeShopify;

namespace Controls.Collectors.Tests.Shopify;

/// <summary>A <see cref="CollectorTestHost"/> with one Shopify system pointing at a fake Shopify store.</summary>
public static class ShopifyTestHost
{
    public const string CredentialName = "shopify-acme";

    public static async Task<CollectorTestHost> StartAsync(
        FakeShopifyServer? shopify,
        string? folder = null,
        TimeProvider? time = null,
        string token = FakeShopifyState.DefaultToken,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Controls:Shopify:RetryBaseDelay"] = "00:00:00.010",
            ["Controls:Shopify:MaxRetries"] = "2",
            ["Controls:Shopify:MaxThrottleWait"] = "00:00:05",
        };
        var host = await CollectorTestHost.StartAsync("shopify", CredentialName, token, defaults.Concat(settings ?? new Dictionary<string, string?>()), folder, time);
        if (shopify is not null)
        {
            await host.ConnectAsync(SystemKinds.Shopify, shopify.State.Domain, shopify.BaseUrl.AbsoluteUri);
        }

        return host;
    }
}
