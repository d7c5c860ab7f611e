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

/// <summary>Elasticsearch's error body: <c>{"error": {"type": "security_exception", "reason": "..."}, "status": 401}</c>.</summary>
public sealed record ErrorBodyWire(
    [property: JsonPropertyName("error")] JsonElement Error,
    [property: JsonPropertyName("status")] int? Status);
