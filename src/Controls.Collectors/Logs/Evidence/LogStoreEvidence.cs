namespace Controls.Collectors.Logs.Evidence;

/// <summary>The evidence kinds the log-store collector records (subject: the connected system's name).</summary>
public static class LogStoreEvidenceKinds
{
    /// <summary>Content: <see cref="LogStoreInfoEvidence"/>.</summary>
    public const string Store = "logs.store";

    /// <summary>Content: <see cref="LifecyclePoliciesEvidence"/>.</summary>
    public const string LifecyclePolicies = "logs.lifecycle-policies";

    /// <summary>Content: <see cref="IndicesEvidence"/>.</summary>
    public const string Indices = "logs.indices";

    public static readonly IReadOnlyList<string> All = [Store, LifecyclePolicies, Indices];
}

public static class LogStoreFlavours
{
    public const string Elasticsearch = "elasticsearch";
    public const string OpenSearch = "opensearch";
}

/// <summary>What the store is: flavour ("elasticsearch" / "opensearch"), version and cluster name.</summary>
public sealed record LogStoreInfoEvidence(string Flavour, string? Version, string? ClusterName, string LifecycleMechanism);

/// <summary>Every lifecycle policy (ILM on Elasticsearch, ISM on OpenSearch), normalised to ages in days.</summary>
public sealed record LifecyclePoliciesEvidence(string Mechanism, IReadOnlyList<LifecyclePolicyEvidence> Policies);

/// <summary>
/// One policy. <see cref="DeleteAfterDays"/> is the earliest index age at which the policy deletes an index, null
/// when it never does; indices stay searchable until then (warm, cold and frozen tiers are still searchable).
/// <see cref="HotDays"/> is when an index leaves the hot phase/state, null when it never does.
/// </summary>
public sealed record LifecyclePolicyEvidence(
    string Name,
    double? DeleteAfterDays,
    double? HotDays,
    IReadOnlyList<LifecyclePhaseEvidence> Phases,
    IReadOnlyList<string> IndexPatterns);

/// <summary>A phase (ILM) or state (ISM): the earliest index age it is entered at (null: never by age) and its actions.</summary>
public sealed record LifecyclePhaseEvidence(string Name, double? MinAgeDays, IReadOnlyList<string> Actions);

/// <summary>
/// Indices grouped by data stream or name without its date/sequence suffix, and by policy, so a cluster with
/// thousands of daily indices yields a bounded record. Hidden system indices (".security", ".kibana_*") are only counted.
/// </summary>
public sealed record IndicesEvidence(int IndexCount, int SystemIndexCount, IReadOnlyList<IndexGroupEvidence> Groups);

/// <summary>
/// <see cref="Name"/> is the group ("shopify-events-*" for dated indices, the data stream name for backing indices,
/// the index name otherwise). <see cref="SampleIndices"/> are real index names, the first ones in ordinal order.
/// </summary>
public sealed record IndexGroupEvidence(string Name, string? Policy, bool Managed, int IndexCount, IReadOnlyList<string> SampleIndices);
