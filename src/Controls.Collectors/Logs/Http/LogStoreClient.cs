using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Controls.Collectors.Logs.Wire;

namespace Controls.Collectors.Logs.Http;

/// <summary>Typed client over one run's <see cref="HttpClient"/> (auth header, retries and the 401 guard are in its handlers).</summary>
public sealed class LogStoreClient(HttpClient http, int ismPageSize, Func<string?, string?> scrub) : ILogStoreClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ClusterInfoWire> GetClusterInfoAsync(CancellationToken cancellationToken) =>
        GetAsync<ClusterInfoWire>("/", cancellationToken);

    public async Task<IReadOnlyDictionary<string, IlmPolicyEntryWire>> GetIlmPoliciesAsync(CancellationToken cancellationToken) =>
        await GetAsync<Dictionary<string, IlmPolicyEntryWire>>("/_ilm/policy", cancellationToken);

    public async Task<IReadOnlyDictionary<string, IlmIndexExplainWire>> ExplainIlmAsync(CancellationToken cancellationToken)
    {
        var explain = await GetAsync<IlmExplainWire>("/*/_ilm/explain?only_managed=false", cancellationToken);
        return explain.Indices ?? throw new JsonException("The ILM explain response has no \"indices\" object.");
    }

    public async Task<IReadOnlyList<DataStreamWire>> GetDataStreamsAsync(CancellationToken cancellationToken)
    {
        var list = await GetAsync<DataStreamListWire>("/_data_stream?expand_wildcards=all", cancellationToken);
        return list.DataStreams ?? throw new JsonException("The data stream list has no \"data_streams\" array.");
    }

    public async Task<IReadOnlyList<IsmPolicyWire>> GetIsmPoliciesAsync(CancellationToken cancellationToken)
    {
        var policies = new List<IsmPolicyWire>();
        for (var from = 0; ; from += ismPageSize)
        {
            var page = await GetAsync<IsmPolicyListWire>(
                string.Create(CultureInfo.InvariantCulture, $"/_plugins/_ism/policies?from={from}&size={ismPageSize}"), cancellationToken);
            var hits = page.Policies ?? throw new JsonException("The ISM policy list has no \"policies\" array.");
            policies.AddRange(hits.Select(h => h.Policy ?? throw new JsonException($"ISM policy '{h.Id}' has no \"policy\" object.")));

            // An empty page ends the loop even if total_policies disagrees (a policy deleted while paging).
            if (hits.Count == 0 || policies.Count >= page.TotalPolicies)
            {
                return policies;
            }
        }
    }

    public async Task<IReadOnlyList<IsmIndexExplain>> ExplainIsmAsync(CancellationToken cancellationToken)
    {
        // The explain answer is an object keyed by index name plus "total_managed_indices"; unmanaged indices carry
        // a null "index.plugins.index_state_management.policy_id" and no "policy_id".
        using var document = await GetAsync<JsonDocument>("/_plugins/_ism/explain/*", cancellationToken);
        var indices = new List<IsmIndexExplain>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            indices.Add(new IsmIndexExplain(property.Name, PolicyId(property.Value)));
        }

        return indices;
    }

    private static string? PolicyId(JsonElement index)
    {
        foreach (var name in (string[])["policy_id", "index.plugins.index_state_management.policy_id", "index.opendistro.index_state_management.policy_id"])
        {
            if (index.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } id)
            {
                return id;
            }
        }

        return null;
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var (type, reason) = await ReadErrorAsync(response, cancellationToken);
            throw new LogStoreHttpException((int)response.StatusCode, type, scrub(reason), path);
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new JsonException($"{path} answered an empty (null) JSON body.");
    }

    /// <summary>Elasticsearch's <c>error.type</c> and <c>error.reason</c> (or a plain-text body's first line), bounded.</summary>
    private static async Task<(string? Type, string? Reason)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var error = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var e) ? e : default;
            return error.ValueKind switch
            {
                JsonValueKind.Object => (
                    Trim(error.TryGetProperty("type", out var type) ? type.GetString() : null),
                    Trim(error.TryGetProperty("reason", out var reason) ? reason.GetString() : null)),
                JsonValueKind.String => (null, Trim(error.GetString())),
                _ => (null, null),
            };
        }
        catch (JsonException)
        {
            return (null, Trim(body));
        }
    }

    internal static string? Trim(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..199] + "…";
    }
}
