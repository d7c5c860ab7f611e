using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Controls.Api.Actions;
using Controls.Api.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Api.Tests.Support;

/// <summary>Base of the API tests: one shared host, the database emptied and the clock rewound before each test.</summary>
[Collection(ApiCollection.Name)]
public abstract class ApiTest(ApiTestFactory factory) : IAsyncLifetime
{
    protected ApiTestFactory Factory { get; } = factory;

    public async Task InitializeAsync()
    {
        Factory.Platform.Reset();
        await Factory.ResetAsync();
    }

    public Task DisposeAsync() => Factory.Services.GetRequiredService<CollectNow>().WhenIdleAsync();

    protected WorkspaceBuilder Workspace(string slug) => new(Factory, slug);

    protected HttpClient ClientFor(string? slug)
    {
        var client = Factory.CreateClient();
        if (slug is not null)
        {
            client.DefaultRequestHeaders.Add(WorkspaceMiddleware.Header, slug);
        }

        return client;
    }

    protected static async Task<JsonNode> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    protected static async Task<JsonArray> GetValuesAsync(HttpClient client, string url) => (await GetJsonAsync(client, url))["value"]!.AsArray();

    protected static async Task<(int Status, JsonNode? Body)> PostJsonAsync(HttpClient client, string url, object? payload)
    {
        using var response = payload is null ? await client.PostAsync(url, null) : await client.PostAsJsonAsync(url, payload);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, body.Length == 0 ? null : JsonNode.Parse(body));
    }
}
