using Controls.Testing.FakeMagento;
using Controls.Testing.MariaDb;

namespace Controls.Collectors.Tests.Magento;

/// <summary>
/// The instance most tests collect: two websites, a few modules, customers (REST, FakeMagento) and admin data
/// (database, seeded into the real MariaDB fixture), each with a known gap. Times are whole seconds, as the
/// database's TIMESTAMP columns store them, so expectations computed here match what is read back.
/// </summary>
internal static class TestInstances
{
    /// <summary>The current time truncated to whole seconds: one value for the REST state, the database rows and the expectations.</summary>
    public static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    public static FakeMagentoState Acme(DateTime? now = null)
    {
        var at = now ?? Now();
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

    /// <summary>When eve's lock expires in the seeded database (one hour after <c>now</c>).</summary>
    public static DateTime EveLockExpiresAt(DateTime now) => now.AddHours(1);

    /// <summary>
    /// Seeds the store's database the way Magento stores it: five admins in two roles (one idle 200 days, one
    /// deactivated, one never logged in, one locked), four integrations (two with Magento_Backend::all), the admin
    /// security settings and three action-log entries. Works on any <see cref="MagentoDatabase"/> layout; rows of a
    /// table the database lacks (Open Source without magento_logging_event, no tfa_user_config) are left out.
    /// </summary>
    public static async Task SeedAsync(MagentoDatabase db, DateTime now)
    {
        var administrators = await db.AddAdminRoleAsync("Administrators", ["Magento_Backend::all"]);
        var support = await db.AddAdminRoleAsync("Support", ["Magento_Sales::sales", "Magento_Customer::customer"]);
        var withTfa = db.Tables.Contains("tfa_user_config");

        async Task AdminAsync(MagentoAdminUser user, int role, bool twoFactor)
        {
            var id = await db.AddAdminUserAsync(user);
            await db.AssignAdminRoleAsync(id, role);
            if (twoFactor && withTfa)
            {
                await db.AddTwoFactorConfigAsync(id, "0:3:encrypted-google-config");
            }
        }

        await AdminAsync(new MagentoAdminUser("alice") { Email = "alice@acme.example", FirstName = "Alice", LastName = "Admin", LastLoginAt = now.AddDays(-5), LoginCount = 120, CreatedAt = now.AddDays(-900) }, administrators, true);
        await AdminAsync(new MagentoAdminUser("bob") { Email = "bob@acme.example", FirstName = "Bob", LastName = "Stale", LastLoginAt = now.AddDays(-200), LoginCount = 40, CreatedAt = now.AddDays(-700) }, administrators, false);
        await AdminAsync(new MagentoAdminUser("carol") { Email = "carol@acme.example", FirstName = "Carol", LastName = "Gone", IsActive = false, LastLoginAt = now.AddDays(-400), LoginCount = 10, CreatedAt = now.AddDays(-800) }, support, true);
        await AdminAsync(new MagentoAdminUser("dave") { Email = "dave@acme.example", FirstName = "Dave", LastName = "New", CreatedAt = now.AddDays(-30) }, support, false);
        await AdminAsync(new MagentoAdminUser("eve") { Email = "eve@acme.example", FirstName = "Eve", LastName = "Locked", LastLoginAt = now.AddDays(-2), LoginCount = 60, FailureCount = 6, FirstFailureAt = now.AddMinutes(-10), LockExpiresAt = EveLockExpiresAt(now), CreatedAt = now.AddDays(-300) }, support, true);

        await db.AddIntegrationAsync(new MagentoIntegration("ERP Connector") { Email = "erp@acme.example", Endpoint = "https://erp.acme.example/magento", CreatedAt = now.AddDays(-500), UpdatedAt = now.AddDays(-100), ConsumerCreatedAt = now.AddDays(-500), AllowedResources = ["Magento_Backend::all"] });
        await db.AddIntegrationAsync(new MagentoIntegration("Klaviyo") { CreatedAt = now.AddDays(-200), UpdatedAt = now.AddDays(-200), ConsumerCreatedAt = now.AddDays(-200), AllowedResources = ["Magento_Sales::sales", "Magento_Customer::customer", "Magento_Catalog::catalog"] });
        await db.AddIntegrationAsync(new MagentoIntegration("Old Feed") { Status = 0, CreatedAt = now.AddDays(-900), UpdatedAt = now.AddDays(-900), ConsumerCreatedAt = now.AddDays(-900), AllowedResources = ["Magento_Backend::all"] });
        await db.AddIntegrationAsync(new MagentoIntegration("Shipping Rates") { SetupType = 1, CreatedAt = now.AddDays(-50), UpdatedAt = now.AddDays(-50), ConsumerCreatedAt = now.AddDays(-50), AllowedResources = ["Magento_Catalog::catalog"] });

        await db.AddConfigAsync("admin/security/session_lifetime", "86400");
        await db.AddConfigAsync("admin/security/password_is_forced", "0");
        await db.AddConfigAsync("system/rotation/lifetime", "90");
        await db.AddConfigAsync("web/secure/base_url", "https://shop.acme.example/");

        if (db.Tables.Contains("magento_logging_event"))
        {
            foreach (var at in new[] { now.AddDays(-50), now.AddDays(-20), now.AddMinutes(-5) })
            {
                await db.AddActionLogEventAsync(new MagentoActionLogEvent(at) { User = "alice" });
            }
        }
    }
}
