namespace Controls.Testing.FakeElasticsearch;

public enum FakeLogStoreFlavour
{
    Elasticsearch,
    OpenSearch,
}

/// <summary>A lifecycle policy: optional warm phase and optional delete, as ES time values ("30d").</summary>
public sealed record FakeLifecyclePolicy(string Name, string? WarmAfter, string? DeleteAfter, IReadOnlyList<string> IndexPatterns);

/// <summary>An index; <see cref="Policy"/> null means unmanaged.</summary>
public sealed record FakeIndex(string Name, string? Policy);

/// <summary>
/// A data stream (Elasticsearch only). <see cref="Lifecycle"/> true gives it a data stream lifecycle with
/// <see cref="DataRetention"/> (null: kept forever); who manages it follows Elasticsearch: an ILM policy wins
/// while <see cref="PreferIlm"/>, the data stream lifecycle otherwise.
/// </summary>
public sealed record FakeDataStream(string Name, IReadOnlyList<string> BackingIndices, bool Lifecycle, string? DataRetention, string? IlmPolicy, bool PreferIlm)
{
    public const string ManagedByLifecycle = "Data stream lifecycle";
    public const string ManagedByIlm = "Index Lifecycle Management";
    public const string Unmanaged = "Unmanaged";

    public string ManagedBy => IlmPolicy is not null && (PreferIlm || !Lifecycle) ? ManagedByIlm : Lifecycle ? ManagedByLifecycle : Unmanaged;
}

/// <summary>
/// What the fake cluster holds, built fluently: <c>new FakeElasticsearchState().Policy("logs-90d", deleteAfter: "90d").Index("logs-2026.11.01", "logs-90d")</c>.
/// Both flavours render the same model: ILM phases on Elasticsearch, ISM states and transitions on OpenSearch.
/// </summary>
public sealed class FakeElasticsearchState
{
    public const string DefaultApiKey = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

    private readonly Lock _gate = new();
    private readonly List<FakeLifecyclePolicy> _policies = [];
    private readonly List<FakeIndex> _indices = [];
    private readonly List<FakeDataStream> _dataStreams = [];
    private readonly HashSet<string> _validKeys = [DefaultApiKey];
    private readonly HashSet<string> _validBasic = [];

    public FakeLogStoreFlavour Flavour { get; set; } = FakeLogStoreFlavour.Elasticsearch;

    public string ClusterName { get; set; } = "acme-logs";

    /// <summary>Answer <c>GET /</c> like something that is not a search cluster (Kibana's status page on the wrong port).</summary>
    public bool NotASearchCluster { get; set; }

    public string Version => Flavour == FakeLogStoreFlavour.OpenSearch ? "2.17.1" : "8.15.3";

    public IReadOnlyList<FakeLifecyclePolicy> Policies
    {
        get
        {
            lock (_gate)
            {
                return [.. _policies];
            }
        }
    }

    public IReadOnlyList<FakeIndex> Indices
    {
        get
        {
            lock (_gate)
            {
                return [.. _indices];
            }
        }
    }

    public IReadOnlyList<FakeDataStream> DataStreams
    {
        get
        {
            lock (_gate)
            {
                return [.. _dataStreams];
            }
        }
    }

    /// <summary>
    /// A data stream with <paramref name="generations"/> backing indices ".ds-{name}-2026.10.01-000001"…, which are
    /// also indices of the cluster (under the ILM policy when ILM manages them, unmanaged to ILM otherwise).
    /// </summary>
    public FakeElasticsearchState DataStream(string name, int generations, bool lifecycle = true, string? dataRetention = null, string? ilmPolicy = null, bool preferIlm = true)
    {
        var start = new DateOnly(2026, 10, 1);
        var backing = Enumerable.Range(1, generations).Select(g => $".ds-{name}-{start.AddDays(g - 1):yyyy.MM.dd}-{g:000000}").ToList();
        var stream = new FakeDataStream(name, backing, lifecycle, dataRetention, ilmPolicy, preferIlm);
        lock (_gate)
        {
            _dataStreams.RemoveAll(d => d.Name == name);
            _dataStreams.Add(stream);
        }

        foreach (var index in backing)
        {
            Index(index, stream.ManagedBy == FakeDataStream.ManagedByIlm ? ilmPolicy : null);
        }

        return this;
    }

    public FakeElasticsearchState Policy(string name, string? deleteAfter, string? warmAfter = null, params string[] indexPatterns)
    {
        lock (_gate)
        {
            _policies.RemoveAll(p => p.Name == name);
            _policies.Add(new FakeLifecyclePolicy(name, warmAfter, deleteAfter, indexPatterns));
        }

        return this;
    }

    public FakeElasticsearchState Index(string name, string? policy)
    {
        lock (_gate)
        {
            _indices.RemoveAll(i => i.Name == name);
            _indices.Add(new FakeIndex(name, policy));
        }

        return this;
    }

    /// <summary>Daily indices "{prefix}-2026.10.01" onwards, all under <paramref name="policy"/>.</summary>
    public FakeElasticsearchState DailyIndices(string prefix, int days, string? policy)
    {
        var start = new DateOnly(2026, 10, 1);
        for (var d = 0; d < days; d++)
        {
            Index($"{prefix}-{start.AddDays(d):yyyy.MM.dd}", policy);
        }

        return this;
    }

    public FakeElasticsearchState AllowBasic(string user, string password)
    {
        lock (_gate)
        {
            _validBasic.Add($"{user}:{password}");
        }

        return this;
    }

    public void RevokeApiKey(string key)
    {
        lock (_gate)
        {
            _validKeys.Remove(key);
        }
    }

    public bool IsValidApiKey(string? key)
    {
        lock (_gate)
        {
            return key is not null && _validKeys.Contains(key);
        }
    }

    public bool IsValidBasic(string? userAndPassword)
    {
        lock (_gate)
        {
            return userAndPassword is not null && _validBasic.Contains(userAndPassword);
        }
    }
}
