using Controls.Collectors.Tests.Support;
using Controls.Collectors.Logs.Evidence;
using Controls.Collectors.Tests.GitHub;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Testing.FakeElasticsearch;
using Microsoft.EntityFrameworkCore;

namespace Controls.Collectors.Tests.Logs;

public sealed class LogStoreCollectionTests : IAsyncLifetime
{
    private static readonly string[] LogChecks = ["logs.searchable-retention", "logs.audit-retention", "logs.indices-managed"];

    private FakeElasticsearchServer _store = null!;
    private CollectorTestHost _host = null!;

    /// <summary>A cluster that meets every default: 180-day logs, never-deleted audit trail, everything managed.</summary>
    private static FakeElasticsearchState Compliant() => new FakeElasticsearchState()
        .Policy("logs-180d", deleteAfter: "180d", warmAfter: "7d", "logs-*", "shopify-*", "magento-*")
        .Policy("audit-forever", deleteAfter: null, warmAfter: "30d", "audit-*")
        .Policy("audit-3y", deleteAfter: "1095d", warmAfter: "30d", "*-audit-*")
        .DailyIndices("shopify-events", 40, "logs-180d")
        .DailyIndices("magento-access", 10, "logs-180d")
        .Index(".ds-logs-nginx-default-2026.11.01-000001", "logs-180d")
        .Index(".ds-logs-nginx-default-2026.11.02-000002", "logs-180d")
        .DailyIndices("audit-magento-admin", 5, "audit-forever")
        .DailyIndices("github-audit-log", 3, "audit-3y")
        .Index(".security-7", null)
        .Index(".kibana_8.15.3_001", null);

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task StartAsync(FakeElasticsearchState state, string credential = FakeElasticsearchState.DefaultApiKey)
    {
        _store = await FakeElasticsearchServer.StartAsync(state);
        _host = await LogStoreTestHost.StartAsync(_store, credential);
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
    public async Task Collect_CompliantElasticsearchCluster_AllLogChecksPass()
    {
        await StartAsync(Compliant());

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(3, run.EvidenceCount);
        var results = await _host.EvaluationsAsync();
        Assert.All(LogChecks, id => Assert.True(results[id].Status == CheckStatus.Pass, $"{id}: {results[id].Summary}"));
        Assert.Contains("1 of the policies never delete", results["logs.audit-retention"].Summary, StringComparison.Ordinal);
        Assert.All(_store.Requests.All, r => Assert.Equal("ApiKey", r.AuthScheme));

        var store = await _host.EvidenceJsonAsync(LogStoreEvidenceKinds.Store);
        Assert.Contains("\"flavour\":\"elasticsearch\"", store, StringComparison.Ordinal);
        Assert.Contains("\"version\":\"8.15.3\"", store, StringComparison.Ordinal);
        var indices = await _host.EvidenceJsonAsync(LogStoreEvidenceKinds.Indices);

        // 40 daily shopify indices collapse into one group with five samples; system indices are only counted.
        Assert.Contains("\"name\":\"shopify-events-*\"", indices, StringComparison.Ordinal);
        Assert.Contains("\"indexCount\":40", indices, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"logs-nginx-default\"", indices, StringComparison.Ordinal);
        Assert.Contains("\"systemIndexCount\":2", indices, StringComparison.Ordinal);
        Assert.DoesNotContain("shopify-events-2026.10.06", indices, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_LogPolicyDeletesAfter30Days_SearchableRetentionFailsNamingThePolicy()
    {
        await StartAsync(Compliant().Policy("logs-180d", deleteAfter: "30d", warmAfter: "7d"));

        await _host.CollectAsync();

        var result = (await _host.EvaluationsAsync())["logs.searchable-retention"];
        Assert.Equal(CheckStatus.Fail, result.Status);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("acme-logs/policy:logs-180d", finding.Resource);
        Assert.Equal(
            "acme-logs: policy `logs-180d` deletes log indices `logs-nginx-default`, `magento-access-*`, `shopify-events-*` after 30 days; they must stay searchable for at least 90 days",
            finding.Message);
    }

    [Fact]
    public async Task Collect_AuditIndicesDeletedAfter365Days_AuditRetentionFails()
    {
        await StartAsync(Compliant().Policy("audit-3y", deleteAfter: "365d", warmAfter: "30d"));

        await _host.CollectAsync();

        var results = await _host.EvaluationsAsync();
        var audit = results["logs.audit-retention"];
        Assert.Equal(CheckStatus.Fail, audit.Status);
        var finding = Assert.Single(audit.Findings);
        Assert.Equal(
            "acme-logs: policy `audit-3y` deletes audit-log indices `github-audit-log-*` after 365 days; they must stay retained for at least 1095 days",
            finding.Message);
        Assert.Equal(CheckStatus.Pass, results["logs.searchable-retention"].Status);
    }

    [Fact]
    public async Task Collect_UnmanagedLogIndex_IndicesManagedFailsNamingIt()
    {
        await StartAsync(Compliant().Index("magento-debug", null));

        await _host.CollectAsync();

        var result = (await _host.EvaluationsAsync())["logs.indices-managed"];
        Assert.Equal(CheckStatus.Fail, result.Status);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("acme-logs/magento-debug", finding.Resource);
        Assert.StartsWith("acme-logs: 1 index `magento-debug` (magento-debug) are under no lifecycle policy", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_NoAuditIndexAtAll_AuditRetentionFailsInsteadOfPassingOnNothing()
    {
        await StartAsync(new FakeElasticsearchState()
            .Policy("logs-180d", deleteAfter: "180d")
            .DailyIndices("shopify-events", 3, "logs-180d"));

        await _host.CollectAsync();

        var results = await _host.EvaluationsAsync();
        var audit = results["logs.audit-retention"];
        Assert.Equal(CheckStatus.Fail, audit.Status);
        Assert.StartsWith("acme-logs: No audit-log indices found", audit.Summary, StringComparison.Ordinal);
        Assert.Equal("acme-logs: no audit-log indices found (`audit-*`, `*-audit-*`, `*-audit`)", Assert.Single(audit.Findings).Message);
        Assert.Equal(CheckStatus.Pass, results["logs.searchable-retention"].Status);
    }

    [Fact]
    public async Task Collect_OpenSearchIsmCluster_IsParsedLikeElasticsearch()
    {
        var state = Compliant().Policy("audit-3y", deleteAfter: "365d", warmAfter: "30d", "*-audit-*").AllowBasic("collector", "s3cret:with-colon");
        state.Flavour = FakeLogStoreFlavour.OpenSearch;
        await StartAsync(state, credential: "basic:collector:s3cret:with-colon");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.All(_store.Requests.All, r => Assert.Equal("Basic", r.AuthScheme));

        // Three policies at page size 2: the ISM list was paged.
        Assert.Equal(2, _store.Requests.CountWhere(r => r.Path == "/_plugins/_ism/policies"));
        var results = await _host.EvaluationsAsync();
        Assert.Equal(CheckStatus.Pass, results["logs.searchable-retention"].Status);
        Assert.Equal(CheckStatus.Pass, results["logs.indices-managed"].Status);
        Assert.Equal(CheckStatus.Fail, results["logs.audit-retention"].Status);
        Assert.Equal(
            "acme-logs: policy `audit-3y` deletes audit-log indices `github-audit-log-*` after 365 days; they must stay retained for at least 1095 days",
            Assert.Single(results["logs.audit-retention"].Findings).Message);
        var store = await _host.EvidenceJsonAsync(LogStoreEvidenceKinds.Store);
        Assert.Contains("\"flavour\":\"opensearch\"", store, StringComparison.Ordinal);
        Assert.Contains("\"lifecycleMechanism\":\"ism\"", store, StringComparison.Ordinal);
        var policies = await _host.EvidenceJsonAsync(LogStoreEvidenceKinds.LifecyclePolicies);
        Assert.Contains("\"name\":\"logs-180d\",\"phases\"", policies, StringComparison.Ordinal);
        Assert.Contains("\"deleteAfterDays\":180", policies, StringComparison.Ordinal);
        Assert.Contains("\"indexPatterns\":[\"logs-*\",\"magento-*\",\"shopify-*\"]", policies, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_WhenApiKeyInvalidated_FailsTheRunAndKeyIsStoredNowhere()
    {
        await StartAsync(Compliant());
        _store.State.RevokeApiKey(FakeElasticsearchState.DefaultApiKey);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Equal(
            "The log store rejected the credential (401 security_exception) while reading log store 'acme-logs'. " +
            $"The API key or user configured as Controls:Credentials:{LogStoreTestHost.CredentialName} is wrong, expired or invalidated: replace it and collect again.",
            run.Error);
        Assert.Equal(1, _store.Requests.Count);
        var results = await _host.EvaluationsAsync();
        Assert.All(LogChecks, id => Assert.Equal(CheckStatus.Error, results[id].Status));
        Assert.Empty(DataFolderScanner.FilesContaining(_host.Folder, FakeElasticsearchState.DefaultApiKey));
    }

    [Fact]
    public async Task Collect_DuringServerErrorStorm_AbortsAfterBoundedRetries()
    {
        await StartAsync(Compliant());
        _store.Faults.FailAll(503);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Equal("Could not read log store 'acme-logs': The log store kept failing with HTTP 503 on / after 2 retries", run.Error);
        Assert.Equal(3, _store.Requests.Count);
        Assert.Equal(3, run.RequestCount);
        var results = await _host.EvaluationsAsync();
        Assert.All(LogChecks, id => Assert.Equal(CheckStatus.Error, results[id].Status));
    }

    [Fact]
    public async Task Collect_WhenPolicyListKeepsFailing_ChecksErrorNamingTheReason()
    {
        await StartAsync(Compliant());
        _store.Faults.Fail(p => p == "/_ilm/policy", 502);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var result = (await _host.EvaluationsAsync())["logs.searchable-retention"];
        Assert.Equal(CheckStatus.Error, result.Status);
        Assert.Contains(result.Findings, f => f.Message.Contains("kept failing with HTTP 502 on /_ilm/policy after 2 retries", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Collect_WhenKeyLacksReadIlm_RecordsTheForbiddenPrivilege()
    {
        await StartAsync(Compliant());
        _store.Faults.Forbid("/_ilm/policy", "cluster:admin/ilm/get");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var result = (await _host.EvaluationsAsync())["logs.audit-retention"];
        Assert.Equal(CheckStatus.Error, result.Status);
        Assert.Contains(result.Findings, f => f.Message.Contains("refused /_ilm/policy (403 security_exception)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Collect_WhenExplainBodyIsTruncated_RecordsInvalidJsonNotACrash()
    {
        await StartAsync(Compliant());
        _store.Faults.TruncateJson(p => p.EndsWith("/_ilm/explain", StringComparison.Ordinal));

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var result = (await _host.EvaluationsAsync())["logs.indices-managed"];
        Assert.Equal(CheckStatus.Error, result.Status);
        Assert.Contains(result.Findings, f => f.Message.Contains("not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Collect_WithStricterSearchableOverride_FailsAPolicyTheDefaultAccepts()
    {
        await StartAsync(Compliant());
        await _host.SetParameterAsync("logs.searchable-retention", "minSearchableDays", "365");

        await _host.CollectAsync();

        var result = (await _host.EvaluationsAsync())["logs.searchable-retention"];
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("after 180 days; they must stay searchable for at least 365 days", Assert.Single(result.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_WithMalformedBasicCredential_AbortsWithoutEchoingIt()
    {
        await StartAsync(Compliant(), credential: "basic:onlyuser");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Contains("is not 'basic:<user>:<password>'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("onlyuser", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, _store.Requests.Count);
        Assert.Equal(0, await _host.InScopeAsync((_, db) => db.EvidenceRecords.CountAsync()));
    }

    [Fact]
    public async Task Collect_WhenAddressIsNotASearchCluster_AbortsSayingSo()
    {
        var state = Compliant();
        state.NotASearchCluster = true;
        await StartAsync(state);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.StartsWith("The address of log store 'acme-logs' answered GET / without version.number", run.Error, StringComparison.Ordinal);
        Assert.Equal(1, _store.Requests.Count);
    }

    [Fact]
    public async Task Collect_WhenStoreEchoesTheBasicPassword_ItIsScrubbedFromEvidence()
    {
        var state = Compliant().AllowBasic("collector", "hunter2-secret");
        state.Flavour = FakeLogStoreFlavour.OpenSearch;
        await StartAsync(state, credential: "basic:collector:hunter2-secret");
        _store.Faults.Fail(p => p == "/_plugins/_ism/policies", 403, "security_exception", "no permissions for [cluster:admin/opendistro/ism/policy/search] and User [name=collector, password=hunter2-secret]");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var result = (await _host.EvaluationsAsync())["logs.searchable-retention"];
        Assert.Equal(CheckStatus.Error, result.Status);
        Assert.Contains("password=***", await _host.EvidenceJsonAsync(LogStoreEvidenceKinds.LifecyclePolicies), StringComparison.Ordinal);
        Assert.Empty(DataFolderScanner.FilesContaining(_host.Folder, "hunter2-secret"));
    }
}
