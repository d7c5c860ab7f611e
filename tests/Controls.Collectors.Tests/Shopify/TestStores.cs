using Controls.Testing.FakeShopify;

namespace Controls.Collectors.Tests.Shopify;

/// <summary>The store most tests collect: a Plus shop with a few staff, apps, webhooks and events, each with a known gap.</summary>
internal static class TestStores
{
    public static FakeShopifyState Acme(DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        var state = new FakeShopifyState();
        state.Staff.AddRange(
        [
            new FakeStaffMember("gid://shopify/StaffMember/1", "Olivia Owner", "olivia@acme.example", "REGULAR", IsShopOwner: true),
            new FakeStaffMember("gid://shopify/StaffMember/2", "Alice Admin", "alice@acme.example", "REGULAR"),
            new FakeStaffMember("gid://shopify/StaffMember/3", "Bob Leaver", "bob@acme.example", "REGULAR", Active: false),
            new FakeStaffMember("gid://shopify/StaffMember/4", "Carol Invitee", "carol@acme.example", "INVITED"),
            new FakeStaffMember("gid://shopify/StaffMember/5", "Pixel Agency", "dev@pixelagency.example", "COLLABORATOR"),
        ]);
        state.Apps.AddRange(
        [
            new FakeApp("gid://shopify/AppInstallation/11", "Klaviyo", "klaviyo-email-marketing", ["read_customers", "read_orders", "read_products"]),
            new FakeApp("gid://shopify/AppInstallation/12", "PixelPop", "pixelpop", ["read_customers", "read_products", "write_orders"]),
            new FakeApp("gid://shopify/AppInstallation/13", "Store Locator", "store-locator", ["read_products"]),
        ]);
        state.Webhooks.AddRange(
        [
            new FakeWebhook("gid://shopify/WebhookSubscription/21", "APP_UNINSTALLED", "https://siem.acme.example/shopify/app-uninstalled"),
            new FakeWebhook("gid://shopify/WebhookSubscription/22", "SHOP_UPDATE", "http://hooks.acme.example/shop-update"),
        ]);
        state.Events.AddRange(
        [
            new FakeEvent("gid://shopify/BasicEvent/31", at.AddDays(-1), "update", "Alice Admin changed the payment settings", AttributeToUser: true, AttributeToApp: false),
            new FakeEvent("gid://shopify/BasicEvent/32", at.AddDays(-2), "create", "PixelPop created a script tag", AttributeToUser: false, AttributeToApp: true, AppTitle: "PixelPop"),
            new FakeEvent("gid://shopify/BasicEvent/33", at.AddDays(-3), "create", "Order #1001 was placed", AttributeToUser: false, AttributeToApp: false),
            new FakeEvent("gid://shopify/BasicEvent/34", at.AddDays(-90), "update", "Alice Admin updated a theme", AttributeToUser: true, AttributeToApp: false),
        ]);
        return state;
    }
}
