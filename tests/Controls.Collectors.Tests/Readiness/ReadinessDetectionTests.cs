using Controls.Collectors.Tests.Shopify;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Readiness;
using Controls.Testing.FakeShopify;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.Readiness;

/// <summary>The detection component read from the statuses a real Shopify collection (against the loopback fake) produced.</summary>
public sealed class ReadinessDetectionTests : IAsyncLifetime
{
    private FakeShopifyServer _shopify = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _shopify = await FakeShopifyServer.StartAsync(TestStores.Acme());
        _host = await ShopifyTestHost.StartAsync(_shopify);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _shopify.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Detection_AfterAShopifyCollection_CountsOnlyPassingChecksAsWired()
    {
        await _host.CollectAsync();
        var evaluations = await _host.EvaluationsAsync();

        // The fake store delivers SHOP_UPDATE over plain http (not a monitored endpoint) and has attributed events.
        Assert.Equal(CheckStatus.Fail, evaluations["shopify.security-webhooks-monitored"].Status);
        Assert.Equal(CheckStatus.Pass, evaluations["shopify.audit-trail-coverage"].Status);

        var readiness = (await _host.InScopeAsync((services, _) => services.GetRequiredService<ReadinessReader>().ReadAsync(CancellationToken.None)))
            .ToDictionary(r => r.Surface);

        var catalogSurface = readiness["product-catalog"];
        Assert.Equal((1, 1), (catalogSurface.DetectionWired, catalogSurface.DetectionCounted));
        Assert.Equal(30, catalogSurface.DetectionPoints);

        var appSettings = readiness["app-settings"];
        Assert.Equal((1, 2), (appSettings.DetectionWired, appSettings.DetectionCounted));
        Assert.Equal(15, appSettings.DetectionPoints);
        Assert.Contains(appSettings.Reasons, r => r.StartsWith("app-settings: detection not wired: shopify.security-webhooks-monitored is Fail", StringComparison.Ordinal));

        // Checks of platforms that are not connected have no evidence: NeedsEvidence, so not wired.
        var tenantAdmin = readiness["tenant-admin"];
        Assert.Equal((1, 5), (tenantAdmin.DetectionWired, tenantAdmin.DetectionCounted));
        Assert.Equal(CheckStatus.NeedsEvidence, tenantAdmin.DetectionChecks.Single(c => c.CheckId == "magento.action-log-retention").Status);
    }

    [Fact]
    public async Task Detection_WhenTheShopifyCollectionFails_IsNotWired()
    {
        await _host.CollectAsync();
        await _shopify.DisposeAsync();
        _shopify = await FakeShopifyServer.StartAsync(TestStores.Acme());

        // The system still points at the stopped server's port: the next run fails, and every Shopify check is Error.
        await _host.CollectAsync();

        var productCatalog = await _host.InScopeAsync((services, _) => services.GetRequiredService<ReadinessReader>().ReadAsync("product-catalog", CancellationToken.None));
        Assert.Equal(CheckStatus.Error, Assert.Single(productCatalog!.DetectionChecks).Status);
        Assert.Equal(0, productCatalog.DetectionWired);
        Assert.Equal(0, productCatalog.DetectionPoints);
    }
}
