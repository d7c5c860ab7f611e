using Controls.Collectors.Logs.Wire;

namespace Controls.Collectors.Logs.Http;

/// <summary>
/// The Elasticsearch / OpenSearch endpoints the collector reads, behind one interface so an official client can
/// replace this one later. Throws <see cref="LogStoreHttpException"/> on an error status and
/// <see cref="System.Text.Json.JsonException"/> on a body that is not valid JSON (truncated or malformed).
/// </summary>
public interface ILogStoreClient
{
    /// <summary><c>GET /</c>.</summary>
    Task<ClusterInfoWire> GetClusterInfoAsync(CancellationToken cancellationToken);

    /// <summary>Elasticsearch ILM: <c>GET /_ilm/policy</c>, keyed by policy name.</summary>
    Task<IReadOnlyDictionary<string, IlmPolicyEntryWire>> GetIlmPoliciesAsync(CancellationToken cancellationToken);

    /// <summary>Elasticsearch ILM: <c>GET /*/_ilm/explain?only_managed=false</c> (every index and data stream backing index).</summary>
    Task<IReadOnlyDictionary<string, IlmIndexExplainWire>> ExplainIlmAsync(CancellationToken cancellationToken);

    /// <summary>Elasticsearch data streams: <c>GET /_data_stream?expand_wildcards=all</c> (hidden ones included).</summary>
    Task<IReadOnlyList<DataStreamWire>> GetDataStreamsAsync(CancellationToken cancellationToken);

    /// <summary>OpenSearch ISM: <c>GET /_plugins/_ism/policies</c>, every page.</summary>
    Task<IReadOnlyList<IsmPolicyWire>> GetIsmPoliciesAsync(CancellationToken cancellationToken);

    /// <summary>OpenSearch ISM: <c>GET /_plugins/_ism/explain/*</c>, managed and unmanaged indices.</summary>
    Task<IReadOnlyList<IsmIndexExplain>> ExplainIsmAsync(CancellationToken cancellationToken);
}

/// <summary>An error status from the store, with Elasticsearch's error type and reason (bounded, never the credential).</summary>
public sealed class LogStoreHttpException(int status, string? errorType, string? reason, string path)
    : Exception($"HTTP {status} from {path}{(errorType is null ? string.Empty : $" ({errorType})")}{(reason is null ? string.Empty : ": " + reason)}")
{
    public int Status { get; } = status;

    public string? ErrorType { get; } = errorType;

    public string? Reason { get; } = reason;

    public string Path { get; } = path;
}
