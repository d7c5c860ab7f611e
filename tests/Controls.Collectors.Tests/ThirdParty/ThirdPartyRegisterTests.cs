using Controls.Collectors.Tests.GitHub;
using Controls.Collectors.Tests.Shopify;
using Controls.Collectors.Tests.Support;
using Controls.Collectors.ThirdParty;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Systems;
using Controls.Compliance.ThirdParty;
using Controls.Testing;
using Controls.Testing.FakeGitHub;
using Controls.Testing.FakeShopify;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.ThirdParty;

/// <summary>
/// A fake Shopify store and a fake GitHub organisation collected through the real runner; every finished run
/// re-collects the third-party register, whose checks are read here.
/// </summary>
public sealed class ThirdPartyRegisterTests : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private FakeShopifyServer _shopify = null!;
    private FakeGitHubServer _github = null!;
    private CollectorTestHost _host = null!;
    private int _shopifySystemId;
    private int _githubSystemId;

    private string Shop => _shopify.State.Domain;

    public async Task InitializeAsync()
    {
        _shopify = await FakeShopifyServer.StartAsync(TestStores.Acme(_clock.GetUtcNow()));
        _github = await FakeGitHubServer.StartAsync(TestOrganizations.Small(), _clock);
        _host = await ShopifyTestHost.StartAsync(_shopify, time: _clock, settings: new Dictionary<string, string?>
        {
            [$"Controls:Credentials:{GitHubTestHost.CredentialName}"] = FakeGitHubState.DefaultToken,
            ["Controls:GitHub:RetryBaseDelay"] = "00:00:00.010",
            ["Controls:GitHub:MaxRetries"] = "2",
        });
        _shopifySystemId = _host.SystemId;
        _githubSystemId = await _host.InScopeAsync(async (_, db) =>
        {
            var system = new ConnectedSystem
            {
                WorkspaceId = _host.WorkspaceId,
                Kind = SystemKinds.GitHub,
                Name = _github.State.Organization.Login,
                BaseUrl = _github.BaseUrl.AbsoluteUri,
                CredentialName = GitHubTestHost.CredentialName,
            };
            db.Systems.Add(system);
            await db.SaveChangesAsync();
            return system.Id;
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _shopify.DisposeAsync();
        await _github.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Collect_ShopifyAndGitHub_RegisterFindsUnapprovedAppsAndUnassessedSensitiveAccess()
    {
        await CollectAsync(_shopifySystemId);
        await CollectAsync(_githubSystemId);

        var results = await RegisterEvaluationsAsync();
        Assert.Equal(CheckStatus.Fail, results["third-party.apps-approved"].Status);
        Assert.Equal(
            [
                "acme.myshopify.com/apps/klaviyo-email-marketing",
                "acme.myshopify.com/apps/pixelpop",
                "acme.myshopify.com/apps/store-locator",
                "acme/apps/shady-deployer",
                "acme/apps/slack",
            ],
            Resources(results["third-party.apps-approved"]));
        Assert.Contains(
            "acme/apps/shady-deployer | acme: github-app `shady-deployer` matches no vendor in the register; it reaches secrets, source-code data",
            Lines(results["third-party.apps-approved"]));

        Assert.Equal(CheckStatus.Fail, results["third-party.sensitive-access-assessed"].Status);
        Assert.Equal(
            [
                "acme.myshopify.com/apps/klaviyo-email-marketing | acme.myshopify.com: shopify-app `Klaviyo` reaches customer data (read_customers, read_orders, read_products) but no vendor in the register",
                "acme.myshopify.com/apps/pixelpop | acme.myshopify.com: shopify-app `PixelPop` reaches customer data (read_customers, read_products, write_orders) but no vendor in the register",
            ],
            Lines(results["third-party.sensitive-access-assessed"]));

        // Everything installed when the inventory started is the baseline, not "new".
        Assert.Equal(CheckStatus.Pass, results["third-party.new-installs-reviewed"].Status);
        Assert.Equal(CheckStatus.Pass, results["third-party.vendor-assessments-current"].Status);

        var inventory = await InventoryAsync();
        var klaviyo = inventory.Items.Single(i => i.Key == "klaviyo-email-marketing");
        Assert.Equal("customer, order, product", klaviyo.DataReach);
        Assert.Null(klaviyo.Vendor);
        Assert.Equal(Shop, klaviyo.System);
        Assert.Empty(inventory.Gaps);
    }

    [Fact]
    public async Task Register_ApprovedAssessedVendorsWithDpa_MakeEveryCheckPass()
    {
        await CollectAsync(_shopifySystemId);
        await CollectAsync(_githubSystemId);
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        await AddVendorsAsync(
            Approved("Klaviyo", today, ["klaviyo-email-marketing"]),
            Approved("PixelPop", today, ["pixelpop"]),
            Approved("Store Locator Inc", today, ["store-locator"]),
            Approved("Slack", today, ["slack"]),
            Approved("Shady Deployer Ltd", today, ["shady-deployer"]));

        await RegisterRunAsync();

        var results = await RegisterEvaluationsAsync();
        Assert.All(
            ["third-party.apps-approved", "third-party.sensitive-access-assessed", "third-party.new-installs-reviewed", "third-party.vendor-assessments-current"],
            id => Assert.True(results[id].Status == CheckStatus.Pass, $"{id}: {CollectorTestHost.Explain(results[id])}"));
        var inventory = await InventoryAsync();
        Assert.Equal("Klaviyo", inventory.Items.Single(i => i.Key == "klaviyo-email-marketing").Vendor);
    }

    [Fact]
    public async Task Collect_AppInstalledAfterTheBaseline_IsListedAsNewUntilReviewed()
    {
        await CollectAsync(_shopifySystemId);
        await CollectAsync(_githubSystemId);
        _clock.Advance(TimeSpan.FromHours(6));
        _shopify.State.Apps.Add(new FakeApp("gid://shopify/AppInstallation/14", "Card Saver", "card-saver", ["read_customer_payment_methods", "read_orders"], "Sketchy Dev"));

        await CollectAsync(_shopifySystemId);

        var inventory = await InventoryAsync();
        var added = inventory.Items.Single(i => i.Key == "card-saver");
        Assert.True(added.NewSinceLastRun);
        Assert.False(added.PresentAtBaseline);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, added.FirstSeenAt);
        Assert.All(inventory.Items.Where(i => i.Key != "card-saver"), i => Assert.False(i.NewSinceLastRun));
        var results = await RegisterEvaluationsAsync();
        Assert.Equal(CheckStatus.Fail, results["third-party.new-installs-reviewed"].Status);
        var finding = Assert.Single(Lines(results["third-party.new-installs-reviewed"]));
        Assert.Equal(
            $"acme.myshopify.com/apps/card-saver | acme.myshopify.com: shopify-app `Card Saver` (developer Sketchy Dev) is new since {_clock.GetUtcNow():yyyy-MM-dd} and not reviewed into the vendor register; it reaches customer, order, payment data",
            finding);

        // The next run no longer marks it new since the last run, but it stays unreviewed until it is in the register.
        await CollectAsync(_shopifySystemId);
        Assert.False((await InventoryAsync()).Items.Single(i => i.Key == "card-saver").NewSinceLastRun);
        Assert.Equal(CheckStatus.Fail, (await RegisterEvaluationsAsync())["third-party.new-installs-reviewed"].Status);

        await AddVendorsAsync(new VendorInput("Sketchy Dev", false, RiskTier.High, "it@acme.example", false, null, null, null, []));
        await RegisterRunAsync();
        results = await RegisterEvaluationsAsync();
        Assert.Equal(CheckStatus.Pass, results["third-party.new-installs-reviewed"].Status);
        Assert.Contains(Lines(results["third-party.apps-approved"]), l => l.StartsWith("acme.myshopify.com/apps/card-saver | acme.myshopify.com: shopify-app `Card Saver` belongs to Sketchy Dev, which is not approved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Register_AssessmentDueDatePasses_VendorAssessmentsFailOnTheRegistersCollectionDay()
    {
        await CollectAsync(_shopifySystemId);
        await CollectAsync(_githubSystemId);
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        await AddVendorsAsync(
            Approved("Klaviyo", today, ["klaviyo-email-marketing"]) with { AssessmentDueOn = today.AddDays(10) },
            new VendorInput("Acme Payments", true, RiskTier.Critical, "cfo@acme.example", true, null, null, null, []));
        await RegisterRunAsync();
        var before = await RegisterEvaluationsAsync();
        Assert.Equal(["vendors/Acme Payments | Acme Payments (Critical risk, owner cfo@acme.example) has never been security-assessed"], Lines(before["third-party.vendor-assessments-current"]));

        _clock.Advance(TimeSpan.FromDays(11));
        await CollectAsync(_shopifySystemId);
        await CollectAsync(_githubSystemId);

        var results = await RegisterEvaluationsAsync();
        Assert.Equal(CheckStatus.Fail, results["third-party.vendor-assessments-current"].Status);
        Assert.Contains($"vendors/Klaviyo | Klaviyo (Medium risk, owner it@acme.example): security assessment overdue since {today.AddDays(10):yyyy-MM-dd} (last assessed {today.AddDays(-30):yyyy-MM-dd})", Lines(results["third-party.vendor-assessments-current"]));
        Assert.Contains(Lines(results["third-party.sensitive-access-assessed"]),
            l => l.StartsWith("acme.myshopify.com/apps/klaviyo-email-marketing | ", StringComparison.Ordinal) && l.EndsWith($"but the assessment of Klaviyo was due on {today.AddDays(10):yyyy-MM-dd}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Collect_SourceRunFailed_InventoryChecksAreErrorNotPass()
    {
        await CollectAsync(_shopifySystemId);
        await CollectAsync(_githubSystemId);
        _shopify.State.RevokeToken();

        var run = await CollectAsync(_shopifySystemId);

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        var results = await RegisterEvaluationsAsync();
        foreach (var id in new[] { "third-party.apps-approved", "third-party.sensitive-access-assessed", "third-party.new-installs-reviewed" })
        {
            Assert.Equal(CheckStatus.Error, results[id].Status);
            Assert.Contains($"The latest collection of {Shop} (run {run.Id}) failed", CollectorTestHost.Explain(results[id]), StringComparison.Ordinal);
        }

        // The register itself was recorded: vendor assessments do not depend on any platform.
        Assert.Equal(CheckStatus.Pass, results["third-party.vendor-assessments-current"].Status);
        var gap = Assert.Single((await InventoryAsync()).Gaps);
        Assert.Equal(Shop, gap.System);
    }

    [Fact]
    public async Task Register_DailyRunAfterThePlatformsWentQuiet_DoesNotJudgeOldInventories()
    {
        await CollectAsync(_shopifySystemId);
        await CollectAsync(_githubSystemId);
        _clock.Advance(TimeSpan.FromDays(3));

        await RegisterRunAsync();

        var results = await RegisterEvaluationsAsync();
        Assert.Equal(CheckStatus.Error, results["third-party.apps-approved"].Status);
        Assert.Contains("older than 48 hours", CollectorTestHost.Explain(results["third-party.apps-approved"]), StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, results["third-party.vendor-assessments-current"].Status);
    }

    [Fact]
    public async Task Collect_AppListNotReadable_InventoryOfThatStoreIsAFailure()
    {
        _shopify.State.GrantedScopes.Remove("read_apps");

        await CollectAsync(_shopifySystemId);
        await CollectAsync(_githubSystemId);

        var results = await RegisterEvaluationsAsync();
        Assert.Equal(CheckStatus.Error, results["third-party.apps-approved"].Status);
        Assert.Contains("shopify.app-installations could not be collected", CollectorTestHost.Explain(results["third-party.apps-approved"]), StringComparison.Ordinal);
    }

    private static VendorInput Approved(string name, DateOnly today, IReadOnlyList<string> matches) =>
        new(name, true, RiskTier.Medium, "it@acme.example", true, today.AddDays(-30), today.AddDays(335), null, matches);

    private Task<CollectionRun> CollectAsync(int systemId) =>
        _host.InScopeAsync((services, _) => services.GetRequiredService<CollectionRunner>().RunAsync(systemId, "manual", CancellationToken.None));

    private Task<CollectionRun> RegisterRunAsync() =>
        _host.InScopeAsync((services, _) => services.GetRequiredService<ThirdPartyRegisterService>().CollectAsync(ThirdPartyRegister.TriggerRegisterEdit, CancellationToken.None));

    private Task<int> AddVendorsAsync(params VendorInput[] vendors) =>
        _host.InScopeAsync(async (_, db) =>
        {
            var now = _clock.GetUtcNow().UtcDateTime;
            foreach (var input in vendors)
            {
                var vendor = new Vendor { WorkspaceId = _host.WorkspaceId, Name = input.Name, CreatedAt = now };
                input.ApplyTo(vendor, now);
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
