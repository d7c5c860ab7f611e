using Controls.Collectors.Magento.Database;
using Controls.Testing.FakeMagento;

namespace Controls.Collectors.Tests.Magento;

/// <summary>The instance most tests collect: two websites, a few modules, customers and admin data, each with a known gap.</summary>
internal static class TestInstances
{
    public static FakeMagentoState Acme(DateTime? now = null)
    {
        var at = now ?? DateTime.UtcNow;
        var state = new FakeMagentoState();
        state.Modules.AddRange(["Magento_Store", "Magento_Customer", "Magento_TwoFactorAuth", "Magento_Logging", "Amasty_Promo", "PayPal_Braintree"]);
        state.Websites.AddRange([new FakeWebsite(0, "admin", "Admin", 0), new FakeWebsite(1, "base", "Main Website", 1), new FakeWebsite(2, "wholesale", "Wholesale", 2)]);
        state.StoreViews.AddRange(
        [
            new FakeStoreView(1, "default", 1, "https://shop.acme.example/", "https://shop.acme.example/"),
            new FakeStoreView(2, "b2b", 2, "http://wholesale.acme.example/", "https://wholesale.acme.example/"),
        ]);
        state.ForcedProviders.Add(new FakeTfaProvider("google", "Google Authenticator"));
        state.Customers.AddRange(
        [
            new FakeCustomer(1, 1, at.AddDays(-2500), at.AddDays(-2000), "dormant.person@mail.example", "Dorothea", "Wexcombe"),
            new FakeCustomer(2, 1, at.AddDays(-400), at.AddDays(-10), "active.one@mail.example", "Annika", "Trellmore"),
            new FakeCustomer(3, 1, at.AddDays(-30), at.AddDays(-1), "new.one@mail.example", "Niclas", "Ombervale"),
            new FakeCustomer(4, 2, at.AddDays(-1600), at.AddDays(-1500), "old.trader@b2b.example", "Ottokar", "Frensby"),
            new FakeCustomer(5, 2, at.AddDays(-100), at.AddDays(-50), "buyer@b2b.example", "Beatrix", "Quillane"),
        ]);
        return state;
    }

    public static TestMagentoDatabase Database(DateTime? now = null)
    {
        var at = now ?? DateTime.UtcNow;
        var db = new TestMagentoDatabase();
        db.AdminUsers.AddRange(
        [
            new MagentoAdminUserRow(1, "alice", "alice@acme.example", "Alice", "Admin", true, at.AddDays(-5), 120, 0, null, null, at.AddDays(-900), "Administrators", true),
            new MagentoAdminUserRow(2, "bob", "bob@acme.example", "Bob", "Stale", true, at.AddDays(-200), 40, 0, null, null, at.AddDays(-700), "Administrators", false),
            new MagentoAdminUserRow(3, "carol", "carol@acme.example", "Carol", "Gone", false, at.AddDays(-400), 10, 0, null, null, at.AddDays(-800), "Support", true),
            new MagentoAdminUserRow(4, "dave", "dave@acme.example", "Dave", "New", true, null, 0, 0, null, null, at.AddDays(-30), "Support", false),
            new MagentoAdminUserRow(5, "eve", "eve@acme.example", "Eve", "Locked", true, at.AddDays(-2), 60, 6, at.AddMinutes(-10), at.AddHours(1), at.AddDays(-300), "Support", true),
        ]);
        db.Integrations.AddRange(
        [
            new MagentoIntegrationRow(1, "ERP Connector", "erp@acme.example", "https://erp.acme.example/magento", 1, 0, at.AddDays(-500), at.AddDays(-100), 11, at.AddDays(-500), true, ["Magento_Backend::all"]),
            new MagentoIntegrationRow(2, "Klaviyo", null, null, 1, 0, at.AddDays(-200), at.AddDays(-200), 12, at.AddDays(-200), false, ["Magento_Sales::sales", "Magento_Customer::customer", "Magento_Catalog::catalog"]),
            new MagentoIntegrationRow(3, "Old Feed", null, null, 0, 0, at.AddDays(-900), at.AddDays(-900), 13, at.AddDays(-900), true, ["Magento_Backend::all"]),
            new MagentoIntegrationRow(4, "Shipping Rates", null, null, 1, 1, at.AddDays(-50), at.AddDays(-50), 14, at.AddDays(-50), false, ["Magento_Catalog::catalog"]),
        ]);
        db.Config.AddRange(
        [
            new MagentoConfigRow("default", 0, "admin/security/session_lifetime", "86400"),
            new MagentoConfigRow("default", 0, "admin/security/password_is_forced", "0"),
            new MagentoConfigRow("default", 0, "system/rotation/lifetime", "90"),
            new MagentoConfigRow("default", 0, "web/secure/base_url", "https://shop.acme.example/"),
        ]);
        db.ActionLog = new MagentoActionLogExtent(1200, at.AddDays(-50), at.AddMinutes(-5));
        return db;
    }
}
