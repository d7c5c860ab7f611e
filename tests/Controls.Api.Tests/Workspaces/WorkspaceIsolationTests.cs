using System.Net;
using System.Text.Json.Nodes;
using Controls.Api.Tests.Support;

namespace Controls.Api.Tests.Workspaces;

public sealed class WorkspaceIsolationTests(ApiTestFactory factory) : ApiTest(factory)
{
    private async Task<(SeededWorkspace A, SeededWorkspace B)> SeedTwoAsync()
    {
        var a = await Workspace("acme").WithSystem("alpha", ("checkout", "payments-team")).BuildAsync();
        var b = await Workspace("bolt").WithSystem("beta", ("orphan", null)).WithUnreachableSystem("gamma", "gamma is unreachable").BuildAsync();
        return (a, b);
    }

    [Fact]
    public async Task Header_SelectsTheWorkspace_AndNoEntitySetShowsAnotherWorkspacesRows()
    {
        var (a, b) = await SeedTwoAsync();
        var client = ClientFor("acme");
        var aSystems = a.Systems.Select(s => s.Id).ToHashSet();

        Assert.Equal(["alpha"], (await GetValuesAsync(client, "/odata/Systems")).Select(s => (string)s!["Name"]!));
        Assert.All(await GetValuesAsync(client, "/odata/CollectionRuns"), r => Assert.Contains((int)r!["SystemId"]!, aSystems));
        Assert.All(await GetValuesAsync(client, "/odata/Evidence"), e => Assert.StartsWith("alpha/", (string)e!["Subject"]!, StringComparison.Ordinal));
        Assert.All(await GetValuesAsync(client, "/odata/Evaluations?$top=1000"), e => Assert.True(e!["SystemId"] is null || aSystems.Contains((int)e["SystemId"]!)));
        Assert.All(await GetValuesAsync(client, "/odata/Gaps?$top=1000"), g => Assert.True(g!["SystemId"] is null || aSystems.Contains((int)g["SystemId"]!)));
        Assert.Empty(await GetValuesAsync(client, "/odata/Findings"));
        Assert.NotEmpty(await GetValuesAsync(ClientFor("bolt"), "/odata/Findings"));
    }

    [Fact]
    public async Task QueryParameter_SelectsTheWorkspace_ForClientsThatCannotSendHeaders()
    {
        await SeedTwoAsync();
        var client = ClientFor(null);

        Assert.Equal(["beta", "gamma"], (await GetValuesAsync(client, "/odata/Systems?workspace=bolt&$orderby=Name")).Select(s => (string)s!["Name"]!));
        Assert.Equal(["alpha"], (await GetValuesAsync(client, "/odata/Systems?workspace=acme")).Select(s => (string)s!["Name"]!));
    }

    [Fact]
    public async Task Header_WinsOverTheQueryParameter()
    {
        await SeedTwoAsync();

        Assert.Equal(["alpha"], (await GetValuesAsync(ClientFor("acme"), "/odata/Systems?workspace=bolt")).Select(s => (string)s!["Name"]!));
    }

    [Fact]
    public async Task Expand_NeverReachesAnotherWorkspacesRows()
    {
        var (a, _) = await SeedTwoAsync();
        var client = ClientFor("acme");

        var check = await GetJsonAsync(client, $"/odata/Checks('{FixtureOwnershipEvaluator.Id}')?$expand=CurrentEvaluations");
        var requirement = await GetJsonAsync(client, "/odata/Requirements(FrameworkId='iso27001-2022',RequirementId='5.9')?$expand=Checks");
        var evaluations = await GetValuesAsync(client, "/odata/Evaluations?$filter=IsCurrent&$expand=Findings&$top=1000");
        var systems = await GetValuesAsync(client, "/odata/Systems?$expand=CollectionRuns");

        Assert.Equal("Pass", (string?)check["Status"]);
        Assert.Equal(a.System("alpha").Id, (int)Assert.Single(check["CurrentEvaluations"]!.AsArray())!["SystemId"]!);
        Assert.Equal("Pass", (string?)requirement["Checks"]!.AsArray().Single(c => (string?)c!["Id"] == FixtureOwnershipEvaluator.Id)!["Status"]);
        Assert.Equal(0, (int)requirement["FailCount"]!);
        Assert.All(evaluations, e => Assert.Empty(e!["Findings"]!.AsArray()));
        Assert.Equal(a.System("alpha").RunId, (long)Assert.Single(Assert.Single(systems)!["CollectionRuns"]!.AsArray())!["Id"]!);
    }

    [Fact]
    public async Task EvidenceContent_OfAnotherWorkspace_IsNotFound()
    {
        await SeedTwoAsync();
        var foreignId = (long)Assert.Single(await GetValuesAsync(ClientFor("bolt"), "/odata/Evidence?$filter=Subject eq 'beta/orphan'"))!["Id"]!;

        using var own = await ClientFor("bolt").GetAsync($"/api/evidence/{foreignId}/content");
        using var foreign = await ClientFor("acme").GetAsync($"/api/evidence/{foreignId}/content");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SingleEntity_OfAnotherWorkspace_IsNotFound()
    {
        var (_, b) = await SeedTwoAsync();

        using var system = await ClientFor("acme").GetAsync($"/odata/Systems({b.System("beta").Id})");
        using var run = await ClientFor("acme").GetAsync($"/odata/CollectionRuns({b.System("beta").RunId})");

        Assert.Equal(HttpStatusCode.NotFound, system.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, run.StatusCode);
    }

    [Fact]
    public async Task UnknownWorkspace_Is404ProblemNamingTheSlug()
    {
        await SeedTwoAsync();

        using var response = await ClientFor("nope").GetAsync("/odata/Systems");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'nope'", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingHeader_UsesTheConfiguredDefaultWorkspace()
    {
        await Workspace("demo").WithSystem("demo-org", ("shop", "web")).BuildAsync();
        await SeedTwoAsync();

        var systems = await GetValuesAsync(ClientFor(null), "/odata/Systems");

        Assert.Equal(["demo-org"], systems.Select(s => (string)s!["Name"]!));
    }

    [Fact]
    public async Task MissingHeader_WithoutTheDefaultWorkspace_Is404NamingIt()
    {
        await SeedTwoAsync();

        using var response = await ClientFor(null).GetAsync("/api/systems");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'demo'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
