using Controls.Collectors.Magento.Checks;
using Controls.Collectors.Magento.Evidence;
using Controls.Compliance.Evaluation;
using static Controls.Collectors.Tests.GitHub.Checks.EvidenceBuilder;

namespace Controls.Collectors.Tests.Magento.Checks;

public sealed class MagentoCheckTests
{
    private const string Instance = "acme-shop";

    private static DateTime DaysAgo(double days) => CollectedAt.AddDays(-days);

    private static EvidenceItem TwoFactor(bool module, params string[] providers) =>
        Item(MagentoEvidenceKinds.TwoFactor, Instance, new TwoFactorEvidence(Instance, module, [.. providers.Select(p => new TwoFactorProviderEvidence(p, p, true))]));

    private static AdminUserEvidence Admin(string name, bool active = true, double? lastLoginDaysAgo = 1, double createdDaysAgo = 400, bool? tfa = true, DateTime? lockedUntil = null, int failures = 0) =>
        new(name.Length, name, $"{name}@acme.example", active, "Administrators", RoleGrantsAll: true, DaysAgo(createdDaysAgo), lastLoginDaysAgo is { } d ? DaysAgo(d) : null, 5, failures, lockedUntil, tfa);

    private static EvidenceItem Admins(params AdminUserEvidence[] users) =>
        Item(MagentoEvidenceKinds.AdminUsers, Instance, new AdminUsersEvidence(Instance, "10.11.6-MariaDB", users));

    private static IntegrationEvidence Integration(string name, bool all = false, int status = 1, params string[] resources) =>
        new(name.Length, name, status, status == 1 ? "active" : "inactive", 0, DaysAgo(100), DaysAgo(10), DaysAgo(100), all, resources);

    private static EvidenceItem Integrations(params IntegrationEvidence[] integrations) =>
        Item(MagentoEvidenceKinds.Integrations, Instance, new IntegrationsEvidence(Instance, integrations));

    private static EvidenceItem Security(params (string Path, string? Value)[] rows) =>
        Item(MagentoEvidenceKinds.SecurityConfig, Instance, new SecurityConfigEvidence(Instance, [.. AdminSessionHardenedEvaluator.PlatformDefaults.Keys],
            [.. rows.Select(r => new ConfigValueEvidence(r.Path, "default", 0, r.Value))]));

    private static EvidenceItem ActionLog(bool present, int? lifetime) =>
        Item(MagentoEvidenceKinds.ActionLog, Instance, new ActionLogEvidence(Instance, present, lifetime, 60, present ? 100 : 0, present ? DaysAgo(30) : null, present ? DaysAgo(0) : null));

    private static EvidenceItem Stores(params (string Code, string Base, string Secure)[] views) =>
        Item(MagentoEvidenceKinds.Stores, Instance, new StoresEvidence(Instance, [new WebsiteEvidence(1, "base", "Main Website", 1)],
            [.. views.Select((v, i) => new StoreViewEvidence(i + 1, v.Code, 1, "en_US", "UTC", "EUR", v.Base, v.Base, v.Secure, v.Secure))]));

    private static EvidenceItem Customers(int total, bool truncated, params (string Website, (double DaysAgo, int Count)[] Days)[] websites) =>
        Item(MagentoEvidenceKinds.Customers, Instance, new CustomersEvidence(Instance, total, websites.Sum(w => w.Days.Sum(d => d.Count)), 1, truncated, false,
            [.. websites.Select((w, i) => new CustomerWebsiteEvidence(i + 1, w.Website, w.Days.Sum(d => d.Count), DaysAgo(w.Days.Max(d => d.DaysAgo)), DaysAgo(w.Days.Min(d => d.DaysAgo)),
                w.Days.ToDictionary(d => DaysAgo(d.DaysAgo).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d => d.Count)))]));

    private static (string, string)[] Findings(CheckVerdict verdict) => [.. verdict.Findings.Select(f => (f.Resource, f.Message))];

    [Fact]
    public void TwoFactorEnforced_WhenModuleEnabledAndProviderForced_Passes()
    {
        var check = new AdminTwoFactorEnforcedEvaluator();
        var verdict = check.Evaluate(Snapshot(TwoFactor(true, "google", "duo_security")), Parameters(check.CheckId));

        Assert.True(verdict.Passed);
        Assert.Equal("acme-shop: Magento_TwoFactorAuth is enabled and admins must use google, duo_security.", verdict.Summary);
    }

    [Theory]
    [InlineData(false, "acme-shop: the Magento_TwoFactorAuth module is not enabled (bin/magento module:status Magento_TwoFactorAuth)")]
    [InlineData(true, "acme-shop: no two-factor provider is forced for admin users")]
    public void TwoFactorEnforced_WhenModuleDisabledOrNothingForced_Fails(bool module, string finding)
    {
        var check = new AdminTwoFactorEnforcedEvaluator();
        var verdict = check.Evaluate(Snapshot(TwoFactor(module)), Parameters(check.CheckId));

        Assert.False(verdict.Passed);
        Assert.Equal([("acme-shop/two-factor", finding)], Findings(verdict));
    }

    [Fact]
    public void TwoFactorConfigured_WhenEveryActiveAdminEnrolled_Passes()
    {
        var check = new AdminTwoFactorConfiguredEvaluator();
        var verdict = check.Evaluate(Snapshot(Admins(Admin("alice"), Admin("gone", active: false, tfa: false))), Parameters(check.CheckId));

        Assert.True(verdict.Passed);
        Assert.Equal("acme-shop: all 1 active admin(s) have a two-factor provider configured.", verdict.Summary);
    }

    [Fact]
    public void TwoFactorConfigured_WhenAnAdminIsNotEnrolledOrTheTableIsMissing_Fails()
    {
        var check = new AdminTwoFactorConfiguredEvaluator();
        var missing = check.Evaluate(Snapshot(Admins(Admin("bob", tfa: false), Admin("alice"))), Parameters(check.CheckId));
        var noTable = check.Evaluate(Snapshot(Admins(Admin("bob", tfa: null))), Parameters(check.CheckId));

        Assert.Equal([("acme-shop/admin-users/bob", "acme-shop: active admin `bob` (role Administrators) has no two-factor provider configured")], Findings(missing));
        Assert.False(noTable.Passed);
        Assert.StartsWith("acme-shop: the database has no tfa_user_config table", noTable.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountsCleanedUp_WhenEveryoneActiveAndRecent_Passes()
    {
        var check = new AdminAccountsCleanedUpEvaluator();
        var verdict = check.Evaluate(Snapshot(Admins(Admin("alice", lastLoginDaysAgo: 89), Admin("newbie", lastLoginDaysAgo: null, createdDaysAgo: 3))), Parameters(check.CheckId));

        Assert.True(verdict.Passed);
    }

    [Fact]
    public void AccountsCleanedUp_WhenStaleNeverUsedDeactivatedOrLocked_FailsPerAccount()
    {
        var check = new AdminAccountsCleanedUpEvaluator();
        var verdict = check.Evaluate(
            Snapshot(Admins(
                Admin("bob", lastLoginDaysAgo: 91),
                Admin("dave", lastLoginDaysAgo: null, createdDaysAgo: 15),
                Admin("carol", active: false),
                Admin("eve", lockedUntil: CollectedAt.AddMinutes(30), failures: 6))),
            Parameters(check.CheckId));

        Assert.Equal(
            [
                ("acme-shop/admin-users/bob", "acme-shop: admin `bob` (role Administrators) has not logged in for 91 days (last 2026-08-03; at most 90 allowed)"),
                ("acme-shop/admin-users/dave", "acme-shop: admin `dave` (role Administrators) was created 2026-10-18 and has never logged in"),
                ("acme-shop/admin-users/carol", "acme-shop: admin `carol` (role Administrators) is deactivated but not deleted"),
                ("acme-shop/admin-users/eve", "acme-shop: admin `eve` (role Administrators) is locked until 2026-11-02 09:30 UTC after 6 failed login(s): confirm who tried"),
            ],
            Findings(verdict));
    }

    [Fact]
    public void AccountsCleanedUp_WithLongerInactivityAllowed_Passes()
    {
        var check = new AdminAccountsCleanedUpEvaluator();
        var verdict = check.Evaluate(Snapshot(Admins(Admin("bob", lastLoginDaysAgo: 91))), Parameters(check.CheckId, ("maxInactiveDays", "180")));

        Assert.True(verdict.Passed);
    }

    [Fact]
    public void Integrations_ScopedToTheirData_PassEvenWithCustomerResources_AndInactiveOnesAreIgnored()
    {
        var check = new IntegrationsLeastPrivilegeEvaluator();
        var verdict = check.Evaluate(
            Snapshot(Integrations(Integration("Klaviyo", resources: ["Magento_Customer::customer"]), Integration("Old", all: true, status: 0))),
            Parameters(check.CheckId));

        Assert.True(verdict.Passed);
        Assert.Equal("acme-shop: none of 1 active integration(s) holds every resource or resources that grant more access.", verdict.Summary);
    }

    [Fact]
    public void Integrations_WithAllResourcesOrResourcesThatGrantMore_FailsNamingThem()
    {
        var check = new IntegrationsLeastPrivilegeEvaluator();
        var verdict = check.Evaluate(
            Snapshot(Integrations(
                Integration("ERP", all: true),
                Integration("Feed", resources: ["Magento_Catalog::catalog"]),
                Integration("Helper", resources: ["Magento_Catalog::catalog", "Magento_User::acl_users", "Magento_Config::config"]))),
            Parameters(check.CheckId));

        Assert.Equal(
            [
                ("acme-shop/integrations/ERP", "acme-shop: integration `ERP` is granted Magento_Backend::all (every admin resource)"),
                ("acme-shop/integrations/Helper", "acme-shop: integration `Helper` holds Magento_Config::config, Magento_User::acl_users, which can change admin users, integrations or configuration"),
            ],
            Findings(verdict));
    }

    [Fact]
    public void SessionHardened_WithPlatformDefaults_Passes()
    {
        var check = new AdminSessionHardenedEvaluator();
        var verdict = check.Evaluate(Snapshot(Security()), Parameters(check.CheckId));

        Assert.True(verdict.Passed);
        Assert.Equal(
            "acme-shop: admin session lifetime 900 s, lockout after 6 failures for 30 min, passwords expire after 90 days, sharing off, secret keys in URLs on.",
            verdict.Summary);
    }

    [Fact]
    public void SessionHardened_WithWeakSettings_FailsPerSetting()
    {
        var check = new AdminSessionHardenedEvaluator();
        var verdict = check.Evaluate(
            Snapshot(Security(
                ("admin/security/session_lifetime", "3600"),
                ("admin/security/lockout_failures", string.Empty),
                ("admin/security/lockout_threshold", "5"),
                ("admin/security/password_lifetime", string.Empty),
                ("admin/security/admin_account_sharing", "1"),
                ("admin/security/use_form_key", "0"))),
            Parameters(check.CheckId));

        Assert.Equal(
            [
                "admin/security/session_lifetime", "admin/security/lockout_failures", "admin/security/lockout_threshold",
                "admin/security/password_lifetime", "admin/security/admin_account_sharing", "admin/security/use_form_key",
            ],
            verdict.Findings.Select(f => f.Resource["acme-shop/config/".Length..]));
        Assert.Equal(
            "acme-shop: admin/security/lockout_failures = (empty, feature disabled): accounts are not locked after at most 6 failed logins",
            verdict.Findings[1].Message);
    }

    [Fact]
    public void ActionLog_WhenLifetimeCoversTheAuditPeriod_Passes()
    {
        var check = new ActionLogRetentionEvaluator();
        var verdict = check.Evaluate(Snapshot(ActionLog(true, 1095)), Parameters(check.CheckId));

        Assert.True(verdict.Passed);
        Assert.Equal("acme-shop: action log entries are kept 1095 days (system/rotation/lifetime); 100 entries, oldest 2026-10-03; at least 1095 days are required.", verdict.Summary);
    }

    [Fact]
    public void ActionLog_WhenDefaultLifetimeOrOpenSource_Fails()
    {
        var check = new ActionLogRetentionEvaluator();
        var defaulted = check.Evaluate(Snapshot(ActionLog(true, null)), Parameters(check.CheckId));
        var openSource = check.Evaluate(Snapshot(ActionLog(false, null)), Parameters(check.CheckId));

        Assert.Equal([("acme-shop/action-log", "acme-shop: the action log keeps entries 60 days, less than the required 1095")], Findings(defaulted));
        Assert.Contains("the default of 60 days", defaulted.Summary, StringComparison.Ordinal);
        Assert.Equal(
            [("acme-shop/action-log", "acme-shop: admin actions are not logged (Magento Open Source has no action log); at least 1095 days of audit trail are required")],
            Findings(openSource));
    }

    [Fact]
    public void Https_WhenEveryUrlIsHttps_Passes()
    {
        var check = new StorefrontHttpsEvaluator();
        var verdict = check.Evaluate(Snapshot(Stores(("default", "https://shop.example/", "https://shop.example/"))), Parameters(check.CheckId));

        Assert.True(verdict.Passed);
    }

    [Fact]
    public void Https_WhenASecureUrlIsHttp_FailsEvenWithoutTheBaseUrlRequirement()
    {
        var check = new StorefrontHttpsEvaluator();
        var snapshot = Snapshot(Stores(("default", "http://shop.example/", "https://shop.example/"), ("de", "http://shop.example/de/", "http://shop.example/de/")));

        var strict = check.Evaluate(snapshot, Parameters(check.CheckId));
        var lenient = check.Evaluate(snapshot, Parameters(check.CheckId, ("requireHttpsBaseUrl", "false")));

        Assert.Equal(["acme-shop/stores/default", "acme-shop/stores/de"], strict.Findings.Select(f => f.Resource));
        Assert.Equal(
            [("acme-shop/stores/de", "acme-shop: store view `de` serves secure_base_url http://shop.example/de/, secure_base_link_url http://shop.example/de/ without https")],
            Findings(lenient));
    }

    [Fact]
    public void Retention_WhenNoAccountIsOlderThanTheLimit_Passes()
    {
        var check = new CustomerDataRetentionEvaluator();
        var verdict = check.Evaluate(Snapshot(Customers(3, false, ("base", [(10, 2), (1094, 1)]))), Parameters(check.CheckId));

        Assert.True(verdict.Passed);
        Assert.Equal("acme-shop: 3 of 3 customer account(s) read; 0 not updated for more than 1095 days (at most 0 allowed).", verdict.Summary);
    }

    [Fact]
    public void Retention_WhenAccountsAreStale_FailsPerWebsite()
    {
        var check = new CustomerDataRetentionEvaluator();
        var verdict = check.Evaluate(Snapshot(Customers(6, false, ("base", [(10, 2), (1200, 1)]), ("wholesale", [(2000, 3)]))), Parameters(check.CheckId));

        Assert.Equal(
            [
                ("acme-shop/websites/base/customers", "acme-shop: website `base` has 1 of 3 customer account(s) not updated for more than 1095 days (oldest 2023-07-21)"),
                ("acme-shop/websites/wholesale/customers", "acme-shop: website `wholesale` has 3 of 3 customer account(s) not updated for more than 1095 days (oldest 2021-05-12)"),
            ],
            Findings(verdict));
        Assert.True(check.Evaluate(Snapshot(Customers(6, false, ("base", [(10, 2), (1200, 1)]), ("wholesale", [(2000, 3)]))), Parameters(check.CheckId, ("maxStaleCustomers", "4"))).Passed);
    }

    [Fact]
    public void Retention_WhenTheReadWasTruncated_FailsBecauseUnreadAccountsAreUnknown()
    {
        var check = new CustomerDataRetentionEvaluator();
        var verdict = check.Evaluate(Snapshot(Customers(1000, true, ("base", [(10, 2)]))), Parameters(check.CheckId));

        Assert.False(verdict.Passed);
        Assert.Equal(
            [("acme-shop/customers", "acme-shop: only 2 of 1000 customer account(s) read (reading stopped at the page limit); accounts not read cannot be shown to be within retention")],
            Findings(verdict));
    }
}
