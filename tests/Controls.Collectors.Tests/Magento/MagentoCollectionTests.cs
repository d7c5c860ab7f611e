using Controls.Collectors.Magento.Evidence;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Collectors.Tests.Magento.Database;
using Controls.Testing.FakeMagento;
using Controls.Testing.MariaDb;
using Microsoft.EntityFrameworkCore;

namespace Controls.Collectors.Tests.Magento;

/// <summary>A whole collection: REST from FakeMagento, the database path through the real reader on the MariaDB fixture.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MagentoCollectionTests(MagentoDatabaseFixture fixture) : IAsyncLifetime
{
    private readonly DateTime _now = TestInstances.Now();
    private FakeMagentoServer _magento = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await TestInstances.SeedAsync(fixture.Database, _now);
        _magento = await FakeMagentoServer.StartAsync(TestInstances.Acme(_now));
        _host = await MagentoTestHost.StartAsync(_magento, fixture.ReadOnlyConnectionString, settings: new Dictionary<string, string?> { ["Controls:Magento:PageSize"] = "2" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _magento.DisposeAsync();
        _host.DeleteFolder();
    }

    private async Task<Dictionary<string, CheckEvaluation>> MagentoEvaluationsAsync() =>
        (await _host.EvaluationsAsync()).Where(e => e.Key.StartsWith("magento.", StringComparison.Ordinal)).ToDictionary();

    [Fact]
    public async Task Collect_FullInstance_RecordsEveryEvidenceKind()
    {
        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var records = await _host.InScopeAsync(async (_, db) => await db.EvidenceRecords.AsNoTracking()
            .Where(r => r.SystemId == _host.SystemId).Select(r => new { r.Kind, r.Subject, r.Outcome }).ToListAsync());
        Assert.Equal(
            [
                MagentoEvidenceKinds.ActionLog, MagentoEvidenceKinds.AdminUsers, MagentoEvidenceKinds.Customers, MagentoEvidenceKinds.Integrations,
                MagentoEvidenceKinds.Modules, MagentoEvidenceKinds.SecurityConfig, MagentoEvidenceKinds.Stores, MagentoEvidenceKinds.TwoFactor,
            ],
            records.Select(r => r.Kind).Order(StringComparer.Ordinal));
        Assert.All(records, r =>
        {
            Assert.Equal("acme-shop", r.Subject);
            Assert.Equal(EvidenceOutcome.Collected, r.Outcome);
        });
        Assert.Equal(_magento.Requests.All.Count, run.RequestCount);
        Assert.Contains("\"alice\"", await _host.EvidenceJsonAsync(MagentoEvidenceKinds.AdminUsers), StringComparison.Ordinal);
        Assert.All(_magento.Requests.All, r =>
        {
            Assert.Equal("all", r.StoreCode);
            Assert.True(r.HadBearer);
        });
    }

    [Fact]
    public async Task Collect_FullInstance_EvaluatesEveryCheckWithExactFindings()
    {
        await _host.CollectAsync();

        var evaluations = await MagentoEvaluationsAsync();
        string[] Findings(string id) => [.. evaluations[id].Findings.Select(f => $"{f.Resource} | {f.Message}").Order(StringComparer.Ordinal)];

        Assert.Equal(8, evaluations.Count);
        Assert.Equal(CheckStatus.Pass, evaluations["magento.admin-2fa-enforced"].Status);
        Assert.Equal("acme-shop: Magento_TwoFactorAuth is enabled and admins must use google.", evaluations["magento.admin-2fa-enforced"].Summary);
        Assert.Equal(
            ["acme-shop/stores/b2b | acme-shop: store view `b2b` serves base_url http://wholesale.acme.example/, base_link_url http://wholesale.acme.example/ without https"],
            Findings("magento.storefront-https"));
        Assert.Equal(
            [
                "acme-shop/admin-users/bob | acme-shop: admin `bob` (role Administrators) has not logged in for 200 days (last " + Day(-200) + "; at most 90 allowed)",
                "acme-shop/admin-users/carol | acme-shop: admin `carol` (role Support) is deactivated but not deleted",
                "acme-shop/admin-users/dave | acme-shop: admin `dave` (role Support) was created " + Day(-30) + " and has never logged in",
                "acme-shop/admin-users/eve | acme-shop: admin `eve` (role Support) is locked until " + TestInstances.EveLockExpiresAt(_now).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC after 6 failed login(s): confirm who tried",
            ],
            Findings("magento.admin-accounts-cleaned-up"));
        Assert.Equal(
            [
                "acme-shop/admin-users/bob | acme-shop: active admin `bob` (role Administrators) has no two-factor provider configured",
                "acme-shop/admin-users/dave | acme-shop: active admin `dave` (role Support) has no two-factor provider configured",
            ],
            Findings("magento.admin-2fa-configured-per-user"));
        Assert.Equal(
            ["acme-shop/integrations/ERP Connector | acme-shop: integration `ERP Connector` is granted Magento_Backend::all (every admin resource)"],
            Findings("magento.integrations-least-privilege"));
        Assert.Equal(
            [
                "acme-shop/config/admin/security/password_is_forced | acme-shop: admin/security/password_is_forced = 0: an expired password is only a recommendation, not a forced change",
                "acme-shop/config/admin/security/session_lifetime | acme-shop: admin/security/session_lifetime = 86400: admin sessions may stay idle longer than 900 seconds",
            ],
            Findings("magento.admin-session-hardened"));
        Assert.Equal(CheckStatus.Fail, evaluations["magento.action-log-retention"].Status);
        Assert.StartsWith("acme-shop: action log entries are kept 90 days (system/rotation/lifetime); 3 entries, oldest ", evaluations["magento.action-log-retention"].Summary, StringComparison.Ordinal);
        Assert.Equal(
            [
                "acme-shop/websites/base/customers | acme-shop: website `base` has 1 of 3 customer account(s) not updated for more than 1095 days (oldest " + Day(-2000) + ")",
                "acme-shop/websites/wholesale/customers | acme-shop: website `wholesale` has 1 of 2 customer account(s) not updated for more than 1095 days (oldest " + Day(-1500) + ")",
            ],
            Findings("magento.customer-data-retention"));
    }

    [Fact]
    public async Task Collect_CustomerPaging_StopsOnTotalCountAlthoughMagentoRepeatsTheLastPage()
    {
        await _host.CollectAsync();

        // 5 customers in pages of 2: pages 1..3, then 3 × 2 >= 5. A fourth request would get page 3 again.
        var pages = _magento.Requests.All.Where(r => r.Route == "customers/search").ToList();
        Assert.Equal(3, pages.Count);
        Assert.Equal(
            ["searchCriteria[currentPage]=1", "searchCriteria[currentPage]=2", "searchCriteria[currentPage]=3"],
            pages.Select(p => Uri.UnescapeDataString(p.Query).Split('&').Single(q => q.Contains("currentPage", StringComparison.Ordinal))));
        var customers = await _host.EvidenceJsonAsync(MagentoEvidenceKinds.Customers);
        Assert.Contains("\"read\":5", customers, StringComparison.Ordinal);
        Assert.Contains("\"stoppedOnRepeat\":false", customers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_WhenTotalCountOverstates_StopsOnTheRepeatedPageAndRetentionIsNotPassed()
    {
        _magento.State.TotalCountOverride = 99;
        await _host.SetParameterAsync("magento.customer-data-retention", "retentionDays", "5000");

        await _host.CollectAsync();

        Assert.Equal(4, _magento.Requests.All.Count(r => r.Route == "customers/search"));
        var customers = await _host.EvidenceJsonAsync(MagentoEvidenceKinds.Customers);
        Assert.Contains("\"stoppedOnRepeat\":true", customers, StringComparison.Ordinal);
        var retention = (await MagentoEvaluationsAsync())["magento.customer-data-retention"];
        Assert.Equal(CheckStatus.Fail, retention.Status);
        Assert.Contains("only 5 of 99 customer account(s) read", CollectorTestHost.Explain(retention), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_NeverStoresCustomerPersonalData()
    {
        await _host.CollectAsync();

        foreach (var customer in _magento.State.Customers)
        {
            foreach (var personal in new[] { customer.Email, customer.FirstName, customer.LastName })
            {
                Assert.Empty(GitHub.DataFolderScanner.FilesContaining(_host.Folder, personal));
            }
        }
    }

    [Fact]
    public async Task Collect_WithStoreCodeOptionEmpty_UsesTheDefaultStoreViewPath()
    {
        var first = _host;
        await first.DisposeAsync();
        first.DeleteFolder();
        _host = await MagentoTestHost.StartAsync(_magento, fixture.ReadOnlyConnectionString, settings: new Dictionary<string, string?> { ["Controls:Magento:StoreCode"] = string.Empty });

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.All(_magento.Requests.All, r => Assert.Equal(string.Empty, r.StoreCode));
    }

    private string Day(int offset) => _now.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
