using System.Collections.Concurrent;

namespace Controls.Testing.FakeGitHub;

/// <summary>One answered request. <paramref name="RawTarget"/> is the request line's target exactly as sent (escaping included).</summary>
public sealed record FakeGitHubLoggedRequest(string Method, string Path, string Query, int Status, bool Conditional, string? AuthScheme, string RawTarget);

/// <summary>Every request the fake answered, for assertions on counts, 304s and what was asked.</summary>
public sealed class FakeGitHubRequestLog
{
    private readonly ConcurrentQueue<FakeGitHubLoggedRequest> _entries = new();

    public IReadOnlyList<FakeGitHubLoggedRequest> All => _entries.ToArray();

    public int Count => _entries.Count;

    public int NotModifiedCount => _entries.Count(e => e.Status == 304);

    public int CountWhere(Func<FakeGitHubLoggedRequest, bool> predicate) => _entries.Count(predicate);

    public void Clear() => _entries.Clear();

    internal void Add(FakeGitHubLoggedRequest entry) => _entries.Enqueue(entry);
}
