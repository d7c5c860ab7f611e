using System.Text.Json.Nodes;
using Controls.Api.Tests.Support;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Controls.Testing.FakeGitHub;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Api.Tests.Actions;

/// <summary>Access-review campaigns through the real host over a collection of a fake GitHub: the API, its refusals and the OData sets.</summary>
public sealed class AccessReviewTests(ApiTestFactory factory) : ApiTest(factory), IAsyncLifetime
{
    private const string Check = "access-reviews.reviews-current";
    private FakeGitHubServer _github = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var state = FakeGitHubState.Create("acme", org => org.Member("alice", admin: true).Member("dave").OutsideCollaborator("zoe-contractor"));
        state.ValidTokens.Add(ApiTestFactory.CredentialValue);
        _github = await FakeGitHubServer.StartAsync(state, Factory.Clock);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _github.DisposeAsync();
    }

    [Fact]
    public async Task Campaign_ThroughTheApi_IsDecidedSignedOffAndReadableThroughOData()
    {
        var workspace = await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        var systemId = await ConnectGitHubAsync(workspace.Id);

        var (notCollected, refusal) = await PostJsonAsync(client, "/api/access-reviews", new { systemId, owner = "alice" });
        Assert.Equal(409, notCollected);
        Assert.Contains("has not been collected yet", refusal!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        await CollectAsync(workspace.Id, systemId);
        var (created, campaign) = await PostJsonAsync(client, "/api/access-reviews", new { systemId, owner = "alice", title = "Q4 GitHub review" });
        Assert.Equal(201, created);
        var id = campaign!["id"]!.GetValue<int>();
        Assert.Equal("open", campaign["state"]!.GetValue<string>());
        Assert.Equal(["alice owner true", "dave member false", "zoe-contractor outside-collaborator false"],
            Items(campaign).Select(i => $"{i["login"]} {i["role"]} {i["privileged"]}"));
        Assert.Equal(409, (await PostJsonAsync(client, "/api/access-reviews", new { systemId, owner = "bob" })).Status);

        var items = Items(campaign).ToDictionary(i => i["login"]!.GetValue<string>(), i => i["id"]!.GetValue<int>());
        var (noJustification, problem) = await PostJsonAsync(client, $"/api/access-reviews/{id}/items/{items["dave"]}/decision", new { decision = "Revoke" });
        Assert.Equal(400, noJustification);
        Assert.NotNull(problem!["errors"]!["justification"]);
        var (changeWithoutRole, changeProblem) = await PostJsonAsync(client, $"/api/access-reviews/{id}/items/{items["alice"]}/decision",
            new { decision = "Change", justification = "least privilege" });
        Assert.Equal(400, changeWithoutRole);
        Assert.NotNull(changeProblem!["errors"]!["changeTo"]);
        Assert.Equal(404, (await PostJsonAsync(client, $"/api/access-reviews/{id}/items/999999/decision", new { decision = "Keep", justification = "x" })).Status);
        Assert.Equal(404, (await PostJsonAsync(client, "/api/access-reviews/999999/sign-off", new { signedOffBy = "alice" })).Status);

        var (undecided, undecidedProblem) = await PostJsonAsync(client, $"/api/access-reviews/{id}/sign-off", new { signedOffBy = "alice" });
        Assert.Equal(400, undecided);
        Assert.Contains("not decided yet", undecidedProblem!["errors"]!["items"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(200, (await PostJsonAsync(client, $"/api/access-reviews/{id}/items/{items["alice"]}/decision",
            new { decision = "Keep", justification = "Org owner, runs the platform team", decidedBy = "alice" })).Status);
        Assert.Equal(200, (await PostJsonAsync(client, $"/api/access-reviews/{id}/items/{items["zoe-contractor"]}/decision",
            new { decision = "Keep", justification = "Contract runs to March" })).Status);
        var (decided, afterDecision) = await PostJsonAsync(client, $"/api/access-reviews/{id}/items/{items["dave"]}/decision",
            new { decision = "Revoke", justification = "Left the company on 2026-10-31", decidedBy = "alice" });
        Assert.Equal(200, decided);
        Assert.Equal(3, afterDecision!["decided"]!.GetValue<int>());
        Assert.Equal(1, afterDecision["pendingVerification"]!.GetValue<int>());

        var (notOwner, ownerProblem) = await PostJsonAsync(client, $"/api/access-reviews/{id}/sign-off", new { signedOffBy = "dave" });
        Assert.Equal(400, notOwner);
        Assert.Contains("Only the campaign's owner (alice)", ownerProblem!["errors"]!["signedOffBy"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var (signed, signedOff) = await PostJsonAsync(client, $"/api/access-reviews/{id}/sign-off", new { signedOffBy = "Alice", statement = "Reviewed all three; dave revoked." });
        Assert.Equal(200, signed);
        Assert.Equal("signed-off", signedOff!["state"]!.GetValue<string>());
        Assert.Equal(409, (await PostJsonAsync(client, $"/api/access-reviews/{id}/items/{items["alice"]}/decision", new { decision = "Revoke", justification = "changed my mind" })).Status);
        Assert.Equal(409, (await PostJsonAsync(client, $"/api/access-reviews/{id}/sign-off", new { signedOffBy = "alice" })).Status);

        var list = (await GetJsonAsync(client, "/api/access-reviews")).AsArray();
        Assert.Equal("Q4 GitHub review", Assert.Single(list)!["title"]!.GetValue<string>());
        var one = await GetJsonAsync(client, $"/api/access-reviews/{id}");
        Assert.Equal("Reviewed all three; dave revoked.", one["signOffStatement"]!.GetValue<string>());

        var campaigns = await GetValuesAsync(client, "/odata/AccessReviewCampaigns");
        Assert.Equal("Alice", Assert.Single(campaigns)!["SignedOffBy"]!.GetValue<string>());
        var revoked = Assert.Single(await GetValuesAsync(client, "/odata/AccessReviewItems?$filter=Decision eq 'Revoke'"));
        Assert.Equal("dave", revoked!["Login"]!.GetValue<string>());
        Assert.Equal("Left the company on 2026-10-31", revoked["Justification"]!.GetValue<string>());
        Assert.Equal(3, (await GetValuesAsync(client, $"/odata/AccessReviewItems?$filter=CampaignId eq {id}")).Count);

        // Signed off with dave's revocation not yet seen carried out: the control is not effective yet.
        var evaluation = Assert.Single(await GetValuesAsync(client, $"/odata/Evaluations?$filter=CheckId eq '{Check}' and IsCurrent eq true&$expand=Findings"));
        Assert.Equal("Fail", evaluation!["Status"]!.GetValue<string>());
        Assert.Contains("revocation of `dave`", Assert.Single(evaluation["Findings"]!.AsArray())!["Message"]!.GetValue<string>(), StringComparison.Ordinal);

        // The next collection without dave verifies the revocation; an owner added since is flagged on the page.
        _github.State.Update(org =>
        {
            org.Members.RemoveAll(m => m.Login == "dave");
            org.Member("mallory", admin: true);
        });
        await CollectAsync(workspace.Id, systemId);
        var verified = await GetJsonAsync(client, $"/api/access-reviews/{id}");
        var daveItem = Items(verified).Single(i => i["login"]!.GetValue<string>() == "dave");
        Assert.NotNull(daveItem["verifiedAt"]);
        Assert.Equal(0, verified["pendingVerification"]!.GetValue<int>());
        var page = await client.GetStringAsync("/access-reviews?workspace=acme");
        Assert.Matches($"data-testid=\"new-since-{systemId}\"[^<]*<span class=\"nowrap\">mallory", page);
        var failing = Assert.Single(await GetValuesAsync(client, $"/odata/Evaluations?$filter=CheckId eq '{Check}' and IsCurrent eq true&$expand=Findings"));
        Assert.Equal("Fail", failing!["Status"]!.GetValue<string>());
        Assert.Contains("privileged account `mallory` (owner) appeared after the last review",
            Assert.Single(failing["Findings"]!.AsArray())!["Message"]!.GetValue<string>(), StringComparison.Ordinal);

        // Another workspace sees none of it.
        await Workspace("other").BuildAsync();
        Assert.Empty(await GetValuesAsync(ClientFor("other"), "/odata/AccessReviewCampaigns"));
        using var hidden = await ClientFor("other").GetAsync($"/api/access-reviews/{id}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Start_WithoutSystemOrOwner_OrForAnUnknownOrNonAccountSystem_IsRefused()
    {
        var workspace = await Workspace("acme").WithSystem("fixture-1").BuildAsync();
        var client = ClientFor("acme");

        var (missingSystem, problem) = await PostJsonAsync(client, "/api/access-reviews", new { owner = "alice" });
        Assert.Equal(400, missingSystem);
        Assert.NotNull(problem!["errors"]!["systemId"]);
        Assert.Equal(404, (await PostJsonAsync(client, "/api/access-reviews", new { systemId = 999999, owner = "alice" })).Status);
        var (noAccounts, noAccountsProblem) = await PostJsonAsync(client, "/api/access-reviews", new { systemId = workspace.System("fixture-1").Id, owner = "alice" });
        Assert.Equal(400, noAccounts);
        Assert.Contains("yields no accounts", noAccountsProblem!["errors"]!["systemId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var (noOwner, ownerProblem) = await PostJsonAsync(client, "/api/access-reviews", new { systemId = workspace.System("fixture-1").Id });
        Assert.Equal(400, noOwner);
        Assert.NotNull(ownerProblem!["errors"]!["owner"]);
    }

    private static IEnumerable<JsonNode> Items(JsonNode campaign) => campaign["items"]!.AsArray().Select(i => i!);

    private async Task<int> ConnectGitHubAsync(int workspaceId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspaceId, "test");
        var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();
        var system = new ConnectedSystem
        {
            WorkspaceId = workspaceId,
            Kind = SystemKinds.GitHub,
            Name = "acme",
            BaseUrl = _github.BaseUrl.AbsoluteUri,
            CredentialName = ApiTestFactory.CredentialName,
            CreatedAt = Factory.Clock.GetUtcNow().UtcDateTime,
        };
        db.Systems.Add(system);
        await db.SaveChangesAsync();
        return system.Id;
    }

    private async Task CollectAsync(int workspaceId, int systemId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspaceId, "test");
        var run = await scope.ServiceProvider.GetRequiredService<CollectionRunner>().RunAsync(systemId, "test", CancellationToken.None);
        Assert.NotEqual(RunOutcome.Failed, run.Outcome);
    }
}
