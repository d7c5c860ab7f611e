using Controls.Collectors.Demo;
using Controls.Collectors.Tests.GitHub;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Systems;
using Controls.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.Demo;

/// <summary>The demo workspace's Shopify store and log store, replayed through the real collectors next to the GitHub organisation.</summary>
public sealed class DemoPlatformsWorkspaceTests : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await GitHubTestHost.StartAsync(null, time: _clock, settings: new Dictionary<string, string?> { ["Controls:Demo:Enabled"] = "true" });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Seed_CollectsEverySystemAndNoCheckOnThemIsError()
    {
        var info = await _host.Services.GetRequiredService<DemoWorkspaceSeeder>().EnsureCollectedAsync(CancellationToken.None);
        _host.UseSystem(info.WorkspaceId, info.SystemId);

        var systems = await _host.InScopeAsync((_, db) => db.Systems.AsNoTracking().OrderBy(s => s.Id).ToListAsync());
        Assert.Equal(
            [(SystemKinds.AccessReviewRegister, "access-review-register"), (SystemKinds.GitHub, DemoNames.GitHubOrganization), (SystemKinds.IncidentRegister, "incident-register"), (SystemKinds.LogStore, DemoNames.LogStore), (SystemKinds.Magento, DemoNames.MagentoInstance), (SystemKinds.ReadinessRegister, "readiness-register"), (SystemKinds.Shopify, DemoNames.ShopifyStore), (SystemKinds.ThirdPartyRegister, "third-party-register"), (SystemKinds.TrainingRegister, "training-register")],
            systems.Where(s => s.Kind != SystemKinds.Manual).Select(s => (s.Kind, s.Name)).Order());
        var runs = await _host.InScopeAsync((_, db) => db.CollectionRuns.AsNoTracking().ToListAsync());
        foreach (var system in systems.Where(s => s.Kind is not (SystemKinds.Manual or SystemKinds.ThirdPartyRegister or SystemKinds.IncidentRegister or SystemKinds.ReadinessRegister or SystemKinds.TrainingRegister or SystemKinds.AccessReviewRegister)))
        {
            var run = Assert.Single(runs, r => r.SystemId == system.Id);
            Assert.True(run.Outcome == RunOutcome.Succeeded, $"{system.Name}: {run.Outcome} {run.Error}");
            Assert.Equal(0, run.CollectionErrorCount);
            Assert.Equal("demo", run.Trigger);
            Assert.True(run.RequestCount > 0, $"{system.Name}: no requests");
        }

        // The register is re-collected after every platform run (the early ones rightly record the platforms not yet
        // collected as unknown); the latest, after all of them, must be complete.
        var register = systems.Single(s => s.Kind == SystemKinds.ThirdPartyRegister);
        var latestRegisterRun = runs.Where(r => r.SystemId == register.Id).MaxBy(r => r.Id)!;
        Assert.True(latestRegisterRun is { Outcome: RunOutcome.Succeeded, CollectionErrorCount: 0 }, $"register run {latestRegisterRun.Id}: {latestRegisterRun.Outcome} {latestRegisterRun.Error}");

        // The sample incident: every notification made on time except the Mastercard acquirer notice, six hours late.
        var incidentCheck = await _host.InScopeAsync((_, db) => db.CheckEvaluations.AsNoTracking().Include(e => e.Findings)
            .SingleAsync(e => e.IsCurrent && e.CheckId == "incidents.notifications-on-time"));
        Assert.Equal(CheckStatus.Fail, incidentCheck.Status);
        var late = Assert.Single(incidentCheck.Findings);
        Assert.EndsWith("/card-brand-mastercard/acquirer", late.Resource, StringComparison.Ordinal);
        Assert.Contains("made late", late.Message, StringComparison.Ordinal);

        // Sample readiness: payment's last exercise is past its half-year cadence, product-catalog's playbook review is
        // overdue, the employee portal has no playbook.
        var readinessCheck = await _host.InScopeAsync((_, db) => db.CheckEvaluations.AsNoTracking().Include(e => e.Findings)
            .SingleAsync(e => e.IsCurrent && e.CheckId == "incidents.response-readiness"));
        Assert.Equal(CheckStatus.Fail, readinessCheck.Status);
        Assert.Equal(["readiness/employee-portal", "readiness/payment", "readiness/product-catalog"], readinessCheck.Findings.Select(f => f.Resource).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(readinessCheck.Findings, f => f.Message.StartsWith("payment: last tabletop ", StringComparison.Ordinal) && f.Message.Contains("older than 182 days", StringComparison.Ordinal));

        // The sample access reviews: GitHub's signed off five weeks ago with a revocation never carried out, Magento's open.
        var accessCheck = await _host.InScopeAsync((_, db) => db.CheckEvaluations.AsNoTracking().Include(e => e.Findings)
            .SingleAsync(e => e.IsCurrent && e.CheckId == "access-reviews.reviews-current"));
        Assert.Equal(CheckStatus.Fail, accessCheck.Status);
        Assert.Contains(accessCheck.Findings, f => f.Resource.StartsWith($"{DemoNames.GitHubOrganization} (github)/", StringComparison.Ordinal)
            && f.Message.Contains("not carried out within 7 days", StringComparison.Ordinal));
        Assert.Contains(accessCheck.Findings, f => f.Message.Contains($"{DemoNames.MagentoInstance} (magento): no signed-off access review", StringComparison.Ordinal));
        var campaigns = await _host.InScopeAsync((_, db) => db.AccessReviewCampaigns.AsNoTracking().OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([true, false], campaigns.Select(c => c.SignedOffAt is not null));

        var evaluations = await _host.InScopeAsync((_, db) => db.CheckEvaluations.AsNoTracking().Where(e => e.IsCurrent && e.SystemId != null).ToListAsync());
        Assert.All(evaluations, e => Assert.True(e.Status is not CheckStatus.Error, $"{e.CheckId}: {e.Summary}"));
        Assert.True(systems.Where(s => s.Kind is SystemKinds.Shopify or SystemKinds.LogStore or SystemKinds.Magento).All(s => evaluations.Any(e => e.SystemId == s.Id)));
    }

    [Fact]
    public async Task Seed_MagentoInstance_EvaluatesTheReplayedDatabaseAndShowsTheSampleGaps()
    {
        var results = await SystemResultsAsync(DemoNames.MagentoInstance);

        // Database evidence is read from the replayed rows: none of the database checks is Error.
        foreach (var check in new[] { "magento.admin-accounts-cleaned-up", "magento.integrations-least-privilege", "magento.admin-session-hardened", "magento.action-log-retention", "magento.admin-2fa-configured-per-user" })
        {
            Assert.True(results[check].Status is not CheckStatus.Error, $"{check}: {CollectorTestHost.Explain(results[check])}");
        }

        Assert.Equal(
            [$"{DemoNames.MagentoInstance}/admin-users/lukas.brandt", $"{DemoNames.MagentoInstance}/admin-users/pixelforge.dev"],
            Resources(results, "magento.admin-accounts-cleaned-up"));
        Assert.Contains(results["magento.admin-accounts-cleaned-up"].Findings, f => f.Message.Contains("`lukas.brandt`", StringComparison.Ordinal) && f.Message.Contains("has not logged in for 200 days", StringComparison.Ordinal));
        // The ERP connector holds every resource; the shipping integration reads orders without being approved in the check's parameters.
        Assert.Equal(
            [$"{DemoNames.MagentoInstance}/integrations/NetSuite ERP Connector"],
            Resources(results, "magento.integrations-least-privilege"));
        Assert.Contains("Magento_Backend::all", results["magento.integrations-least-privilege"].Findings.Single(f => f.Resource.EndsWith("NetSuite ERP Connector", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        Assert.Contains("session_lifetime", string.Join("\n", Resources(results, "magento.admin-session-hardened")), StringComparison.Ordinal);
        Assert.Equal(
            [$"{DemoNames.MagentoInstance}/admin-users/pixelforge.dev", $"{DemoNames.MagentoInstance}/admin-users/sara.klein"],
            Resources(results, "magento.admin-2fa-configured-per-user"));

        var actionLog = results["magento.action-log-retention"];
        Assert.Equal(CheckStatus.Fail, actionLog.Status);
        Assert.Contains("keeps entries 60 days", Assert.Single(actionLog.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_ThirdPartyRegister_ShowsTheMagentoVendorGapsWithoutErrors()
    {
        var register = await SystemResultsAsync("third-party-register");

        Assert.All(register.Values, e => Assert.True(e.Status is not CheckStatus.Error, $"{e.CheckId}: {e.Summary}"));
        var apps = register["third-party.apps-approved"];
        Assert.Contains(apps.Findings, f => f.Resource.Contains("Klarna_Kp", StringComparison.Ordinal));
        Assert.DoesNotContain(apps.Findings, f => f.Resource.Contains("Amasty_", StringComparison.Ordinal));
        Assert.Contains(register["third-party.sensitive-access-assessed"].Findings, f => f.Resource.Contains("NetSuite ERP Connector", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Collect_MagentoReplayDatabaseInANonDemoWorkspace_IsRefusedAndNothingRead()
    {
        await using var magento = await Controls.Testing.FakeMagento.FakeMagentoServer.StartAsync(DemoPlatforms.Magento(_clock.GetUtcNow()));
        var host = await Magento.MagentoTestHost.StartAsync(magento, DemoNames.MagentoDatabaseAddress);
        try
        {
            await AssertDatabaseRefusedAsync(host);
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFolder();
        }
    }

    private static async Task AssertDatabaseRefusedAsync(CollectorTestHost host)
    {
        var run = await host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var evaluations = await host.EvaluationsAsync();
        foreach (var check in new[] { "magento.admin-accounts-cleaned-up", "magento.integrations-least-privilege", "magento.admin-session-hardened", "magento.action-log-retention" })
        {
            var result = evaluations[check];
            Assert.Equal(CheckStatus.Error, result.Status);
            Assert.Contains("is only allowed in the demo workspace", CollectorTestHost.Explain(result), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("lukas.brandt", await host.EvidenceJsonAsync(Collectors.Magento.Evidence.MagentoEvidenceKinds.AdminUsers), StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, evaluations["magento.admin-2fa-enforced"].Status);
    }

    [Fact]
    public async Task Seed_ShopifyStore_ShowsTheSampleGapsAndPasses()
    {
        var results = await SystemResultsAsync(DemoNames.ShopifyStore);

        Assert.Equal(CheckStatus.Pass, results["shopify.plus-checkout-login"].Status);
        Assert.Equal(CheckStatus.Pass, results["shopify.audit-trail-coverage"].Status);
        Assert.Equal(["acme-outfitters.myshopify.com/staff/tom@acme-outfitters.example"], Resources(results, "shopify.staff-accounts-cleaned-up"));
        Assert.Equal(["acme-outfitters.myshopify.com/staff/dev@pixelforge-agency.example"], Resources(results, "shopify.collaborators-limited"));
        Assert.Contains("SHOP_UPDATE", CollectorTestHost.Explain(results["shopify.security-webhooks-monitored"]), StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Fail, results["shopify.security-webhooks-monitored"].Status);

        // The export exists (a data stream) but its lifecycle keeps it one year, not three.
        var export = results["shopify.audit-trail-exported"];
        Assert.Equal(CheckStatus.Fail, export.Status);
        Assert.StartsWith("acme-outfitters.myshopify.com: Shopify keeps events 365 days (a platform fact)", export.Summary, StringComparison.Ordinal);
        Assert.Equal(
            "acme-outfitters-logs: the export `shopify-audit-events` of Shopify events is deleted after 365 days by the data stream lifecycle of `shopify-audit-events` (data_retention); it must be kept at least 1095 days",
            Assert.Single(export.Findings).Message);
    }

    [Fact]
    public async Task Seed_LogStoreAndGitHub_ShowShortRetentionAndNoGitHubExport()
    {
        var logs = await SystemResultsAsync(DemoNames.LogStore);

        Assert.Equal(["acme-outfitters-logs/policy:storefront-logs-30d"], Resources(logs, "logs.searchable-retention"));
        Assert.Equal(
            ["acme-outfitters-logs/policy:admin-audit-365d", "acme-outfitters-logs/policy:data-stream-lifecycle:shopify-audit-events"],
            Resources(logs, "logs.audit-retention"));
        Assert.Equal(CheckStatus.Pass, logs["logs.indices-managed"].Status);

        var github = await SystemResultsAsync(DemoNames.GitHubOrganization);
        Assert.Equal(["acme-outfitters-logs"], Resources(github, "github.audit-log-exported"));
        Assert.StartsWith("acme-outfitters: GitHub keeps the organisation audit log 180 days (Git events 7)", github["github.audit-log-exported"].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_ShopifyReplayAddressInANonDemoWorkspace_IsRefused()
    {
        await _host.ConnectAsync(SystemKinds.Shopify, DemoNames.ShopifyStore, DemoNames.ShopifyBaseUrl, isDemo: false);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.StartsWith("The address replay://demo-shopify/ of 'acme-outfitters.myshopify.com' serves recorded sample data and is only allowed in the demo workspace.", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, run.RequestCount);
    }

    [Fact]
    public async Task Collect_LogStoreReplayAddressInANonDemoWorkspace_IsRefused()
    {
        await _host.ConnectAsync(SystemKinds.LogStore, DemoNames.LogStore, DemoNames.LogStoreBaseUrl, isDemo: false);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.StartsWith("The address replay://demo-logs/ of 'acme-outfitters-logs' serves recorded sample data and is only allowed in the demo workspace.", run.Error, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, CheckEvaluation>> SystemResultsAsync(string name)
    {
        var info = await _host.Services.GetRequiredService<DemoWorkspaceSeeder>().EnsureCollectedAsync(CancellationToken.None);
        _host.UseSystem(info.WorkspaceId, info.SystemId);
        var system = await _host.InScopeAsync((_, db) => db.Systems.AsNoTracking().SingleAsync(s => s.Name == name));
        _host.UseSystem(info.WorkspaceId, system.Id);
        return await _host.EvaluationsAsync();
    }

    private static List<string> Resources(Dictionary<string, CheckEvaluation> results, string checkId)
    {
        var result = results[checkId];
        Assert.True(result.Status == CheckStatus.Fail, $"{checkId}: expected Fail, was {result.Status}: {CollectorTestHost.Explain(result)}");
        return result.Findings.Select(f => f.Resource).Order(StringComparer.Ordinal).ToList();
    }
}
