using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Octokit.Caching;
using Octokit.Internal;

namespace Controls.Collectors.GitHub.Caching;

/// <summary>
/// Octokit's conditional-request cache for one connected system: the last 200 response of every GET (body and
/// headers, so ETag and Link survive). Octokit sends the stored ETag as If-None-Match and, on 304, answers from
/// here — GitHub does not count 304s against the rate limit. Entries are loaded from and saved to a file by
/// <see cref="GitHubResponseCacheStore"/>, so re-collection after a restart is conditional too.
/// </summary>
public sealed class FileResponseCache : IResponseCache
{
    private readonly ConcurrentDictionary<string, CacheEntry> _entries;
    private readonly TimeProvider _time;

    public FileResponseCache(string filePath, IEnumerable<KeyValuePair<string, CacheEntry>> entries, TimeProvider time)
    {
        FilePath = filePath;
        _entries = new ConcurrentDictionary<string, CacheEntry>(entries, StringComparer.Ordinal);
        _time = time;
    }

    public string FilePath { get; }

    public int Count => _entries.Count;

    internal IEnumerable<KeyValuePair<string, CacheEntry>> Entries => _entries;

    public Task<CachedResponse.V1> GetAsync(IRequest request)
    {
        if (request.Method != HttpMethod.Get || !_entries.TryGetValue(Key(request), out var entry))
        {
            // Octokit's contract: null means "not cached".
            return Task.FromResult<CachedResponse.V1>(null!);
        }

        entry.LastUsed = _time.GetUtcNow();
        return Task.FromResult(new CachedResponse.V1(entry.Body, entry.Headers, null, (HttpStatusCode)entry.Status, entry.ContentType));
    }

    public Task SetAsync(IRequest request, CachedResponse.V1 cachedResponse)
    {
        var key = Key(request);
        if (IsCacheable(request, cachedResponse, out var body))
        {
            _entries[key] = new CacheEntry
            {
                Status = (int)cachedResponse.StatusCode,
                ContentType = cachedResponse.ContentType,
                Headers = new Dictionary<string, string>(cachedResponse.Headers, StringComparer.OrdinalIgnoreCase),
                Body = body,
                LastUsed = _time.GetUtcNow(),
            };
        }
        else
        {
            // A resource that stopped answering 200 must not keep sending an ETag of its old state.
            _entries.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    private static bool IsCacheable(IRequest request, CachedResponse.V1 response, out string body)
    {
        body = response.Body as string ?? string.Empty;
        if (request.Method != HttpMethod.Get || response.StatusCode != HttpStatusCode.OK || response.Body is not string)
        {
            return false;
        }

        if (!response.Headers.Any(h => string.Equals(h.Key, "ETag", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(h.Value)))
        {
            return false;
        }

        // Secret-scanning responses are never written to disk: older GitHub Enterprise versions ignore hide_secret
        // and would put the leaked secret itself into the cache file.
        var endpoint = request.Endpoint.IsAbsoluteUri ? request.Endpoint.AbsolutePath : request.Endpoint.OriginalString;
        if (endpoint.Contains("/secret-scanning/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // A truncated or garbled body must not be replayed on the next 304.
        try
        {
            using var document = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Key(IRequest request)
    {
        var uri = request.Endpoint.IsAbsoluteUri ? request.Endpoint : new Uri(request.BaseAddress, request.Endpoint);
        request.Headers.TryGetValue("Accept", out var accept);
        return $"{request.Method.Method} {uri.AbsoluteUri} {accept}";
    }

    public sealed class CacheEntry
    {
        public int Status { get; set; }

        public string? ContentType { get; set; }

        public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

        public string Body { get; set; } = string.Empty;

        public DateTimeOffset LastUsed { get; set; }
    }
}
