using Controls.Api.Tests.Support;

namespace Controls.Api.Tests.Actions;

public sealed class ExclusionTests(ApiTestFactory factory) : ApiTest(factory)
{
    private const string PolicyCheck = "attested.policy-set-approved";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Exclusion_WithoutAJustification_Is400(string? justification)
    {
        await Workspace("acme").BuildAsync();

        var (status, body) = await PostJsonAsync(ClientFor("acme"), $"/api/checks/{PolicyCheck}/exclusions", new { justification });

        Assert.Equal(400, status);
        Assert.NotNull(body!["errors"]!["justification"]);
        Assert.Equal("NeedsEvidence", (string?)(await GetJsonAsync(ClientFor("acme"), $"/odata/Checks('{PolicyCheck}')?$select=Status"))["Status"]);
    }

    [Fact]
    public async Task Exclusion_WithAJustification_MakesTheCheckNotApplicable()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        var (status, body) = await PostJsonAsync(client, $"/api/checks/{PolicyCheck}/exclusions", new { justification = "Policies are owned by the parent company's ISMS." });

        Assert.Equal(201, status);
        Assert.Equal("local-user", (string?)body!["excludedBy"]);
        Assert.Equal("NotApplicable", (string?)(await GetJsonAsync(client, $"/odata/Checks('{PolicyCheck}')?$select=Status"))["Status"]);
        Assert.DoesNotContain(await GetValuesAsync(client, "/odata/Gaps?$top=1000"), g => (string?)g!["CheckId"] == PolicyCheck);
    }

    [Fact]
    public async Task Exclusion_ForOneSystem_LeavesTheOtherSystemEvaluated()
    {
        var acme = await Workspace("acme").WithSystem("alpha", ("a", null)).WithSystem("beta", ("b", null)).BuildAsync();
        var client = ClientFor("acme");

        var (status, _) = await PostJsonAsync(client, $"/api/checks/{FixtureOwnershipEvaluator.Id}/exclusions", new { systemId = acme.System("alpha").Id, justification = "alpha is an archive org." });
        var current = await GetValuesAsync(client, $"/odata/Evaluations?$filter=IsCurrent and CheckId eq '{FixtureOwnershipEvaluator.Id}'");

        Assert.Equal(201, status);
        Assert.Equal("NotApplicable", (string?)current.Single(e => (int)e!["SystemId"]! == acme.System("alpha").Id)!["Status"]);
        Assert.Equal("Fail", (string?)current.Single(e => (int)e!["SystemId"]! == acme.System("beta").Id)!["Status"]);
    }

    [Fact]
    public async Task Exclusion_ForAnotherWorkspacesSystem_Is404()
    {
        await Workspace("acme").WithSystem("alpha", ("a", null)).BuildAsync();
        var bolt = await Workspace("bolt").WithSystem("beta", ("b", null)).BuildAsync();

        var (status, _) = await PostJsonAsync(ClientFor("acme"), $"/api/checks/{FixtureOwnershipEvaluator.Id}/exclusions", new { systemId = bolt.System("beta").Id, justification = "not ours" });

        Assert.Equal(404, status);
    }
}
