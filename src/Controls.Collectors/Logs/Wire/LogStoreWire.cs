using System.Text.Json;
using System.Text.Json.Serialization;

namespace Controls.Collectors.Logs.Wire;

// Wire shapes of the Elasticsearch and OpenSearch REST APIs the collector reads. Only the fields it uses are
// declared; unknown fields are ignored, so newer server versions keep working.

/// <summary><c>GET /</c>: both products answer it; OpenSearch sets <c>version.distribution</c> to "opensearch".</summary>
public sealed record ClusterInfoWire(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("cluster_name")] string? ClusterName,
    [property: JsonPropertyName("cluster_uuid")] string? ClusterUuid,
    [property: JsonPropertyName("version")] ClusterVersionWire? Version,
    [property: JsonPropertyName("tagline")] string? Tagline);

public sealed record ClusterVersionWire(
    [property: JsonPropertyName("number")] string? Number,
    [property: JsonPropertyName("distribution")] string? Distribution,
    [property: JsonPropertyName("build_flavor")] string? BuildFlavor);

/// <summary>One value of <c>GET /_ilm/policy</c>, which is an object keyed by policy name.</summary>
public sealed record IlmPolicyEntryWire(
    [property: JsonPropertyName("version")] long? Version,
    [property: JsonPropertyName("policy")] IlmPolicyWire? Policy);

public sealed record IlmPolicyWire(
    [property: JsonPropertyName("phases")] Dictionary<string, IlmPhaseWire>? Phases);

/// <summary>A phase: <c>min_age</c> (default 0ms) and its actions keyed by action name ("delete", "rollover", "searchable_snapshot").</summary>
public sealed record IlmPhaseWire(
    [property: JsonPropertyName("min_age")] string? MinAge,
    [property: JsonPropertyName("actions")] Dictionary<string, JsonElement>? Actions);

/// <summary><c>GET /*/_ilm/explain</c>: <c>{"indices": {"name": {...}}}</c>.</summary>
public sealed record IlmExplainWire(
    [property: JsonPropertyName("indices")] Dictionary<string, IlmIndexExplainWire>? Indices);

public sealed record IlmIndexExplainWire(
    [property: JsonPropertyName("index")] string? Index,
    [property: JsonPropertyName("managed")] bool Managed,
    [property: JsonPropertyName("policy")] string? Policy,
    [property: JsonPropertyName("phase")] string? Phase,
    [property: JsonPropertyName("age")] string? Age);

/// <summary><c>GET /_plugins/_ism/policies?from=&amp;size=</c>.</summary>
public sealed record IsmPolicyListWire(
    [property: JsonPropertyName("policies")] List<IsmPolicyHitWire>? Policies,
    [property: JsonPropertyName("total_policies")] int TotalPolicies);

public sealed record IsmPolicyHitWire(
    [property: JsonPropertyName("_id")] string? Id,
    [property: JsonPropertyName("policy")] IsmPolicyWire? Policy);

public sealed record IsmPolicyWire(
    [property: JsonPropertyName("policy_id")] string? PolicyId,
    [property: JsonPropertyName("default_state")] string? DefaultState,
    [property: JsonPropertyName("states")] List<IsmStateWire>? States,
    [property: JsonPropertyName("ism_template")] JsonElement IsmTemplate);

/// <summary>A state: actions are single-key objects (<c>{"delete": {}}</c>, <c>{"rollover": {...}, "retry": {...}}</c>).</summary>
public sealed record IsmStateWire(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("actions")] List<Dictionary<string, JsonElement>>? Actions,
    [property: JsonPropertyName("transitions")] List<IsmTransitionWire>? Transitions);

public sealed record IsmTransitionWire(
    [property: JsonPropertyName("state_name")] string? StateName,
    [property: JsonPropertyName("conditions")] IsmConditionsWire? Conditions);

public sealed record IsmConditionsWire(
    [property: JsonPropertyName("min_index_age")] string? MinIndexAge,
    [property: JsonPropertyName("min_doc_count")] long? MinDocCount,
    [property: JsonPropertyName("min_size")] string? MinSize);

/// <summary>An index as ISM explains it: managed when it names a policy.</summary>
public sealed record IsmIndexExplain(string Index, string? PolicyId);

/// <summary>
/// <c>GET /_data_stream?expand_wildcards=all</c> (Elasticsearch 7.9+; <c>lifecycle</c>, <c>prefer_ilm</c>,
/// <c>next_generation_managed_by</c> and the per-index <c>managed_by</c> since 8.11, when the data stream
/// lifecycle became generally available).
/// </summary>
public sealed record DataStreamListWire(
    [property: JsonPropertyName("data_streams")] List<DataStreamWire>? DataStreams);

/// <summary>
/// One data stream. <c>next_generation_managed_by</c> is "Data stream lifecycle", "Index Lifecycle Management" or
/// "Unmanaged"; it says who manages the next backing index, each existing one says its own in <c>managed_by</c>.
/// </summary>
public sealed record DataStreamWire(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("indices")] List<DataStreamIndexWire>? Indices,
    [property: JsonPropertyName("ilm_policy")] string? IlmPolicy,
    [property: JsonPropertyName("prefer_ilm")] bool? PreferIlm,
    [property: JsonPropertyName("next_generation_managed_by")] string? NextGenerationManagedBy,
    [property: JsonPropertyName("lifecycle")] DataStreamLifecycleWire? Lifecycle,
    [property: JsonPropertyName("hidden")] bool Hidden,
    [property: JsonPropertyName("system")] bool System);

public sealed record DataStreamIndexWire(
    [property: JsonPropertyName("index_name")] string? IndexName,
    [property: JsonPropertyName("ilm_policy")] string? IlmPolicy,
    [property: JsonPropertyName("prefer_ilm")] bool? PreferIlm,
    [property: JsonPropertyName("managed_by")] string? ManagedBy);

/// <summary>
/// The data stream lifecycle: <c>data_retention</c> as configured, <c>effective_retention</c> after the cluster's
/// default and max retention are applied (8.14+). Neither set means the data is kept forever.
/// </summary>
public sealed record DataStreamLifecycleWire(
    [property: JsonPropertyName("enabled")] bool? Enabled,
    [property: JsonPropertyName("data_retention")] string? DataRetention,
    [property: JsonPropertyName("effective_retention")] string? EffectiveRetention,
    [property: JsonPropertyName("retention_determined_by")] string? RetentionDeterminedBy);

/// <summary>Elasticsearch's error body: <c>{"error": {"type": "security_exception", "reason": "..."}, "status": 401}</c>.</summary>
public sealed record ErrorBodyWire(
    [property: JsonPropertyName("error")] JsonElement Error,
    [property: JsonPropertyName("status")] int? Status);
