using Controls.Collectors.Demo;
using Controls.Testing.FakeElasticsearch;
using Controls.Testing.FakeMagento;
using Controls.Testing.FakeShopify;

namespace Controls.Collectors.Tests.Demo;

/// <summary>
/// The sample Shopify Plus store and Elasticsearch cluster behind the demo workspace. Their recordings
/// (src/Controls.Collectors/Demo/Recordings/acme-outfitters-shopify.json and -logs.json) are generated from these
/// states by <see cref="DemoPlatformRecordingTests"/>; change both together. Built to show realistic gaps next to
/// passes: a deactivated staff member still listed, an agency collaborator without approval, the SHOP_UPDATE
/// security webhook missing, storefront logs deleted after 30 days, admin audit indices kept 365 days, a Shopify
/// audit export that exists but is kept one year only, and no export of the GitHub audit log.
/// </summary>
internal static class DemoPlatforms
{
    /// <summary>
    /// The wholesale shop on Adobe Commerce (REST only; recording acme-outfitters-magento.json): a third-party
    /// extension vendor namespace next to Adobe's own modules, one store view still on plain http, 2FA forced with
    /// Google Authenticator, and B2B customer accounts of which two have not been updated for over three years.
    /// </summary>
    public static FakeMagentoState Magento(DateTimeOffset now)
    {
        var at = now.UtcDateTime;
        var state = new FakeMagentoState();
        state.Modules.AddRange(["Magento_Store", "Magento_Customer", "Magento_Sales", "Magento_TwoFactorAuth", "Magento_Logging", "Magento_CompanyCredit", "Amasty_Promo", "Amasty_Rma", "PayPal_Braintree", "Klarna_Kp"]);
        state.Websites.AddRange([new FakeWebsite(0, "admin", "Admin", 0), new FakeWebsite(1, "b2b", "Acme Outfitters Wholesale", 1)]);
        state.StoreViews.AddRange(
        [
            new FakeStoreView(1, "b2b_en", 1, "https://wholesale.acme-outfitters.example/", "https://wholesale.acme-outfitters.example/"),
            new FakeStoreView(2, "b2b_de", 1, "http://wholesale.acme-outfitters.example/de/", "https://wholesale.acme-outfitters.example/de/", "de_DE"),
        ]);
        state.ForcedProviders.Add(new FakeTfaProvider("google", "Google Authenticator"));
        state.Customers.AddRange(
        [
            new FakeCustomer(1, 1, at.AddDays(-2400), at.AddDays(-1900), "buyer@alpine-sports.example", "Lena", "Hofer"),
            new FakeCustomer(2, 1, at.AddDays(-1500), at.AddDays(-1200), "orders@trailhead-store.example", "Marco", "Bianchi"),
            new FakeCustomer(3, 1, at.AddDays(-600), at.AddDays(-12), "purchasing@summit-outdoor.example", "Sofia", "Lindqvist"),
            new FakeCustomer(4, 1, at.AddDays(-200), at.AddDays(-3), "team@basecamp-retail.example", "Noah", "Keller"),
            new FakeCustomer(5, 1, at.AddDays(-40), at.AddDays(-1), "hello@ridge-and-river.example", "Amara", "Okafor"),
        ]);
        return state;
    }

    public static FakeShopifyState Store(DateTimeOffset now)
    {
        var state = new FakeShopifyState { ShopName = "Acme Outfitters", Domain = DemoNames.ShopifyStore, PlanName = "Shopify Plus", ShopifyPlus = true };
        state.Staff.AddRange(
        [
            new FakeStaffMember("gid://shopify/StaffMember/9101", "Maya Chen", "maya@acme-outfitters.example", "REGULAR", IsShopOwner: true),
            new FakeStaffMember("gid://shopify/StaffMember/9102", "Jonas Weber", "jonas@acme-outfitters.example", "REGULAR"),
            new FakeStaffMember("gid://shopify/StaffMember/9103", "Priya Nair", "priya@acme-outfitters.example", "REGULAR"),
            new FakeStaffMember("gid://shopify/StaffMember/9104", "Tom Becker", "tom@acme-outfitters.example", "REGULAR", Active: false),
            new FakeStaffMember("gid://shopify/StaffMember/9105", "PixelForge Agency", "dev@pixelforge-agency.example", "COLLABORATOR"),
        ]);
        state.Apps.AddRange(
        [
            new FakeApp("gid://shopify/AppInstallation/9201", "Klaviyo: Email Marketing & SMS", "klaviyo-email-marketing", ["read_customers", "read_orders", "read_products"], "Klaviyo"),
            new FakeApp("gid://shopify/AppInstallation/9202", "Gorgias", "gorgias", ["read_customers", "read_orders", "write_orders"], "Gorgias"),
            new FakeApp("gid://shopify/AppInstallation/9203", "PixelForge Reviews", "pixelforge-reviews", ["read_customers", "read_products", "write_script_tags"], "PixelForge"),
        ]);
        state.Webhooks.Add(new FakeWebhook("gid://shopify/WebhookSubscription/9301", "APP_UNINSTALLED", "https://monitor.acme-outfitters.example/shopify/app-uninstalled"));
        state.Events.AddRange(
        [
            new FakeEvent("gid://shopify/BasicEvent/9401", now.AddDays(-1), "update", "Jonas Weber changed the payment settings", AttributeToUser: true, AttributeToApp: false),
            new FakeEvent("gid://shopify/BasicEvent/9402", now.AddDays(-3), "create", "PixelForge Reviews created a script tag", AttributeToUser: false, AttributeToApp: true, AppTitle: "PixelForge Reviews"),
            new FakeEvent("gid://shopify/BasicEvent/9403", now.AddDays(-4), "create", "Order #4721 was placed", AttributeToUser: false, AttributeToApp: false),
            new FakeEvent("gid://shopify/BasicEvent/9404", now.AddDays(-9), "update", "Priya Nair updated the theme", AttributeToUser: true, AttributeToApp: false),
        ]);
        return state;
    }

    public static FakeElasticsearchState Logs() => new FakeElasticsearchState { ClusterName = DemoNames.LogStore }
        .Policy("storefront-logs-30d", deleteAfter: "30d", warmAfter: "7d", "logs-storefront-*")
        .Policy("checkout-logs-180d", deleteAfter: "180d", warmAfter: "14d", "logs-checkout-*")
        .Policy("admin-audit-365d", deleteAfter: "365d", warmAfter: "30d", "audit-*")
        .DailyIndices("logs-storefront", 6, "storefront-logs-30d")
        .DailyIndices("logs-checkout", 4, "checkout-logs-180d")
        .DailyIndices("audit-admin-actions", 3, "admin-audit-365d")
        .DataStream("shopify-audit-events", 3, dataRetention: "365d")
        .Index(".security-7", null)
        .Index(".kibana_8.15.3_001", null);
}
