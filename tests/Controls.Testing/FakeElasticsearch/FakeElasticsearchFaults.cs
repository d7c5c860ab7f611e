using System.Collections.Concurrent;

namespace Controls.Testing.FakeElasticsearch;

/// <summary>Fault rules checked in order on every authenticated request; a rule with a count stops after that many answers.</summary>
public sealed class FakeElasticsearchFaults
{
    private readonly ConcurrentQueue<Rule> _rules = new();

    public void Clear() => _rules.Clear();

    /// <summary>Matching requests (by path, e.g. "/_ilm/policy") get <paramref name="status"/> with an Elasticsearch error body.</summary>
    public FakeElasticsearchFaults Fail(Func<string, bool> matchPath, int status, string? type = null, string? reason = null, int? times = null)
    {
        _rules.Enqueue(new Rule(matchPath, status, type, reason, times, Truncate: false));
        return this;
    }

    /// <summary>Every request fails with <paramref name="status"/> (a storm), or only the next N.</summary>
    public FakeElasticsearchFaults FailAll(int status = 503, int? times = null) => Fail(_ => true, status, times: times);

    /// <summary>403 security_exception as Elasticsearch answers an API key without the privilege.</summary>
    public FakeElasticsearchFaults Forbid(string path, string action) =>
        Fail(p => p == path, 403, "security_exception",
            $"action [{action}] is unauthorized for API key id [VuaCfGcBCdbkQm-e5aOx] of user [controls-collector], this action is granted by the cluster privileges [read_ilm,manage_ilm,manage,all]");

    /// <summary>Matching 200 responses are cut in half mid-JSON.</summary>
    public FakeElasticsearchFaults TruncateJson(Func<string, bool> matchPath, int? times = null)
    {
        _rules.Enqueue(new Rule(matchPath, 200, null, null, times, Truncate: true));
        return this;
    }

    internal Rule? Match(string path, bool forTruncation)
    {
        foreach (var rule in _rules)
        {
            if (rule.Truncate == forTruncation && rule.MatchPath(path) && rule.TryConsume())
            {
                return rule;
            }
        }

        return null;
    }

    internal sealed class Rule(Func<string, bool> matchPath, int status, string? type, string? reason, int? times, bool Truncate)
    {
        private int _remaining = times ?? int.MaxValue;

        public Func<string, bool> MatchPath { get; } = matchPath;

        public int Status { get; } = status;

        public string? Type { get; } = type;

        public string? Reason { get; } = reason;

        public bool Truncate { get; } = Truncate;

        public bool TryConsume()
        {
            while (true)
            {
                var remaining = Volatile.Read(ref _remaining);
                if (remaining <= 0)
                {
                    return false;
                }

                if (remaining == int.MaxValue || Interlocked.CompareExchange(ref _remaining, remaining - 1, remaining) == remaining)
                {
                    return true;
                }
            }
        }
    }
}

/// <summary>One answered request (the Authorization scheme only, never its value).</summary>
public sealed record FakeElasticsearchLoggedRequest(string Method, string Path, string Query, int Status, string? AuthScheme);

public sealed class FakeElasticsearchRequestLog
{
    private readonly ConcurrentQueue<FakeElasticsearchLoggedRequest> _entries = new();

    public IReadOnlyList<FakeElasticsearchLoggedRequest> All => _entries.ToArray();

    public int Count => _entries.Count;

    public int CountWhere(Func<FakeElasticsearchLoggedRequest, bool> predicate) => _entries.Count(predicate);

    public void Clear() => _entries.Clear();

    internal void Add(FakeElasticsearchLoggedRequest entry) => _entries.Enqueue(entry);
}
