using Controls.Collectors.ThirdParty.Checks;
using Controls.Collectors.ThirdParty.Sources;
using Controls.Compliance.Evaluation;
using Controls.Compliance.ThirdParty;
using static Controls.Collectors.Tests.GitHub.Checks.EvidenceBuilder;

namespace Controls.Collectors.Tests.ThirdParty.Checks;

/// <summary>The register checks over hand-built evidence; "today" is the evidence's collection day (2026-11-02).</summary>
public sealed class ThirdPartyCheckTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(CollectedAt);

    [Fact]
    public void AppsApproved_MagentoModuleMatchedByVendorNamespace_Passes()
    {
        var check = new AppsApprovedEvaluator();

        var verdict = check.Evaluate(
            Snapshot(Register(Vendor("Amasty", matches: ["Amasty"])), Inventory("shop.example", Entry(InventoryItemKinds.MagentoModule, "Amasty_Promo", vendor: "Amasty"))),
            Parameters(check.CheckId));

        Assert.True(verdict.Passed, verdict.Summary);
    }

    [Fact]
    public void VendorMatcher_MatchesNamespaceHandleAndDeveloperIgnoringCase()
    {
        Vendor[] vendors = [new() { Name = "Amasty", Matches = ["amasty"] }, new() { Name = "Klaviyo" }, new() { Name = "Slack", Matches = ["slack"] }];
        string? Match(InventoryEntry entry) => VendorMatcher.Match(vendors, v => v.Name, v => v.Matches, entry)?.Name;

        Assert.Equal("Amasty", Match(new(InventoryItemKinds.MagentoModule, "Amasty_Promo", "Amasty_Promo", null, [], [], null, 1)));
        Assert.Equal("Klaviyo", Match(new(InventoryItemKinds.ShopifyApp, "klaviyo-email", "Klaviyo: Email", "klaviyo", [], [], null, 1)));
        Assert.Equal("Slack", Match(new(InventoryItemKinds.GitHubApp, "SLACK", "SLACK", null, [], [], null, 1)));
        Assert.Null(Match(new(InventoryItemKinds.ShopifyApp, "amasty-lookalike", "Amasty lookalike", null, [], [], null, 1)));
    }

    [Fact]
    public void SensitiveAccess_ApprovedVendorWithoutDpaOrAssessment_IsAFindingNamingEveryGap()
    {
        var check = new SensitiveAccessAssessedEvaluator();

        var verdict = check.Evaluate(
            Snapshot(Register(Vendor("PayLater", dpa: false, neverAssessed: true)), Inventory("acme.myshopify.com", Entry(InventoryItemKinds.ShopifyApp, "paylater", vendor: "PayLater", reach: [DataReach.Payment], access: ["write_payment_terms"]))),
            Parameters(check.CheckId));

        Assert.False(verdict.Passed);
        Assert.Equal(
            "acme.myshopify.com: shopify-app `paylater` reaches payment data (write_payment_terms) but no signed DPA with PayLater; PayLater has never been security-assessed",
            Assert.Single(verdict.Findings).Message);
    }

    [Fact]
    public void SensitiveAccess_NoDueDate_FallsDueOneIntervalAfterTheLastAssessment()
    {
        var check = new SensitiveAccessAssessedEvaluator();
        var evidence = Snapshot(
            Register(Vendor("Klaviyo", last: Today.AddMonths(-13), due: null)),
            Inventory("acme.myshopify.com", Entry(InventoryItemKinds.ShopifyApp, "klaviyo", vendor: "Klaviyo", reach: [DataReach.Customer])));

        var verdict = check.Evaluate(evidence, Parameters(check.CheckId));
        var longer = check.Evaluate(evidence, Parameters(check.CheckId, ("assessmentIntervalMonths", "24")));

        Assert.EndsWith($"the assessment of Klaviyo was due on {Today.AddMonths(-1):yyyy-MM-dd}", Assert.Single(verdict.Findings).Message, StringComparison.Ordinal);
        Assert.True(longer.Passed, longer.Summary);
    }

    [Fact]
    public void SensitiveAccess_SourceCodeReach_IsOnlySensitiveWhenConfigured()
    {
        var check = new SensitiveAccessAssessedEvaluator();
        var evidence = Snapshot(Register(), Inventory("acme", Entry(InventoryItemKinds.GitHubApp, "deployer", reach: [DataReach.SourceCode, DataReach.Secrets])));

        Assert.True(check.Evaluate(evidence, Parameters(check.CheckId)).Passed);
        Assert.False(check.Evaluate(evidence, Parameters(check.CheckId, ("sensitiveReach", "[\"secrets\"]"))).Passed);
    }

    [Fact]
    public void VendorAssessments_DueTodayIsCurrent_DueYesterdayIsOverdue()
    {
        var check = new VendorAssessmentsCurrentEvaluator();

        var verdict = check.Evaluate(Snapshot(Register(Vendor("Today", due: Today), Vendor("Yesterday", due: Today.AddDays(-1)))), Parameters(check.CheckId));

        Assert.Equal(["vendors/Yesterday"], verdict.Findings.Select(f => f.Resource));
    }

    [Fact]
    public void Evaluate_WithoutAnyInventory_ThrowsSoTheCheckIsErrorNotPass()
    {
        var check = new AppsApprovedEvaluator();

        Assert.Throws<InvalidOperationException>(() => check.Evaluate(Snapshot(Register()), Parameters(check.CheckId)));
    }

    [Theory]
    [InlineData("read_customers", "customer")]
    [InlineData("write_orders", "customer, order")]
    [InlineData("read_all_orders", "customer, order")]
    [InlineData("write_payment_terms", "payment")]
    [InlineData("read_customer_payment_methods", "payment")]
    [InlineData("write_script_tags", "storefront")]
    [InlineData("read_products", "product")]
    [InlineData("read_locales", "other")]
    public void ShopifyScopes_ReachTheirDataClasses(string scope, string reach) =>
        Assert.Equal(reach, string.Join(", ", ShopifyScopes.Reach([scope])));

    [Fact]
    public void GitHubPermissions_ReachCodeSecretsAndAdministration() =>
        Assert.Equal(
            [DataReach.Administration, DataReach.Secrets, DataReach.SourceCode],
            GitHubInventorySource.Reach(["metadata", "contents", "secrets", "administration", "workflows"]));

    private static VendorEvidence Vendor(string name, bool approved = true, bool dpa = true, DateOnly? last = null, DateOnly? due = null, IReadOnlyList<string>? matches = null, bool neverAssessed = false) =>
        new(1, name, approved, "Medium", "owner@acme.example", dpa, neverAssessed ? null : last ?? Today.AddMonths(-1), due, matches ?? [], CollectedAt);

    private static EvidenceItem Register(params VendorEvidence[] vendors) =>
        Item(ThirdPartyRegister.RegisterEvidenceKind, ThirdPartyRegister.RegisterSubject, new VendorRegisterEvidence(vendors));

    private static EvidenceItem Inventory(string system, params InventoryItemEvidence[] items) =>
        Item(ThirdPartyRegister.InventoryEvidenceKind, system, new InventoryEvidence(system, "shopify", 1, CollectedAt, false, items));

    private static InventoryItemEvidence Entry(string kind, string key, string? vendor = null, IReadOnlyList<string>? reach = null, IReadOnlyList<string>? access = null) =>
        new(kind, key, key, null, access ?? [], reach ?? [], vendor, null, CollectedAt, false, true, 1);
}
