using Controls.Collectors.Tests.Support;
using Controls.Collectors.Shopify.Evidence;
using Controls.Collectors.Tests.GitHub;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Testing.FakeShopify;
using Microsoft.EntityFrameworkCore;

namespace Controls.Collectors.Tests.Shopify;

public sealed class ShopifyFailureTests : IAsyncLifetime
{
    private static readonly string[] StaffChecks = ["shopify.collaborators-limited", "shopify.staff-accounts-cleaned-up"];

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

    private async Task<Dictionary<string, CheckEvaluation>> ShopifyEvaluationsAsync() =>
        (await _host.EvaluationsAsync()).Where(e => e.Key.StartsWith("shopify.", StringComparison.Ordinal)).ToDictionary();

    [Fact]
    public async Task Collect_WithoutReadUsers_OnlyTheStaffChecksAreError()
    {
        _shopify.State.GrantedScopes.Remove("read_users");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var evaluations = await ShopifyEvaluationsAsync();
        Assert.Equal(6, evaluations.Count);
        Assert.Equal(StaffChecks, evaluations.Values.Where(e => e.Status == CheckStatus.Error).Select(e => e.CheckId).Order(StringComparer.Ordinal));
        Assert.Contains("Shopify denied the `staffMembers` query for acme.myshopify.com (ACCESS_DENIED)", CollectorTestHost.Explain(evaluations["shopify.staff-accounts-cleaned-up"]), StringComparison.Ordinal);
        Assert.Contains("read_users", await _host.EvidenceJsonAsync(ShopifyEvidenceKinds.StaffMembers), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_WithoutReadApps_AppListIsAFailureAndTheCurrentInstallationIsRecorded()
    {
        _shopify.State.GrantedScopes.Remove("read_apps");

        await _host.CollectAsync();

        // The app list feeds the third-party register (its checks are Error then, see ThirdPartyRegisterTests);
        // no Shopify check reads it any more.
        var evaluations = await ShopifyEvaluationsAsync();
        Assert.Empty(evaluations.Values.Where(e => e.Status == CheckStatus.Error).Select(e => e.CheckId));
        Assert.Contains("ACCESS_DENIED", await _host.EvidenceJsonAsync(ShopifyEvidenceKinds.AppInstallations), StringComparison.Ordinal);
        var outcomes = await _host.InScopeAsync(async (_, db) => await db.EvidenceRecords.AsNoTracking()
            .Where(r => r.SystemId == _host.SystemId).ToDictionaryAsync(r => r.Kind, r => r.Outcome));
        Assert.Equal(EvidenceOutcome.CollectionFailed, outcomes[ShopifyEvidenceKinds.AppInstallations]);
        Assert.Equal(EvidenceOutcome.Collected, outcomes[ShopifyEvidenceKinds.CurrentAppInstallation]);
        Assert.Contains("Controls Collector", await _host.EvidenceJsonAsync(ShopifyEvidenceKinds.CurrentAppInstallation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_WhenTokenRevoked_FailsTheRunAndEveryShopifyCheckIsError()
    {
        Assert.Equal(RunOutcome.Succeeded, (await _host.CollectAsync()).Outcome);
        _shopify.State.RevokeToken();

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Equal(
            "Shopify rejected the access token (401 Unauthorized) for acme.myshopify.com: [API] Invalid API key or access token (unrecognized login or wrong password). " +
            $"The token configured as Controls:Credentials:{ShopifyTestHost.CredentialName} is wrong, expired or the app was uninstalled: replace it and collect again.",
            run.Error);
        var evaluations = await ShopifyEvaluationsAsync();
        Assert.Equal(6, evaluations.Count);
        Assert.All(evaluations.Values, e =>
        {
            Assert.Equal(CheckStatus.Error, e.Status);
            Assert.Contains("Shopify rejected the access token (401", e.Summary, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Collect_WhenTokenRevoked_NeverStoresTheToken()
    {
        await _host.CollectAsync();
        _shopify.State.RevokeToken();
        await _host.CollectAsync();

        var stored = await _host.InScopeAsync(async (_, db) => new
        {
            Contents = await db.EvidenceContents.Select(c => c.Json).ToListAsync(),
            Errors = await db.CollectionRuns.Select(r => r.Error).ToListAsync(),
            Summaries = await db.CheckEvaluations.Select(e => e.Summary).ToListAsync(),
        });
        Assert.DoesNotContain(stored.Contents, c => c.Contains(FakeShopifyState.DefaultToken, StringComparison.Ordinal));
        Assert.DoesNotContain(stored.Errors, e => e != null && e.Contains(FakeShopifyState.DefaultToken, StringComparison.Ordinal));
        Assert.DoesNotContain(stored.Summaries, s => s.Contains(FakeShopifyState.DefaultToken, StringComparison.Ordinal));
        Assert.Empty(DataFolderScanner.FilesContaining(_host.Folder, FakeShopifyState.DefaultToken));
    }

    [Fact]
    public async Task Collect_DuringA5xxStorm_RecordsFailuresAndEveryCheckIsError()
    {
        _shopify.Faults.ServerErrors(int.MaxValue);

        var run = await _host.CollectAsync();

        Assert.NotEqual(RunOutcome.Succeeded, run.Outcome);
        var evaluations = await ShopifyEvaluationsAsync();
        Assert.All(evaluations.Values, e => Assert.Equal(CheckStatus.Error, e.Status));
        Assert.Contains("Shopify kept failing with HTTP 503 (ServiceUnavailable) on the `shop` query after 2 retries", CollectorTestHost.Explain(evaluations["shopify.plus-checkout-login"]), StringComparison.Ordinal);

        // Bounded: 1 + 2 retries for each of the six queries attempted (shop, staff, apps, current app, webhooks, events).
        Assert.Equal(18, _shopify.Requests.All.Count);
    }

    [Fact]
    public async Task Collect_AfterTransient5xx_RetriesAndSucceeds()
    {
        _shopify.Faults.ServerErrors(2);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(2, _shopify.Requests.All.Count(r => r.Status == 503));
    }

    [Fact]
    public async Task Collect_WhenABodyIsTruncated_OnlyItsCheckIsError()
    {
        _shopify.Faults.TruncateField = "webhookSubscriptions";

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var evaluations = await ShopifyEvaluationsAsync();
        Assert.Equal(["shopify.security-webhooks-monitored"], evaluations.Values.Where(e => e.Status == CheckStatus.Error).Select(e => e.CheckId));
        Assert.Contains("not valid JSON (truncated or malformed)", CollectorTestHost.Explain(evaluations["shopify.security-webhooks-monitored"]), StringComparison.Ordinal);
    }
}
