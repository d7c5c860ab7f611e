using System.Text.Json.Nodes;
using Controls.Api.Tests.Support;

namespace Controls.Api.Tests.Actions;

public sealed class CredentialAndOpenApiTests(ApiTestFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task CredentialValues_NeverAppearInAnyResponse()
    {
        var acme = await Workspace("acme").WithCredentialedSystem("alpha", ("checkout", "payments"), ("orphan", null)).BuildAsync();
        var client = ClientFor("acme");

        // The collector really received the credential: the evidence says a credential was presented.
        var evidenceContent = await client.GetStringAsync((string)(await GetValuesAsync(client, "/odata/Evidence"))[0]!["ContentUrl"]!);
        Assert.Contains("\"credentialPresented\":true", evidenceContent, StringComparison.Ordinal);

        var responses = new List<string> { evidenceContent };
        foreach (var url in new[]
        {
            "/odata/Systems?$expand=CollectionRuns", $"/odata/Systems({acme.System("alpha").Id})", "/odata/CollectionRuns", "/odata/Evidence",
            "/odata/Evaluations?$expand=Findings&$top=1000", "/odata/Findings", "/odata/Gaps?$top=1000", "/odata/Checks?$expand=CurrentEvaluations",
            "/odata/Requirements?$top=1000", "/odata/Frameworks", "/odata/$metadata", "/odata", "/api/systems", "/openapi/v1.json",
        })
        {
            responses.Add(await client.GetStringAsync(url));
        }

        var (_, verification) = await PostJsonAsync(client, "/api/evidence/verify", null);
        var (_, created) = await PostJsonAsync(client, "/api/systems", new { kind = "fixture", name = "second", credentialName = ApiTestFactory.CredentialName });
        responses.Add(verification!.ToJsonString());
        responses.Add(created!.ToJsonString());

        Assert.All(responses, body => Assert.DoesNotContain(ApiTestFactory.CredentialValue, body, StringComparison.Ordinal));
        Assert.Contains(ApiTestFactory.CredentialName, responses[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_ListsEveryAction()
    {
        var document = await GetJsonAsync(ClientFor(null), "/openapi/v1.json");

        var paths = document["paths"]!.AsObject();
        Assert.Equal(
            [
                "/api/access-reviews", "/api/access-reviews/{id}", "/api/access-reviews/{id}/items/{itemId}/decision", "/api/access-reviews/{id}/sign-off",
                "/api/checks/{checkId}/attestations", "/api/checks/{checkId}/exclusions", "/api/evaluate", "/api/evidence/verify",
                "/api/evidence/{id}/content", "/api/incidents", "/api/incidents/register", "/api/incidents/{id}",
                "/api/incidents/{id}/materiality", "/api/incidents/{id}/notifications/{notificationId}/done", "/api/people", "/api/people/import", "/api/people/{key}",
                "/api/readiness", "/api/readiness/playbooks", "/api/readiness/tabletops", "/api/readiness/{surface}",
                "/api/systems", "/api/systems/{id}/collect", "/api/training/imports", "/api/training/imports/{id}", "/api/training/mapping", "/api/vendors", "/api/vendors/import", "/api/vendors/{id}",
            ],
            paths.Select(p => p.Key).Where(p => p.StartsWith("/api/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(paths, p => p.Key.StartsWith("/odata", StringComparison.Ordinal));
        Assert.NotNull(paths["/api/systems"]!["post"]);
        Assert.NotNull(paths["/api/systems"]!["get"]);
        Assert.NotNull(paths["/api/checks/{checkId}/attestations"]!["post"]!["requestBody"]!["content"]!["multipart/form-data"]);
    }

    [Fact]
    public async Task Health_AnswersWithoutAWorkspace()
    {
        var health = await GetJsonAsync(ClientFor(null), "/health");

        Assert.Equal("ok", (string?)health["status"]);
    }
}
