using System.Text.Json;
using Controls.Collectors.Logs;
using Controls.Collectors.Logs.Wire;

namespace Controls.Collectors.Tests.Logs;

/// <summary>The data stream lifecycle read from <c>GET /_data_stream</c> bodies as the versions of Elasticsearch write them.</summary>
public sealed class DataStreamNormaliserTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static DataStreamWire Stream(string json) =>
        Assert.Single(JsonSerializer.Deserialize<DataStreamListWire>(json, Web)!.DataStreams!);

    [Fact]
    public void FromDataStreamLifecycle_EffectiveRetentionBelowConfigured_UsesTheEffectiveOne()
    {
        // A cluster-wide max retention of 90 days caps the 365 days the stream asks for.
        var stream = Stream("""{"data_streams":[{"name":"logs-app-default","indices":[],"lifecycle":{"enabled":true,"data_retention":"365d","effective_retention":"90d","retention_determined_by":"max_global_retention"},"next_generation_managed_by":"Data stream lifecycle","prefer_ilm":true}]}""");

        var policy = LifecycleNormaliser.FromDataStreamLifecycle(stream);

        Assert.Equal("data-stream-lifecycle:logs-app-default", policy.Name);
        Assert.Equal(90, policy.DeleteAfterDays);
        Assert.Equal(["logs-app-default"], policy.IndexPatterns);
    }

    [Fact]
    public void ManagedByLifecycle_PerIndexManagedByWins_SoIlmManagedOlderIndicesStayWithIlm()
    {
        // Mid-migration from ILM: the old backing index is still ILM's, the new one the lifecycle's.
        var stream = Stream("""
            {"data_streams":[{"name":"logs-x","indices":[
              {"index_name":".ds-logs-x-2026.10.01-000001","prefer_ilm":false,"ilm_policy":"old-ilm","managed_by":"Index Lifecycle Management"},
              {"index_name":".ds-logs-x-2026.10.02-000002","prefer_ilm":false,"managed_by":"Data stream lifecycle"}],
             "ilm_policy":"old-ilm","prefer_ilm":false,"lifecycle":{"enabled":true,"data_retention":"7d"},"next_generation_managed_by":"Data stream lifecycle"}]}
            """);
        var explain = new Dictionary<string, IlmIndexExplainWire>
        {
            [".ds-logs-x-2026.10.01-000001"] = new(".ds-logs-x-2026.10.01-000001", true, "old-ilm", "hot", "2d"),
            [".ds-logs-x-2026.10.02-000002"] = new(".ds-logs-x-2026.10.02-000002", false, null, null, null),
        };

        var indices = LifecycleNormaliser.ElasticsearchIndices(explain, [stream]).ToList();

        Assert.Equal(
            [(".ds-logs-x-2026.10.01-000001", (string?)"old-ilm"), (".ds-logs-x-2026.10.02-000002", "data-stream-lifecycle:logs-x")],
            indices);
    }

    [Fact]
    public void ManagedByLifecycle_Before811WithoutManagedByFields_UsesTheEnabledLifecycleWhenNoIlmPolicy()
    {
        var stream = Stream("""{"data_streams":[{"name":"logs-old","indices":[{"index_name":".ds-logs-old-2026.10.01-000001"}],"lifecycle":{"data_retention":"30d"}}]}""");

        Assert.True(LifecycleNormaliser.ManagedByLifecycle(stream, stream.Indices![0]));
        Assert.Equal(30, Assert.Single(LifecycleNormaliser.DataStreamLifecycles([stream])).DeleteAfterDays);
    }

    [Fact]
    public void ManagedByLifecycle_DisabledLifecycle_IsNotManaged()
    {
        var stream = Stream("""{"data_streams":[{"name":"logs-off","indices":[{"index_name":".ds-logs-off-2026.10.01-000001","managed_by":"Unmanaged"}],"lifecycle":{"enabled":false,"data_retention":"30d"},"next_generation_managed_by":"Unmanaged"}]}""");

        Assert.False(LifecycleNormaliser.ManagedByLifecycle(stream, stream.Indices![0]));
        Assert.Empty(LifecycleNormaliser.DataStreamLifecycles([stream]));
        Assert.Equal([(".ds-logs-off-2026.10.01-000001", (string?)null)], LifecycleNormaliser.ElasticsearchIndices(new Dictionary<string, IlmIndexExplainWire>(), [stream]));
    }
}
