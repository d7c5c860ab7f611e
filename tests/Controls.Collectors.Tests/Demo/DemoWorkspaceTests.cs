using Controls.Collectors.Tests.Support;
using Controls.Collectors.Demo;
using Controls.Collectors.Tests.GitHub;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Workspaces;
using Controls.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.Demo;

public sealed class DemoWorkspaceTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> DemoEnabled = new() { ["Controls:Demo:Enabled"] = "true" };

    private readonly TestClock _clock = new();
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync() => _host = await GitHubTestHost.StartAsync(null, time: _clock, settings: DemoEnabled);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Start_OnAnEmptyDatabase_CreatesTheLabelledDemoWorkspaceAndCollectsIt()
    {
        var startup = _host.Services.GetRequiredService<DemoStartupService>();

        await startup.StartAsync(CancellationToken.None);
        await startup.Completion;

        var workspace = await _host.Services.GetRequiredService<WorkspaceDirectory>().FindAsync(DemoNames.WorkspaceSlug, CancellationToken.None);
        Assert.NotNull(workspace);
        Assert.True(workspace.IsDemo);
        Assert.Equal("Demo — Acme Outfitters (sample data)", workspace.Name);
        await UseDemoWorkspaceAsync(workspace.Id);
        var system = await _host.InScopeAsync((_, db) => db.Systems.AsNoTracking().SingleAsync(s => s.Kind == "github"));
        var run = await _host.InScopeAsync((_, db) => db.CollectionRuns.AsNoTracking().SingleAsync(r => r.SystemId == system.Id));
        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal("demo", run.Trigger);
        Assert.Equal(0, run.CollectionErrorCount);
        Assert.True(run.RequestCount > 50, $"{run.RequestCount} requests");
        Assert.Equal(("github", "acme-outfitters", "replay://demo-github/"), (system.Kind, system.Name, system.BaseUrl));
    }

    [Fact]
    public async Task Collect_DemoOrganization_ShowsRealisticGapsAndPasses()
    {
        var info = await _host.Services.GetRequiredService<DemoWorkspaceSeeder>().EnsureCollectedAsync(CancellationToken.None);
        await UseDemoWorkspaceAsync(info.WorkspaceId);

        var results = await _host.EvaluationsAsync();

        Assert.Equal(CheckStatus.Pass, results["github.org-admins-limited"].Status);
        Assert.Equal(CheckStatus.Pass, results["github.secret-scanning-alerts-sla"].Status);
        Assert.Equal(
            ["acme-outfitters/@jlee-freelance", "acme-outfitters/@pixelforge-agency-dev"],
            Resources(results, "github.outside-collaborators-limited", CheckStatus.Fail));
        Assert.Equal(
            ["acme-outfitters (organisation)", "acme-outfitters/@tom-becker"],
            Resources(results, "github.org-2fa-required", CheckStatus.Fail));
        Assert.Equal(["acme-outfitters/marketing-site"], Resources(results, "github.branch-review-required", CheckStatus.Fail));
        Assert.Equal(["acme-outfitters/magento-extensions", "acme-outfitters/marketing-site"], Resources(results, "github.branch-dismiss-stale-reviews", CheckStatus.Fail));
        Assert.Equal(["acme-outfitters/magento-extensions", "acme-outfitters/marketing-site"], Resources(results, "github.branch-status-checks-required", CheckStatus.Fail));
        Assert.Equal(
            ["acme-outfitters/magento-extensions", "acme-outfitters/marketing-site", "acme-outfitters/storefront-theme"],
            Resources(results, "github.branch-admins-enforced", CheckStatus.Fail));
        Assert.Equal(["acme-outfitters/marketing-site", "acme-outfitters/marketing-site"], Resources(results, "github.branch-history-protected", CheckStatus.Fail));
        Assert.Equal(["acme-outfitters/magento-extensions", "acme-outfitters/marketing-site"], Resources(results, "github.codeowners-present", CheckStatus.Fail));
        Assert.Equal(["acme-outfitters/magento-extensions", "acme-outfitters/marketing-site"], Resources(results, "github.pr-workflows-present", CheckStatus.Fail));
        Assert.Equal(["acme-outfitters/checkout-service", "acme-outfitters/data-exports"], Resources(results, "github.dependabot-alerts-sla", CheckStatus.Fail));
        Assert.Contains(
            "acme-outfitters/checkout-service: critical Dependabot alert #41 (composer guzzlehttp/guzzle",
            results["github.dependabot-alerts-sla"].Findings.Select(f => f.Message).First(), StringComparison.Ordinal);
        // The demo's vendor register leaves PixelForge's two apps, the Klarna module and the ERP integration unapproved, Gorgias without a DPA and Vercel overdue.
        var register = await _host.InScopeAsync((_, db) => db.CheckEvaluations.AsNoTracking().Include(e => e.Findings)
            .Where(e => e.IsCurrent && e.CheckId.StartsWith("third-party.")).ToDictionaryAsync(e => e.CheckId));
        Assert.Equal(
            // The wholesale shop's Klarna module and its ERP integration have no vendor in the register.
            ["acme-outfitters-b2b/integrations/NetSuite ERP Connector", "acme-outfitters-b2b/modules/Klarna_Kp", "acme-outfitters.myshopify.com/apps/pixelforge-reviews", "acme-outfitters/apps/pixelforge-deployer"],
            register["third-party.apps-approved"].Findings.Select(f => f.Resource).Order(StringComparer.Ordinal));
        var overdue = Assert.Single(register["third-party.vendor-assessments-current"].Findings);
        Assert.Equal("vendors/Vercel", overdue.Resource);
        Assert.Contains("security assessment overdue since", overdue.Message, StringComparison.Ordinal);
        Assert.Contains("(1 archived repositories skipped)", results["github.codeowners-present"].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_UploadsSampleDocuments_SoSomeRequirementsPassAndTheExpiredOneDoesNot()
    {
        var info = await _host.Services.GetRequiredService<DemoWorkspaceSeeder>().EnsureCollectedAsync(CancellationToken.None);
        await UseDemoWorkspaceAsync(info.WorkspaceId);

        var attested = await _host.InScopeAsync((_, db) => db.CheckEvaluations.AsNoTracking()
            .Where(e => e.IsCurrent && e.SystemId == null && e.CheckId.StartsWith("attested."))
            .ToDictionaryAsync(e => e.CheckId, e => e));
        var passing = await _host.InScopeAsync((_, db) => db.RequirementStatuses.AsNoTracking().CountAsync(r => r.Status == CheckStatus.Pass));

        Assert.All(DemoAttestations.Current, a => Assert.Equal(CheckStatus.Pass, attested[a.CheckId].Status));
        Assert.Equal(CheckStatus.NeedsEvidence, attested[DemoAttestations.Expired.CheckId].Status);
        Assert.Contains("expired", attested[DemoAttestations.Expired.CheckId].Summary, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.NeedsEvidence, attested["attested.quarterly-access-review"].Status);
        Assert.True(passing > 0, "the sample uploads and the passing GitHub checks should make some requirements pass");
        var verification = await _host.InScopeAsync((services, _) => services.GetRequiredService<Controls.Compliance.Evidence.EvidenceVerifier>().VerifyAsync(CancellationToken.None));
        Assert.True(verification.Intact, verification.FirstBreak?.Reason);
    }

    [Fact]
    public async Task Seed_WhenAlreadyCollected_DoesNotCollectAgain()
    {
        var seeder = _host.Services.GetRequiredService<DemoWorkspaceSeeder>();
        var first = await seeder.EnsureCollectedAsync(CancellationToken.None);

        var second = await seeder.EnsureCollectedAsync(CancellationToken.None);

        Assert.True(first.CollectedNow);
        Assert.False(second.CollectedNow);
        Assert.Equal((first.WorkspaceId, first.SystemId), (second.WorkspaceId, second.SystemId));
        await UseDemoWorkspaceAsync(first.WorkspaceId);
        Assert.Equal(1, await _host.InScopeAsync((_, db) => db.CollectionRuns.CountAsync(r => r.SystemId == first.SystemId)));
    }

    [Fact]
    public async Task Recollect_Demo_IsAnsweredByNotModifiedFromTheReplay()
    {
        var info = await _host.Services.GetRequiredService<DemoWorkspaceSeeder>().EnsureCollectedAsync(CancellationToken.None);
        await UseDemoWorkspaceAsync(info.WorkspaceId);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.True(run.NotModifiedCount > run.RequestCount / 2, $"{run.NotModifiedCount} of {run.RequestCount}");
        Assert.Equal(0, run.NewContentCount);
    }

    [Fact]
    public async Task Start_WhenDisabled_CreatesNothing()
    {
        await using var host = await GitHubTestHost.StartAsync(null, time: _clock);
        try
        {
            var startup = host.Services.GetRequiredService<DemoStartupService>();
            await startup.StartAsync(CancellationToken.None);
            await startup.Completion;

            Assert.Null(await host.Services.GetRequiredService<WorkspaceDirectory>().FindAsync(DemoNames.WorkspaceSlug, CancellationToken.None));
        }
        finally
        {
            host.DeleteFolder();
        }
    }

    [Fact]
    public async Task Collect_ReplayAddressInANonDemoWorkspace_IsRefused()
    {
        await _host.ConnectAsync(Controls.Compliance.Systems.SystemKinds.GitHub, DemoNames.GitHubOrganization, DemoNames.GitHubBaseUrl, isDemo: false);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.StartsWith("The address replay://demo-github/ of 'acme-outfitters' serves recorded sample data and is only allowed in the demo workspace.", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, run.RequestCount);
    }

    [Fact]
    public void Recording_IsEmbeddedAndIndexed()
    {
        var recording = DemoRecording.LoadEmbedded();

        Assert.True(recording.Count > 50);
        // Parameter order does not matter to the index.
        Assert.True(recording.TryFind("GET", "/orgs/acme-outfitters/members", "role=admin&per_page=100", out var response, out var body));
        Assert.Contains("ETag", response.Headers.Keys);
        Assert.Contains("\"login\":\"maya-chen\"", body, StringComparison.Ordinal);
        Assert.False(recording.TryFind("GET", "/orgs/someone-else", string.Empty, out _, out _));
    }

    private async Task UseDemoWorkspaceAsync(int workspaceId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspaceId, "test");
        var db = scope.ServiceProvider.GetRequiredService<Compliance.Persistence.ControlsDbContext>();
        var system = await db.Systems.SingleAsync(s => s.Name == DemoNames.GitHubOrganization);
        _host.UseSystem(workspaceId, system.Id);
    }

    private static List<string> Resources(Dictionary<string, CheckEvaluation> results, string checkId, CheckStatus status)
    {
        var result = results[checkId];
        Assert.True(result.Status == status, $"{checkId}: expected {status}, was {result.Status}: {result.Summary} [{string.Join(" | ", result.Findings.Select(f => f.Message))}]");
        return result.Findings.Select(f => f.Resource).Order(StringComparer.Ordinal).ToList();
    }
}
