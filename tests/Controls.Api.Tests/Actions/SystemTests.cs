using System.Net;
using Controls.Api.Actions;
using Controls.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Api.Tests.Actions;

public sealed class SystemTests(ApiTestFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task CreateSystem_ValidRequest_Returns201AndIsListed()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        var (status, body) = await PostJsonAsync(client, "/api/systems", new { kind = "fixture", name = "acme-org", credentialName = ApiTestFactory.CredentialName, schedule = "0 0 3 * * ?" });
        var listed = await GetJsonAsync(client, "/api/systems");

        Assert.Equal(201, status);
        Assert.Equal("acme-org", (string?)body!["Name"] ?? (string?)body["name"]);
        var system = Assert.Single(listed.AsArray())!;
        Assert.Equal("0 0 3 * * ?", (string?)system["schedule"]);
        Assert.Equal(ApiTestFactory.CredentialName, (string?)system["credentialName"]);
    }

    [Fact]
    public async Task CreateSystem_CreatesNeedsEvidenceGapsUntilCollected()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        await PostJsonAsync(client, "/api/systems", new { kind = "fixture", name = "acme-org" });

        var gap = Assert.Single(await GetValuesAsync(client, $"/odata/Gaps?$filter=CheckId eq '{FixtureOwnershipEvaluator.Id}'"));
        Assert.Equal("NeedsEvidence", (string?)gap!["Status"]);
    }

    [Theory]
    [InlineData("github", "0 0 */6 * * ?")]
    [InlineData("shopify", "0 20 * * * ?")]
    [InlineData("log-store", "0 40 */12 * * ?")]
    [InlineData("fixture", SystemEndpoints.DefaultSchedule)]
    public async Task CreateSystem_WithoutSchedule_GetsTheDefaultOfItsKind(string kind, string expected)
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        var (status, _) = await PostJsonAsync(client, "/api/systems", new { kind, name = "acme-" + kind });

        Assert.Equal(201, status);
        var system = Assert.Single((await GetJsonAsync(client, "/api/systems")).AsArray())!;
        Assert.Equal(expected, (string?)system["schedule"]);
        Assert.Equal(Controls.Compliance.Systems.DefaultSchedules.For(kind), expected);
    }

    [Fact]
    public async Task DefaultSchedules_AreValidQuartzExpressionsForEveryCollectedKind()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var kinds = scope.ServiceProvider.GetServices<Controls.Compliance.Collection.ICollector>().Select(c => c.SystemKind).Where(k => k != "manual" && k != "fixture").ToList();

        Assert.NotEmpty(kinds);
        Assert.All(kinds, k => Assert.True(Controls.Compliance.Systems.DefaultSchedules.All.ContainsKey(k), $"{k} has no default schedule"));
        Assert.All(Controls.Compliance.Systems.DefaultSchedules.All, s => Assert.True(Quartz.CronExpression.TryParse(s.Value, out _), $"{s.Key}: {s.Value}"));
    }

    [Theory]
    [InlineData("every day", "schedule")]
    [InlineData("0 0 25 * * ?", "schedule")]
    [InlineData("* * *", "schedule")]
    public async Task CreateSystem_InvalidCron_Is400NamingTheSchedule(string schedule, string field)
    {
        await Workspace("acme").BuildAsync();

        var (status, body) = await PostJsonAsync(ClientFor("acme"), "/api/systems", new { kind = "fixture", name = "acme-org", schedule });

        Assert.Equal(400, status);
        Assert.NotNull(body!["errors"]![field]);
        Assert.Empty((await GetJsonAsync(ClientFor("acme"), "/api/systems")).AsArray());
    }

    [Theory]
    [InlineData("gitlab")]
    [InlineData("manual")]
    [InlineData("")]
    public async Task CreateSystem_KindWithoutAnInstalledCollector_Is400ListingTheInstalledKinds(string kind)
    {
        await Workspace("acme").BuildAsync();

        var (status, body) = await PostJsonAsync(ClientFor("acme"), "/api/systems", new { kind, name = "acme-org" });

        Assert.Equal(400, status);
        Assert.Contains("fixture", (string)body!["errors"]!["kind"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSystem_CredentialValueInsteadOfName_Is400()
    {
        await Workspace("acme").BuildAsync();

        var (status, body) = await PostJsonAsync(ClientFor("acme"), "/api/systems", new { kind = "fixture", name = "acme-org", credentialName = "ghp_abc def:123" });

        Assert.Equal(400, status);
        Assert.NotNull(body!["errors"]!["credentialName"]);
    }

    [Fact]
    public async Task CreateSystem_Duplicate_Is409()
    {
        await Workspace("acme").WithSystem("acme-org").BuildAsync();

        var (status, _) = await PostJsonAsync(ClientFor("acme"), "/api/systems", new { kind = "fixture", name = "acme-org" });

        Assert.Equal(409, status);
    }

    [Fact]
    public async Task CollectNow_Returns202WithTheRunLocation_AndTheRunCompletes()
    {
        var acme = await Workspace("acme").WithSystem("alpha", ("checkout", "payments")).BuildAsync();
        var client = ClientFor("acme");
        Factory.Platform.Serve("alpha", ("checkout", "payments"), ("orphan", null));

        using var response = await client.PostAsync($"/api/systems/{acme.System("alpha").Id}/collect", null);
        await Factory.Services.GetRequiredService<CollectNow>().WhenIdleAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches(@"^/odata/CollectionRuns\(\d+\)$", location);
        var run = await GetJsonAsync(client, location);
        Assert.Equal("Succeeded", (string?)run["Outcome"]);
        Assert.Equal("manual", (string?)run["Trigger"]);
        Assert.Equal(2, (int)run["EvidenceCount"]!);
        Assert.Equal("Fail", (string?)(await GetJsonAsync(client, $"/odata/Checks('{FixtureOwnershipEvaluator.Id}')?$select=Status"))["Status"]);
    }

    [Fact]
    public async Task CollectNow_PlatformUnreachable_RecordsAFailedRunAndErrorStatus()
    {
        var acme = await Workspace("acme").WithSystem("alpha", ("checkout", "payments")).BuildAsync();
        var client = ClientFor("acme");
        Factory.Platform.FailWith("alpha", "fixture platform answered 503");

        using var response = await client.PostAsync($"/api/systems/{acme.System("alpha").Id}/collect", null);
        await Factory.Services.GetRequiredService<CollectNow>().WhenIdleAsync();

        var run = await GetJsonAsync(client, response.Headers.Location!.ToString());
        Assert.Equal("Failed", (string?)run["Outcome"]);
        Assert.Contains("503", (string)run["Error"]!, StringComparison.Ordinal);
        Assert.Equal("Error", (string?)(await GetJsonAsync(client, $"/odata/Checks('{FixtureOwnershipEvaluator.Id}')?$select=Status"))["Status"]);
    }

    [Fact]
    public async Task CollectNow_AnotherWorkspacesSystem_Is404()
    {
        await Workspace("acme").BuildAsync();
        var bolt = await Workspace("bolt").WithSystem("beta", ("b", "x")).BuildAsync();

        using var response = await ClientFor("acme").PostAsync($"/api/systems/{bolt.System("beta").Id}/collect", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(await GetValuesAsync(ClientFor("bolt"), "/odata/CollectionRuns"));
    }
}
