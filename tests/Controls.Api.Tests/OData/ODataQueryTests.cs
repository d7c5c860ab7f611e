using System.Globalization;
using System.Text.Json.Nodes;
using Controls.Api.Tests.Support;

namespace Controls.Api.Tests.OData;

public sealed class ODataQueryTests(ApiTestFactory factory) : ApiTest(factory)
{
    private const string FixtureCheck = FixtureOwnershipEvaluator.Id;

    private async Task<(SeededWorkspace Workspace, HttpClient Client)> SeedAcmeAsync()
    {
        var acme = await Workspace("acme")
            .WithSystem("alpha", ("checkout", "payments-team"), ("unowned", null))
            .WithSystem("beta", ("storefront", "web-team"))
            .BuildAsync();
        return (acme, ClientFor("acme"));
    }

    [Theory]
    [InlineData("Frameworks")]
    [InlineData("Requirements")]
    [InlineData("Checks")]
    [InlineData("Systems")]
    [InlineData("CollectionRuns")]
    [InlineData("Evaluations")]
    [InlineData("Findings")]
    [InlineData("Gaps")]
    [InlineData("Evidence")]
    public async Task EntitySet_WithSeededWorkspace_ReturnsRows(string entitySet)
    {
        var (_, client) = await SeedAcmeAsync();

        var values = await GetValuesAsync(client, $"/odata/{entitySet}");

        Assert.NotEmpty(values);
    }

    [Fact]
    public async Task Filter_OnEnumStatusAsString_ReturnsOnlyMatchingCurrentEvaluations()
    {
        var (_, client) = await SeedAcmeAsync();

        var values = await GetValuesAsync(client, "/odata/Evaluations?$filter=IsCurrent and Status eq 'Fail'");

        var evaluation = Assert.Single(values);
        Assert.Equal("Fail", (string?)evaluation!["Status"]);
        Assert.Equal(FixtureCheck, (string?)evaluation["CheckId"]);
    }

    [Fact]
    public async Task Select_ReturnsOnlyTheSelectedProperties()
    {
        var (_, client) = await SeedAcmeAsync();

        var values = await GetValuesAsync(client, "/odata/Checks?$select=Id,Status");

        Assert.All(values, v => Assert.Equal(["Id", "Status"], v!.AsObject().Select(p => p.Key).Where(k => !k.StartsWith('@')).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Expand_RequirementChecks_ListsTheChecksThatEvidenceItWithTheirStatus()
    {
        var (_, client) = await SeedAcmeAsync();

        var requirement = await GetJsonAsync(client, "/odata/Requirements(FrameworkId='iso27001-2022',RequirementId='5.9')?$expand=Checks($select=Id,Status)");

        var check = Assert.Single(requirement["Checks"]!.AsArray(), c => (string?)c!["Id"] == FixtureCheck);
        Assert.Equal("Fail", (string?)check!["Status"]);
        Assert.Equal("Fail", (string?)requirement["Status"]);
        Assert.True((int)requirement["FailCount"]! >= 1);
        Assert.NotNull(requirement["Mappings"]);
    }

    [Fact]
    public async Task Expand_EvaluationFindings_NameTheFailingResource()
    {
        var (_, client) = await SeedAcmeAsync();

        var values = await GetValuesAsync(client, $"/odata/Evaluations?$filter=IsCurrent and CheckId eq '{FixtureCheck}' and Status eq 'Fail'&$expand=Findings");

        var finding = Assert.Single(Assert.Single(values)!["Findings"]!.AsArray());
        Assert.Equal("alpha/unowned", (string?)finding!["Resource"]);
    }

    [Fact]
    public async Task Expand_FrameworkRequirements_WithNestedFilterAndSelect()
    {
        var (_, client) = await SeedAcmeAsync();

        var framework = await GetJsonAsync(client, "/odata/Frameworks('iso27001-2022')?$expand=Requirements($filter=RequirementId eq '5.9';$select=RequirementId,Status,CheckCount)");

        var requirement = Assert.Single(framework["Requirements"]!.AsArray());
        Assert.Equal("Fail", (string?)requirement!["Status"]);
        Assert.True((int)requirement["CheckCount"]! >= 1);
    }

    [Fact]
    public async Task Filter_AnyOverANavigation_FindsRequirementsWithAFailingCheck()
    {
        var (_, client) = await SeedAcmeAsync();

        var values = await GetValuesAsync(client, "/odata/Requirements?$filter=Checks/any(c: c/Status eq 'Fail')&$select=FrameworkId,RequirementId");

        var requirement = Assert.Single(values);
        Assert.Equal("5.9", (string?)requirement!["RequirementId"]);
    }

    [Fact]
    public async Task OrderByTopSkip_PagesThroughChecksInOrder()
    {
        var (_, client) = await SeedAcmeAsync();

        var all = (await GetValuesAsync(client, "/odata/Checks?$orderby=Id desc&$select=Id&$top=6")).Select(v => (string)v!["Id"]!).ToList();
        var first = (await GetValuesAsync(client, "/odata/Checks?$orderby=Id desc&$select=Id&$top=3")).Select(v => (string)v!["Id"]!);
        var second = (await GetValuesAsync(client, "/odata/Checks?$orderby=Id desc&$select=Id&$top=3&$skip=3")).Select(v => (string)v!["Id"]!);

        Assert.Equal(6, all.Count);
        Assert.Equal(all, first.Concat(second));
        Assert.Equal(all.OrderDescending(StringComparer.Ordinal), all);
    }

    [Fact]
    public async Task Count_ReportsTheTotalAlongsideAPage()
    {
        var (_, client) = await SeedAcmeAsync();

        var page = await GetJsonAsync(client, "/odata/Checks?$count=true&$top=2");
        var everything = await GetValuesAsync(client, "/odata/Checks?$select=Id&$top=1000");

        Assert.Equal(2, page["value"]!.AsArray().Count);
        Assert.Equal(everything.Count, (int)page["@odata.count"]!);
    }

    [Fact]
    public async Task Apply_GroupBySurface_SumsTheHighHoursPerSurface()
    {
        var (_, client) = await SeedAcmeAsync();

        var grouped = await GetValuesAsync(client, "/odata/Gaps?$apply=groupby((Surface),aggregate(HoursHigh with sum as Hours))");
        var gaps = await GetValuesAsync(client, "/odata/Gaps?$select=Surface,HoursHigh&$top=1000");

        var expected = gaps.GroupBy(g => (string)g!["Surface"]!).ToDictionary(g => g.Key, g => g.Sum(x => (double)x!["HoursHigh"]!));
        var actual = grouped.ToDictionary(g => (string)g!["Surface"]!, g => double.Parse(g!["Hours"]!.ToString(), CultureInfo.InvariantCulture));
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, e => Assert.Equal(e.Value, actual[e.Key], 6));
    }

    [Fact]
    public async Task Apply_GroupByStatus_CountsAndSumsCost()
    {
        var (_, client) = await SeedAcmeAsync();

        var grouped = await GetValuesAsync(client, "/odata/Gaps?$apply=groupby((Status),aggregate($count as Gaps,CostHigh with sum as Cost))");

        Assert.Contains(grouped, g => (string?)g!["Status"] == "Fail" && (int)g["Gaps"]! == 1);
        Assert.All(grouped, g => Assert.True(double.Parse(g!["Cost"]!.ToString(), CultureInfo.InvariantCulture) > 0));
    }

    [Fact]
    public async Task Paging_MoreRowsThanAPage_ReturnsANextLinkThatContinues()
    {
        var (_, client) = await SeedAcmeAsync();

        var first = await GetJsonAsync(client, "/odata/Requirements?$select=FrameworkId,RequirementId&$orderby=FrameworkId,RequirementId");
        var nextLink = (string?)first["@odata.nextLink"];
        Assert.NotNull(nextLink);
        var second = await GetJsonAsync(client, nextLink);

        var firstKeys = first["value"]!.AsArray().Select(Key).ToList();
        var secondKeys = second["value"]!.AsArray().Select(Key).ToList();
        Assert.Equal(100, firstKeys.Count);
        Assert.NotEmpty(secondKeys);
        Assert.Empty(firstKeys.Intersect(secondKeys));

        static string Key(JsonNode? r) => $"{r!["FrameworkId"]}/{r["RequirementId"]}";
    }

    [Fact]
    public async Task Dates_AreWrittenInUtc()
    {
        var (_, client) = await SeedAcmeAsync();

        var run = Assert.Single(await GetValuesAsync(client, "/odata/CollectionRuns?$top=1&$orderby=Id"));

        var startedAt = (string)run!["StartedAt"]!;
        Assert.EndsWith("Z", startedAt, StringComparison.Ordinal);
        Assert.Equal(Factory.Clock.GetUtcNow(), DateTimeOffset.Parse(startedAt, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Expand_SystemCollectionRuns_ListsTheSystemsRuns()
    {
        var (acme, client) = await SeedAcmeAsync();

        var system = await GetJsonAsync(client, $"/odata/Systems({acme.System("alpha").Id})?$expand=CollectionRuns");

        var run = Assert.Single(system["CollectionRuns"]!.AsArray());
        Assert.Equal(acme.System("alpha").RunId, (long)run!["Id"]!);
        Assert.Equal("Succeeded", (string?)run["Outcome"]);
        Assert.Equal("Succeeded", (string?)system["LastRunOutcome"]);
    }

    [Fact]
    public async Task Evidence_LinksToItsContent()
    {
        var (_, client) = await SeedAcmeAsync();

        var record = Assert.Single(await GetValuesAsync(client, "/odata/Evidence?$filter=Subject eq 'alpha/checkout'"));

        Assert.Equal($"/api/evidence/{(long)record!["Id"]!}/content", (string?)record["ContentUrl"]);
        Assert.Equal(64, ((string)record["ChainHash"]!).Length);
    }
}
