using Controls.Collectors.Demo;
using Controls.Collectors.Magento.Evidence;
using Controls.Collectors.Tests.Magento;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Systems;

namespace Controls.Collectors.Tests.Demo;

/// <summary>
/// The demo Magento instance's REST API replayed from its recording through the real collector, here without its
/// database credential (the demo workspace's own system gets the replayed database, see DemoPlatformsWorkspaceTests),
/// so its database evidence is a collection failure here.
/// </summary>
public sealed class DemoMagentoReplayTests : IAsyncLifetime
{
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync() => _host = await MagentoTestHost.StartAsync(null, null);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Collect_DemoWorkspaceInstance_ReadsTheRecordedRestApi()
    {
        await _host.ConnectAsync(SystemKinds.Magento, DemoNames.MagentoInstance, DemoNames.MagentoBaseUrl, isDemo: true);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        Assert.Equal(5, run.RequestCount);
        var evaluations = (await _host.EvaluationsAsync()).Where(e => e.Key.StartsWith("magento.", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(CheckStatus.Pass, evaluations["magento.admin-2fa-enforced"].Status);
        Assert.Equal(CheckStatus.Fail, evaluations["magento.storefront-https"].Status);
        Assert.Equal(CheckStatus.Fail, evaluations["magento.customer-data-retention"].Status);
        Assert.Equal(CheckStatus.Error, evaluations["magento.admin-accounts-cleaned-up"].Status);
        Assert.Contains("Amasty_Promo", await _host.EvidenceJsonAsync(MagentoEvidenceKinds.Modules), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_ReplayAddressOutsideTheDemoWorkspace_IsRefused()
    {
        await _host.ConnectAsync(SystemKinds.Magento, DemoNames.MagentoInstance, DemoNames.MagentoBaseUrl, isDemo: false);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Contains("serves recorded sample data and is only allowed in the demo workspace", run.Error, StringComparison.Ordinal);
    }
}
