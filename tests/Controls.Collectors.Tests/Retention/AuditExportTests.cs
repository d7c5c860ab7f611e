using Controls.Collectors.Tests.GitHub;
using Controls.Collectors.Tests.Logs;
using Controls.Collectors.Tests.Shopify;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Systems;
using Controls.Testing;
using Controls.Testing.FakeElasticsearch;
using Controls.Testing.FakeGitHub;
using Controls.Testing.FakeShopify;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.Retention;

/// <summary>
/// shopify.audit-trail-exported (and github.audit-log-exported) over the real composition: a fake Shopify store and
/// a fake Elasticsearch on loopback, connected in one workspace, collected by the real collectors. The check reads
/// the log store's evidence through ICheckEvaluator.WorkspaceEvidence, so these tests are also the tests of that
/// core mechanism: a failed, stale or never collected source must block the verdict, never let it pass.
/// </summary>
public sealed class AuditExportTests : IAsyncLifetime
{
    private const string ShopifyCheck = "shopify.audit-trail-exported";
    private const string GitHubCheck = "github.audit-log-exported";

    private readonly TestClock _clock = new();
    private readonly List<IAsyncDisposable> _servers = [];
    private FakeShopifyServer _shopify = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _shopify = await FakeShopifyServer.StartAsync(TestStores.Acme(_clock.GetUtcNow()));
        _servers.Add(_shopify);
        _host = await ShopifyTestHost.StartAsync(_shopify, time: _clock, settings: new Dictionary<string, string?>
        {
            [$"Controls:Credentials:{LogStoreTestHost.CredentialName}"] = FakeElasticsearchState.DefaultApiKey,
            ["Controls:LogStore:RetryBaseDelay"] = "00:00:00.010",
            ["Controls:LogStore:MaxRetries"] = "1",
            [$"Controls:Credentials:{GitHubTestHost.CredentialName}"] = FakeGitHubState.DefaultToken,
            ["Controls:GitHub:RetryBaseDelay"] = "00:00:00.010",
            ["Controls:GitHub:MaxRetries"] = "1",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _host.DeleteFolder();
    }

    /// <summary>A cluster with one index group under one policy; other data so the patterns have something to skip.</summary>
    private static FakeElasticsearchState Store(string group, string policy, string? deleteAfter) => new FakeElasticsearchState()
        .Policy("logs-90d", deleteAfter: "90d")
        .DailyIndices("logs-storefront", 2, "logs-90d")
        .Policy(policy, deleteAfter: deleteAfter)
        .DailyIndices(group, 3, policy);

    private async Task<(FakeElasticsearchServer Server, int SystemId)> ConnectLogStoreAsync(FakeElasticsearchState state, string name = LogStoreTestHost.SystemName)
    {
        var server = await FakeElasticsearchServer.StartAsync(state);
        _servers.Add(server);
        var id = await _host.InScopeAsync(async (_, db) =>
        {
            var system = new ConnectedSystem
            {
                WorkspaceId = _host.WorkspaceId,
                Kind = SystemKinds.LogStore,
                Name = name,
                BaseUrl = server.BaseUrl.AbsoluteUri,
                CredentialName = LogStoreTestHost.CredentialName,
            };
            db.Systems.Add(system);
            await db.SaveChangesAsync();
            return system.Id;
        });
        return (server, id);
    }

    private Task<CollectionRun> CollectAsync(int systemId) =>
        _host.InScopeAsync((services, _) => services.GetRequiredService<CollectionRunner>().RunAsync(systemId, "manual", CancellationToken.None));

    private async Task<CheckEvaluation> ShopifyResultAsync()
    {
        var run = await _host.CollectAsync();
        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        return (await _host.EvaluationsAsync())[ShopifyCheck];
    }

    [Fact]
    public async Task Evaluate_ExportKeptThreeYears_PassesNamingStoreIndexGroupAndDays()
    {
        var (_, logs) = await ConnectLogStoreAsync(Store("shopify-audit", "audit-3y", "1095d"));
        Assert.Equal(RunOutcome.Succeeded, (await CollectAsync(logs)).Outcome);

        var result = await ShopifyResultAsync();

        Assert.True(result.Status == CheckStatus.Pass, CollectorTestHost.Explain(result));
        Assert.Equal(
            "acme.myshopify.com: Shopify keeps events 365 days (a platform fact), less than the 1095 days audit records must be kept; " +
            "exported to `shopify-audit-*` in acme-logs (policy `audit-3y`, 1095 days).",
            result.Summary);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public async Task Evaluate_ExportDeletedAfter30Days_FailsNamingTheExportAndItsPolicy()
    {
        var (_, logs) = await ConnectLogStoreAsync(Store("shopify-events", "logs-30d", "30d"));
        await CollectAsync(logs);

        var result = await ShopifyResultAsync();

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(
            "acme.myshopify.com: Shopify keeps events 365 days (a platform fact), less than the 1095 days audit records must be kept, " +
            "and no export kept that long exists in acme-logs (`shopify-audit-*`, `shopify-events-*`).",
            result.Summary);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("acme-logs/shopify-events-*", finding.Resource);
        Assert.Equal(
            "acme-logs: the export `shopify-events-*` of Shopify events is deleted after 30 days by policy `logs-30d`; it must be kept at least 1095 days",
            finding.Message);
    }

    [Fact]
    public async Task Evaluate_LogStoreWithoutAnyExportIndex_FailsSayingNoneExists()
    {
        var (_, logs) = await ConnectLogStoreAsync(Store("magento-admin-audit", "audit-3y", "1095d"));
        await CollectAsync(logs);

        var result = await ShopifyResultAsync();

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(
            "acme-logs: no index or data stream matches `shopify-audit-*`, `shopify-events-*`, so Shopify events are not exported there",
            Assert.Single(result.Findings).Message);
    }

    [Fact]
    public async Task Evaluate_UnmanagedExportIndex_FailsBecauseNothingShowsHowLongItIsKept()
    {
        var (_, logs) = await ConnectLogStoreAsync(new FakeElasticsearchState().DailyIndices("shopify-audit", 2, policy: null));
        await CollectAsync(logs);

        var result = await ShopifyResultAsync();

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("is under no lifecycle policy", Assert.Single(result.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_ExportAsDataStreamWithLifecycleRetention_PassesNamingTheDataStreamLifecycle()
    {
        var (_, logs) = await ConnectLogStoreAsync(new FakeElasticsearchState().DataStream("shopify-audit-events", 2, dataRetention: "1095d"));
        await CollectAsync(logs);

        var result = await ShopifyResultAsync();

        Assert.True(result.Status == CheckStatus.Pass, CollectorTestHost.Explain(result));
        Assert.EndsWith(
            "exported to `shopify-audit-events` in acme-logs (the data stream lifecycle of `shopify-audit-events` (data_retention), 1095 days).",
            result.Summary,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_ExportNeverDeleted_Passes()
    {
        var (_, logs) = await ConnectLogStoreAsync(Store("shopify-audit", "audit-forever", deleteAfter: null));
        await CollectAsync(logs);

        var result = await ShopifyResultAsync();

        Assert.True(result.Status == CheckStatus.Pass, CollectorTestHost.Explain(result));
        Assert.EndsWith("(policy `audit-forever`, never deleted).", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_OneOfTwoLogStoresKeepsTheExport_PassesNamingThatStore()
    {
        var (_, shortStore) = await ConnectLogStoreAsync(Store("shopify-events", "logs-30d", "30d"), "edge-logs");
        var (_, longStore) = await ConnectLogStoreAsync(Store("shopify-audit", "audit-3y", "1095d"), "archive-logs");
        await CollectAsync(shortStore);
        await CollectAsync(longStore);

        var result = await ShopifyResultAsync();

        Assert.True(result.Status == CheckStatus.Pass, CollectorTestHost.Explain(result));
        Assert.Contains("exported to `shopify-audit-*` in archive-logs (policy `audit-3y`, 1095 days).", result.Summary, StringComparison.Ordinal);
        Assert.Contains("1 other export location(s) keep it shorter", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_NoLogStoreConnected_FailsSayingSo()
    {
        var result = await ShopifyResultAsync();

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(
            "acme.myshopify.com: Shopify keeps events 365 days (a platform fact), less than the 1095 days audit records must be kept, " +
            "and no log store is connected to this workspace, so no export of Shopify events can be shown.",
            result.Summary);
        Assert.Equal("acme.myshopify.com (audit export)", Assert.Single(result.Findings).Resource);
    }

    [Fact]
    public async Task Evaluate_WhenMinAuditDaysOverriddenToOneYear_PassesOnThePlatformFactAlone()
    {
        await _host.SetParameterAsync(ShopifyCheck, "minAuditDays", "365");

        var result = await ShopifyResultAsync();

        Assert.True(result.Status == CheckStatus.Pass, CollectorTestHost.Explain(result));
        Assert.Equal(
            "acme.myshopify.com: Shopify keeps events 365 days (a platform fact), at least the 365 days required: no export is needed.",
            result.Summary);
    }

    [Fact]
    public async Task Evaluate_WhenExportPatternsOverridden_LooksForTheWorkspacePatterns()
    {
        var (_, logs) = await ConnectLogStoreAsync(Store("commerce-trail", "audit-3y", "1095d"));
        await CollectAsync(logs);
        await _host.SetParameterAsync(ShopifyCheck, "exportIndexPatterns", "[\"commerce-trail-*\"]");

        var result = await ShopifyResultAsync();

        Assert.True(result.Status == CheckStatus.Pass, CollectorTestHost.Explain(result));
        Assert.Contains("`commerce-trail-*` in acme-logs", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_WhenLogStoreLastRunFailed_IsErrorNotPassOnOlderEvidence()
    {
        var (server, logs) = await ConnectLogStoreAsync(Store("shopify-audit", "audit-3y", "1095d"));
        Assert.Equal(RunOutcome.Succeeded, (await CollectAsync(logs)).Outcome);
        Assert.Equal(CheckStatus.Pass, (await ShopifyResultAsync()).Status);

        // The earlier run proved an export; the latest one failed, so nothing current proves it any more.
        server.State.RevokeApiKey(FakeElasticsearchState.DefaultApiKey);
        Assert.Equal(RunOutcome.Failed, (await CollectAsync(logs)).Outcome);

        var result = await ShopifyResultAsync();

        Assert.Equal(CheckStatus.Error, result.Status);
        Assert.StartsWith("The last collection of acme-logs, which this check also reads, failed: The log store rejected the credential", result.Summary, StringComparison.Ordinal);
        Assert.Equal("acme-logs", Assert.Single(result.Findings).Resource);
    }

    [Fact]
    public async Task Evaluate_WhenLogStoreIndicesCouldNotBeRead_IsErrorNamingThem()
    {
        var (server, logs) = await ConnectLogStoreAsync(Store("shopify-audit", "audit-3y", "1095d"));
        server.Faults.Forbid("/*/_ilm/explain", "indices:admin/ilm/explain");
        Assert.Equal(RunOutcome.PartiallySucceeded, (await CollectAsync(logs)).Outcome);

        var result = await ShopifyResultAsync();

        Assert.Equal(CheckStatus.Error, result.Status);
        Assert.Equal("1 piece(s) of evidence this check reads from acme-logs could not be collected.", result.Summary);
        Assert.Equal("acme-logs/acme-logs", Assert.Single(result.Findings).Resource);
    }

    [Fact]
    public async Task Evaluate_WhenLogStoreEvidenceIsStale_IsStale()
    {
        var (_, logs) = await ConnectLogStoreAsync(Store("shopify-audit", "audit-3y", "1095d"));
        await CollectAsync(logs);
        _clock.Advance(TimeSpan.FromDays(2));

        var result = await ShopifyResultAsync();

        Assert.Equal(CheckStatus.Stale, result.Status);
        Assert.StartsWith("The newest evidence from acme-logs, which this check also reads, is from ", result.Summary, StringComparison.Ordinal);
        Assert.EndsWith("older than the 24-hour freshness window.", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_WhenLogStoreNeverCollected_NeedsEvidence()
    {
        await ConnectLogStoreAsync(Store("shopify-audit", "audit-3y", "1095d"));

        var result = await ShopifyResultAsync();

        Assert.Equal(CheckStatus.NeedsEvidence, result.Status);
        Assert.Equal("acme-logs (log-store), which this check also reads, has not been collected yet.", result.Summary);
    }

    [Fact]
    public async Task Evaluate_WhenLogStoreRecoversAfterShopifyRun_LogStoreRunReevaluatesTheShopifyCheck()
    {
        var (_, logs) = await ConnectLogStoreAsync(Store("shopify-audit", "audit-3y", "1095d"));
        Assert.Equal(CheckStatus.NeedsEvidence, (await ShopifyResultAsync()).Status);

        // Collecting the log store evaluates the whole workspace, so the Shopify check picks up the new evidence.
        await CollectAsync(logs);

        var result = (await _host.EvaluationsAsync())[ShopifyCheck];
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public async Task Evaluate_GitHubAuditLog_StatesThePlatformFactAndFindsTheExport()
    {
        var github = await FakeGitHubServer.StartAsync(TestOrganizations.Small());
        _servers.Add(github);
        var (_, logs) = await ConnectLogStoreAsync(Store("github-audit", "audit-2y", "730d"));
        await CollectAsync(logs);
        var org = await _host.InScopeAsync(async (_, db) =>
        {
            var system = new ConnectedSystem
            {
                WorkspaceId = _host.WorkspaceId,
                Kind = SystemKinds.GitHub,
                Name = github.State.Organization.Login,
                BaseUrl = github.BaseUrl.AbsoluteUri,
                CredentialName = GitHubTestHost.CredentialName,
            };
            db.Systems.Add(system);
            await db.SaveChangesAsync();
            return system.Id;
        });

        var run = await CollectAsync(org);

        Assert.NotEqual(RunOutcome.Failed, run.Outcome);
        _host.UseSystem(_host.WorkspaceId, org);
        var result = (await _host.EvaluationsAsync())[GitHubCheck];
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.StartsWith(
            "acme: GitHub keeps the organisation audit log 180 days (Git events 7) (a platform fact), less than the 1095 days audit records must be kept, and no export kept that long exists in acme-logs",
            result.Summary,
            StringComparison.Ordinal);
        Assert.Equal(
            "acme-logs: the export `github-audit-*` of GitHub audit-log events is deleted after 730 days by policy `audit-2y`; it must be kept at least 1095 days",
            Assert.Single(result.Findings).Message);
    }
}
