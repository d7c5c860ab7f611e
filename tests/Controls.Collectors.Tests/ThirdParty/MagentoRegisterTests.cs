using Controls.Collectors.Tests.Magento;
using Controls.Collectors.Tests.Magento.Database;
using Controls.Collectors.Tests.Support;
using Controls.Collectors.ThirdParty;
using Controls.Collectors.ThirdParty.Sources;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.ThirdParty;
using Controls.Testing.FakeMagento;
using Controls.Testing.MariaDb;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.ThirdParty;

/// <summary>
/// A Magento store — REST from FakeMagento, the database through the real reader on the MariaDB fixture — collected
/// through the real runner; the finished run re-collects the third-party register, whose checks are read here.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class MagentoRegisterTests(MagentoDatabaseFixture fixture) : IAsyncLifetime
{
    private readonly DateTime _now = TestInstances.Now();
    private FakeMagentoServer _magento = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await TestInstances.SeedAsync(fixture.Database, _now);
        _magento = await FakeMagentoServer.StartAsync(TestInstances.Acme(_now));
        _host = await MagentoTestHost.StartAsync(_magento, fixture.ReadOnlyConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _magento.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Collect_MagentoStore_RegisterFindsUnapprovedModulesAndUnassessedIntegrationWithAllResources()
    {
        await _host.CollectAsync();

        var results = await RegisterEvaluationsAsync();
        Assert.Equal(CheckStatus.Fail, results["third-party.apps-approved"].Status);
        Assert.Equal(
            [
                "acme-shop/integrations/ERP Connector", "acme-shop/integrations/Klaviyo", "acme-shop/integrations/Old Feed",
                "acme-shop/integrations/Shipping Rates", "acme-shop/modules/Amasty_Promo", "acme-shop/modules/PayPal_Braintree",
            ],
            Resources(results["third-party.apps-approved"]));

        Assert.Equal(CheckStatus.Fail, results["third-party.sensitive-access-assessed"].Status);
        var sensitive = Lines(results["third-party.sensitive-access-assessed"]);
        Assert.Contains(sensitive, l => l.StartsWith("acme-shop/integrations/ERP Connector | acme-shop: magento-integration `ERP Connector` reaches customer, payment data (Magento_Backend::all)", StringComparison.Ordinal));
        Assert.Contains(sensitive, l => l.StartsWith("acme-shop/modules/Amasty_Promo | ", StringComparison.Ordinal));
        Assert.DoesNotContain(sensitive, l => l.StartsWith("acme-shop/integrations/Shipping Rates | ", StringComparison.Ordinal));

        var inventory = await InventoryAsync();
        var erp = inventory.Items.Single(i => i.Key == "ERP Connector");
        Assert.Equal(InventoryItemKinds.MagentoIntegration, erp.Kind);
        Assert.Equal("administration, content, customer, order, payment, product", erp.DataReach);
        Assert.Equal("customer, order, product", inventory.Items.Single(i => i.Key == "Klaviyo").DataReach);
        Assert.Equal("product", inventory.Items.Single(i => i.Key == "Shipping Rates").DataReach);
        var module = inventory.Items.Single(i => i.Key == "Amasty_Promo");
        Assert.Equal(InventoryItemKinds.MagentoModule, module.Kind);
        Assert.Equal(MagentoInventorySource.ModuleAccess, module.Access);
        Assert.DoesNotContain(inventory.Items, i => i.Key.StartsWith("Magento_", StringComparison.Ordinal));
        Assert.Empty(inventory.Gaps);
    }

    [Fact]
    public async Task Register_ApprovedVendorMatchedByNamespace_CoversItsModule()
    {
        await _host.CollectAsync();
        var today = DateOnly.FromDateTime(_now);
        await AddVendorsAsync(new VendorInput("Amasty", true, RiskTier.Medium, "it@acme.example", true, today.AddDays(-30), today.AddDays(335), null, ["Amasty"]));

        await RegisterRunAsync();

        var results = await RegisterEvaluationsAsync();
        Assert.DoesNotContain("acme-shop/modules/Amasty_Promo", Resources(results["third-party.apps-approved"]));
        Assert.DoesNotContain("acme-shop/modules/Amasty_Promo", Resources(results["third-party.sensitive-access-assessed"]));
        Assert.Contains("acme-shop/modules/PayPal_Braintree", Resources(results["third-party.apps-approved"]));
        Assert.Equal("Amasty", (await InventoryAsync()).Items.Single(i => i.Key == "Amasty_Promo").Vendor);
    }

    [Fact]
    public async Task Collect_MagentoDatabaseUnreachable_TheStoresInventoryIsAFailureNotMissingIntegrations()
    {
        var old = _host;
        await old.DisposeAsync();
        old.DeleteFolder();
        _host = await MagentoTestHost.StartAsync(_magento, $"Server=127.0.0.1;Port={MariaDbServer.FreePort()};Database=magento;User ID=controls_ro;Password=Unreachable-Secret-2;SslMode=None");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var results = await RegisterEvaluationsAsync();
        foreach (var id in new[] { "third-party.apps-approved", "third-party.sensitive-access-assessed", "third-party.new-installs-reviewed" })
        {
            Assert.Equal(CheckStatus.Error, results[id].Status);
            Assert.Contains("magento.integrations", CollectorTestHost.Explain(results[id]), StringComparison.Ordinal);
        }

        var gap = Assert.Single((await InventoryAsync()).Gaps);
        Assert.Equal("acme-shop", gap.System);
    }

    private Task<CollectionRun> RegisterRunAsync() =>
        _host.InScopeAsync((services, _) => services.GetRequiredService<ThirdPartyRegisterService>().CollectAsync(ThirdPartyRegister.TriggerRegisterEdit, CancellationToken.None));

    private Task<int> AddVendorsAsync(params VendorInput[] vendors) =>
        _host.InScopeAsync(async (_, db) =>
        {
            foreach (var input in vendors)
            {
                var vendor = new Vendor { WorkspaceId = _host.WorkspaceId, Name = input.Name, CreatedAt = _now };
                input.ApplyTo(vendor, _now);
                db.Vendors.Add(vendor);
            }

            return await db.SaveChangesAsync();
        });

    private Task<InventoryView> InventoryAsync() =>
        _host.InScopeAsync((services, _) => services.GetRequiredService<ThirdPartyInventoryReader>().ReadAsync(CancellationToken.None));

    private Task<Dictionary<string, CheckEvaluation>> RegisterEvaluationsAsync() =>
        _host.InScopeAsync(async (_, db) =>
        {
            var registerId = await db.Systems.Where(s => s.Kind == ThirdPartyRegister.Kind).Select(s => s.Id).SingleAsync();
            return await db.CheckEvaluations.AsNoTracking().Include(e => e.Findings)
                .Where(e => e.IsCurrent && e.SystemId == registerId)
                .ToDictionaryAsync(e => e.CheckId);
        });

    private static string[] Resources(CheckEvaluation evaluation) => [.. evaluation.Findings.Select(f => f.Resource).Order(StringComparer.Ordinal)];

    private static string[] Lines(CheckEvaluation evaluation) => [.. evaluation.Findings.Select(f => $"{f.Resource} | {f.Message}").Order(StringComparer.Ordinal)];
}
