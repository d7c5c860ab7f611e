using System.Text.Json;
using System.Text.RegularExpressions;
using Controls.Collectors.Logs.Evidence;
using Controls.Collectors.Logs.Wire;

namespace Controls.Collectors.Logs;

/// <summary>Turns ILM and ISM policies and index listings into the product-neutral evidence the checks read.</summary>
public static partial class LifecycleNormaliser
{
    private static readonly string[] IlmPhaseOrder = ["hot", "warm", "cold", "frozen", "delete"];

    /// <summary>
    /// ILM: a phase is entered at its <c>min_age</c> (default 0). The policy deletes when its delete phase holds a
    /// <c>delete</c> action; every earlier phase (searchable snapshots included) is still searchable.
    /// </summary>
    public static LifecyclePolicyEvidence FromIlm(string name, IlmPolicyEntryWire entry)
    {
        var phases = (entry.Policy?.Phases ?? [])
            .OrderBy(p => Array.IndexOf(IlmPhaseOrder, p.Key) is var i and >= 0 ? i : IlmPhaseOrder.Length)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new LifecyclePhaseEvidence(p.Key, Age(p.Value.MinAge, name, p.Key), (p.Value.Actions ?? []).Keys.Order(StringComparer.Ordinal).ToList()))
            .ToList();
        var delete = phases.FirstOrDefault(p => p.Name == "delete" && p.Actions.Contains("delete"));
        var leavesHot = phases.Where(p => p.Name != "hot" && p.Name != "new").Select(p => p.MinAgeDays).Min();
        return new LifecyclePolicyEvidence(name, delete?.MinAgeDays ?? (delete is null ? null : 0), leavesHot, phases, []);
    }

    /// <summary>
    /// ISM: states form a graph whose transitions carry conditions measured on the index's age. The earliest age a
    /// state can be entered is found by relaxing transitions from the default state; a transition on anything
    /// other than <c>min_index_age</c> (document count, size, cron, none) may fire at any age, so it counts as 0.
    /// </summary>
    public static LifecyclePolicyEvidence FromIsm(IsmPolicyWire policy)
    {
        var name = policy.PolicyId ?? "(unnamed)";
        var states = policy.States ?? [];
        var entry = new Dictionary<string, double>(StringComparer.Ordinal);
        if (policy.DefaultState is { } start && states.Any(s => s.Name == start))
        {
            entry[start] = 0;
        }

        for (var round = 0; round <= states.Count; round++)
        {
            var changed = false;
            foreach (var state in states.Where(s => s.Name is not null && entry.ContainsKey(s.Name)))
            {
                foreach (var transition in state.Transitions ?? [])
                {
                    if (transition.StateName is not { } target)
                    {
                        continue;
                    }

                    var condition = Age(transition.Conditions?.MinIndexAge, name, state.Name!) ?? 0;
                    var at = Math.Max(entry[state.Name!], condition);
                    if (!entry.TryGetValue(target, out var known) || at < known)
                    {
                        entry[target] = at;
                        changed = true;
                    }
                }
            }

            if (!changed)
            {
                break;
            }
        }

        var phases = states
            .Where(s => s.Name is not null)
            .Select(s => new LifecyclePhaseEvidence(
                s.Name!,
                entry.TryGetValue(s.Name!, out var age) ? age : null,
                (s.Actions ?? []).SelectMany(a => a.Keys).Where(k => k is not ("retry" or "timeout")).Distinct().Order(StringComparer.Ordinal).ToList()))
            .ToList();
        var deleteAt = phases.Where(p => p.MinAgeDays is not null && p.Actions.Contains("delete")).Select(p => p.MinAgeDays).Min();
        var leavesHot = phases.Where(p => p.Name != policy.DefaultState && p.MinAgeDays is not null).Select(p => p.MinAgeDays).Min();
        return new LifecyclePolicyEvidence(name, deleteAt, leavesHot, phases, IsmPatterns(policy.IsmTemplate));
    }

    /// <summary>The <c>managed_by</c> / <c>next_generation_managed_by</c> value of the data stream lifecycle (Elasticsearch 8.11+).</summary>
    public const string ManagedByDataStreamLifecycle = "Data stream lifecycle";

    /// <summary>
    /// Prefix of the policy name under which a data stream's lifecycle is recorded: it has no name of its own, and
    /// giving it one lets the retention checks treat it like any policy ("data-stream-lifecycle:logs-nginx-default").
    /// </summary>
    public const string DataStreamLifecyclePrefix = "data-stream-lifecycle:";

    public static string DataStreamLifecycleName(string dataStream) => DataStreamLifecyclePrefix + dataStream;

    /// <summary>
    /// The data stream lifecycle (DSL) of one data stream as a policy: it deletes backing indices once they are
    /// older than the effective retention (the configured <c>data_retention</c> bounded by the cluster's max
    /// retention), or never when no retention applies. Its only pattern is the data stream's name.
    /// </summary>
    public static LifecyclePolicyEvidence FromDataStreamLifecycle(DataStreamWire stream)
    {
        var name = stream.Name ?? "(unnamed)";
        var policy = DataStreamLifecycleName(name);
        var days = Age(stream.Lifecycle?.EffectiveRetention ?? stream.Lifecycle?.DataRetention, policy, "data_retention");
        return new LifecyclePolicyEvidence(policy, days, null, [new LifecyclePhaseEvidence("retention", days, days is null ? [] : ["delete"])], [name]);
    }

    /// <summary>
    /// Whether the data stream lifecycle manages a backing index: its own <c>managed_by</c> says so (8.11+); without
    /// it, the stream's <c>next_generation_managed_by</c>; without either (8.8–8.10), an enabled lifecycle on a stream
    /// and index that name no ILM policy, since ILM wins whenever one is set there.
    /// </summary>
    public static bool ManagedByLifecycle(DataStreamWire stream, DataStreamIndexWire index)
    {
        if (stream.Lifecycle is not { Enabled: not false })
        {
            return false;
        }

        if (index.ManagedBy is { } managedBy)
        {
            return managedBy == ManagedByDataStreamLifecycle;
        }

        return stream.NextGenerationManagedBy is { } next
            ? next == ManagedByDataStreamLifecycle
            : index.IlmPolicy is null && stream.IlmPolicy is null;
    }

    /// <summary>
    /// The index → governing policy list of an Elasticsearch cluster: ILM's explain answer, where an index the data
    /// stream lifecycle manages shows as unmanaged and is given its stream's lifecycle instead. Backing indices
    /// the explain answer lacks (hidden ones under a narrower wildcard) are added from the data stream listing.
    /// </summary>
    public static IEnumerable<(string Index, string? Policy)> ElasticsearchIndices(
        IReadOnlyDictionary<string, IlmIndexExplainWire> explain, IReadOnlyList<DataStreamWire> dataStreams)
    {
        var backing = new Dictionary<string, (DataStreamWire Stream, DataStreamIndexWire Index)>(StringComparer.Ordinal);
        foreach (var stream in dataStreams.Where(s => s.Name is not null))
        {
            foreach (var index in (stream.Indices ?? []).Where(i => i.IndexName is not null))
            {
                backing[index.IndexName!] = (stream, index);
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, entry) in explain)
        {
            var name = entry.Index ?? key;
            seen.Add(name);
            if (entry.Managed)
            {
                yield return (name, entry.Policy ?? "(unknown)");
            }
            else if (backing.TryGetValue(name, out var b) && ManagedByLifecycle(b.Stream, b.Index))
            {
                yield return (name, DataStreamLifecycleName(b.Stream.Name!));
            }
            else
            {
                yield return (name, null);
            }
        }

        foreach (var (name, b) in backing.Where(b => !seen.Contains(b.Key)).OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            yield return (name, ManagedByLifecycle(b.Stream, b.Index)
                ? DataStreamLifecycleName(b.Stream.Name!)
                : b.Index.ManagedBy is null or "Index Lifecycle Management" ? b.Index.IlmPolicy : null);
        }
    }

    /// <summary>The lifecycles of the data streams whose backing indices (or next one) the data stream lifecycle manages.</summary>
    public static IEnumerable<LifecyclePolicyEvidence> DataStreamLifecycles(IReadOnlyList<DataStreamWire> dataStreams) =>
        dataStreams
            .Where(s => s.Name is not null && s.Lifecycle is { Enabled: not false }
                && ((s.Indices ?? []).Any(i => ManagedByLifecycle(s, i)) || s.NextGenerationManagedBy == ManagedByDataStreamLifecycle))
            .Select(FromDataStreamLifecycle);

    /// <summary>Groups indices by data stream or undated name and by policy; hidden system indices are only counted.</summary>
    public static IndicesEvidence Group(IEnumerable<(string Index, string? Policy)> indices, int samplesPerGroup)
    {
        var all = indices.ToList();
        var system = all.Count(i => i.Index.StartsWith('.') && !i.Index.StartsWith(".ds-", StringComparison.Ordinal));
        var groups = all
            .Where(i => !i.Index.StartsWith('.') || i.Index.StartsWith(".ds-", StringComparison.Ordinal))
            .GroupBy(i => (Name: GroupName(i.Index), i.Policy))
            .Select(g => new IndexGroupEvidence(
                g.Key.Name,
                g.Key.Policy,
                g.Key.Policy is not null,
                g.Count(),
                g.Select(i => i.Index).Order(StringComparer.Ordinal).Take(samplesPerGroup).ToList()))
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ThenBy(g => g.Policy, StringComparer.Ordinal)
            .ToList();
        return new IndicesEvidence(all.Count, system, groups);
    }

    /// <summary>
    /// ".ds-logs-nginx-default-2026.11.01-000001" → "logs-nginx-default" (the data stream);
    /// "shopify-events-2026.11.01" or "audit-000042" → "shopify-events-*" / "audit-*"; other names stay as they are.
    /// </summary>
    public static string GroupName(string index)
    {
        if (index.StartsWith(".ds-", StringComparison.Ordinal))
        {
            var stream = DatedSuffix().Match(index[4..]);
            return stream.Success ? stream.Groups["base"].Value : index[4..];
        }

        var match = DatedSuffix().Match(index);
        return match.Success ? match.Groups["base"].Value + "-*" : index;
    }

    private static double? Age(string? text, string policy, string phase)
    {
        if (text is null)
        {
            return null;
        }

        return LogDuration.TryParse(text, out var age)
            ? LogDuration.Days(age)
            : throw new JsonException($"Policy '{policy}', phase '{phase}': '{Http.LogStoreClient.Trim(text)}' is not an Elasticsearch time value.");
    }

    private static List<string> IsmPatterns(JsonElement template)
    {
        // ism_template is an object, an array of objects, or null depending on the OpenSearch version.
        var templates = template.ValueKind switch
        {
            JsonValueKind.Array => template.EnumerateArray().ToList(),
            JsonValueKind.Object => [template],
            _ => [],
        };
        return templates
            .Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("index_patterns", out var p) && p.ValueKind == JsonValueKind.Array)
            .SelectMany(t => t.GetProperty("index_patterns").EnumerateArray().Select(p => p.GetString()).OfType<string>())
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex("^(?<base>.+?)(?:[-_](?:[0-9][0-9.]*))+$", RegexOptions.CultureInvariant)]
    private static partial Regex DatedSuffix();
}
