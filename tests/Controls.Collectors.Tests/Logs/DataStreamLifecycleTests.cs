using Controls.Collectors.Logs.Evidence;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Testing.FakeElasticsearch;

namespace Controls.Collectors.Tests.Logs;

/// <summary>
/// Data streams managed by the data stream lifecycle (Elasticsearch 8.11+) instead of ILM: ILM explain calls their
/// backing indices unmanaged, the data stream listing says who manages them and for how long.
/// </summary>
public sealed class DataStreamLifecycleTests : IAsyncLifetime
{
    private FakeElasticsearchServer _store = null!;
    private CollectorTestHost _host = null!;

    /// <summary>ILM-managed audit indices that meet the default, so each test varies one data stream.</summary>
    private static FakeElasticsearchState Base() => new FakeElasticsearchState()
        .Policy("audit-forever", deleteAfter: null, warmAfter: "30d", "audit-*")
        .DailyIndices("audit-magento-admin", 3, "audit-forever");

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task StartAsync(FakeElasticsearchState state)
    {
        _store = await FakeElasticsearchServer.StartAsync(state);
        _host = await LogStoreTestHost.StartAsync(_store);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Collect_DataStreamLifecycleWith30DayRetention_SearchableRetentionFailsNamingTheStream()
    {
        await StartAsync(Base().DataStream("logs-nginx-default", 3, dataRetention: "30d"));

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(1, _store.Requests.CountWhere(r => r.Path == "/_data_stream" && r.Query.Contains("expand_wildcards=all", StringComparison.Ordinal)));
        var results = await _host.EvaluationsAsync();
        var searchable = results["logs.searchable-retention"];
        Assert.Equal(CheckStatus.Fail, searchable.Status);
        var finding = Assert.Single(searchable.Findings);
        Assert.Equal("acme-logs/policy:data-stream-lifecycle:logs-nginx-default", finding.Resource);
        Assert.Equal(
            "acme-logs: the data stream lifecycle of `logs-nginx-default` (data_retention) deletes log indices `logs-nginx-default` after 30 days; they must stay searchable for at least 90 days",
            finding.Message);

        // Managed by the data stream lifecycle is managed: not an unmanaged index.
        Assert.Equal(CheckStatus.Pass, results["logs.indices-managed"].Status);
        var indices = await _host.EvidenceJsonAsync(LogStoreEvidenceKinds.Indices);
        Assert.Contains("\"indexCount\":3,\"managed\":true,\"name\":\"logs-nginx-default\",\"policy\":\"data-stream-lifecycle:logs-nginx-default\"", indices, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_AuditDataStreamLifecycleWith1095DayRetention_AuditRetentionPasses()
    {
        await StartAsync(new FakeElasticsearchState()
            .DataStream("shopify-audit-events", 2, dataRetention: "1095d")
            .DataStream("logs-checkout-default", 2, dataRetention: "180d"));

        await _host.CollectAsync();

        var results = await _host.EvaluationsAsync();
        Assert.True(results["logs.audit-retention"].Status == CheckStatus.Pass, results["logs.audit-retention"].Summary);
        Assert.True(results["logs.searchable-retention"].Status == CheckStatus.Pass, results["logs.searchable-retention"].Summary);
        var policies = await _host.EvidenceJsonAsync(LogStoreEvidenceKinds.LifecyclePolicies);
        Assert.Contains("\"deleteAfterDays\":1095", policies, StringComparison.Ordinal);
        Assert.Contains("\"indexPatterns\":[\"shopify-audit-events\"],\"name\":\"data-stream-lifecycle:shopify-audit-events\"", policies, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_DataStreamLifecycleWithoutRetention_CountsAsNeverDeleting()
    {
        await StartAsync(new FakeElasticsearchState().DataStream("github-audit-log", 2, dataRetention: null));

        await _host.CollectAsync();

        var results = await _host.EvaluationsAsync();
        var audit = results["logs.audit-retention"];
        Assert.True(audit.Status == CheckStatus.Pass, audit.Summary);
        Assert.Contains("1 of the policies never delete", audit.Summary, StringComparison.Ordinal);
        var policies = await _host.EvidenceJsonAsync(LogStoreEvidenceKinds.LifecyclePolicies);
        Assert.Contains("\"deleteAfterDays\":null", policies, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_DataStreamPreferringIlm_IsReadThroughItsIlmPolicy()
    {
        // A lifecycle is configured but prefer_ilm keeps the ILM policy in charge: the ILM delete phase counts.
        await StartAsync(Base()
            .Policy("logs-30d", deleteAfter: "30d")
            .DataStream("logs-nginx-default", 2, dataRetention: "365d", ilmPolicy: "logs-30d", preferIlm: true));

        await _host.CollectAsync();

        var searchable = (await _host.EvaluationsAsync())["logs.searchable-retention"];
        Assert.Equal(CheckStatus.Fail, searchable.Status);
        Assert.Equal("acme-logs/policy:logs-30d", Assert.Single(searchable.Findings).Resource);
        Assert.DoesNotContain("data-stream-lifecycle:logs-nginx-default", await _host.EvidenceJsonAsync(LogStoreEvidenceKinds.Indices), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_DataStreamWithoutAnyLifecycle_StaysUnmanaged()
    {
        await StartAsync(Base().DataStream("logs-debug-default", 2, lifecycle: false));

        await _host.CollectAsync();

        var managed = (await _host.EvaluationsAsync())["logs.indices-managed"];
        Assert.Equal(CheckStatus.Fail, managed.Status);
        Assert.Equal("acme-logs/logs-debug-default", Assert.Single(managed.Findings).Resource);
    }

    [Fact]
    public async Task Collect_ClusterWithoutDataStreamApi_IgnoresIt()
    {
        // Before 7.9 (or behind a proxy that does not route it) the endpoint answers 404: no data streams, no error.
        await StartAsync(Base().Policy("logs-180d", deleteAfter: "180d").DailyIndices("shopify-events", 2, "logs-180d"));
        _store.Faults.Fail(p => p == "/_data_stream", 404, "index_not_found_exception", "no such index [_data_stream]");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var results = await _host.EvaluationsAsync();
        Assert.True(results["logs.searchable-retention"].Status == CheckStatus.Pass, results["logs.searchable-retention"].Summary);
    }

    [Fact]
    public async Task Collect_DataStreamListingForbidden_IndicesEvidenceFailsInsteadOfCallingThemUnmanaged()
    {
        await StartAsync(Base().DataStream("logs-nginx-default", 2, dataRetention: "180d"));
        _store.Faults.Fail(p => p == "/_data_stream", 403, "security_exception", "action [indices:admin/data_stream/get] is unauthorized");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var results = await _host.EvaluationsAsync();
        Assert.Equal(CheckStatus.Error, results["logs.indices-managed"].Status);
        Assert.Contains("403", CollectorTestHost.Explain(results["logs.indices-managed"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_OpenSearch_NeverAsksForDataStreamLifecycles()
    {
        var state = Base();
        state.Flavour = FakeLogStoreFlavour.OpenSearch;
        await StartAsync(state);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(0, _store.Requests.CountWhere(r => r.Path.StartsWith("/_data_stream", StringComparison.Ordinal)));
    }
}
