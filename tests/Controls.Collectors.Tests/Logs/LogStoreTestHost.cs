using Controls.Collectors.Tests.Support;
using Controls.Compliance.Systems;
using Controls.Testing.FakeElasticsearch;

namespace Controls.Collectors.Tests.Logs;

/// <summary>A <see cref="CollectorTestHost"/> with one log-store system pointing at a fake Elasticsearch / OpenSearch.</summary>
public static class LogStoreTestHost
{
    public const string CredentialName = "logs-acme";
    public const string SystemName = "acme-logs";

    public static async Task<CollectorTestHost> StartAsync(FakeElasticsearchServer store, string credential = FakeElasticsearchState.DefaultApiKey)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Controls:LogStore:RetryBaseDelay"] = "00:00:00.010",
            ["Controls:LogStore:MaxRetries"] = "2",
            ["Controls:LogStore:IsmPageSize"] = "2",
        };
        var host = await CollectorTestHost.StartAsync("logs", CredentialName, credential, settings);
        await host.ConnectAsync(SystemKinds.LogStore, SystemName, store.BaseUrl.AbsoluteUri);
        return host;
    }
}
