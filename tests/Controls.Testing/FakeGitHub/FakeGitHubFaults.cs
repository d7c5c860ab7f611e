using System.Collections.Concurrent;

namespace Controls.Testing.FakeGitHub;

/// <summary>A request as fault rules see it: path decoded into segments' text, query as given.</summary>
public sealed record FakeGitHubRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query)
{
    public string? this[string queryName] => Query.GetValueOrDefault(queryName);
}

/// <summary>
/// Fault injection. Rules are checked in order on every authenticated request; a rule with a count stops after
/// answering that many requests. Rate-limit exhaustion is state, not a rule: see <see cref="ExhaustRateLimit"/>.
/// </summary>
public sealed class FakeGitHubFaults
{
    private readonly ConcurrentQueue<FaultRule> _rules = new();

    internal FakeGitHubRateLimit RateLimit { get; } = new();

    /// <summary>The primary rate limit per hour (X-RateLimit-Limit), 5,000 like a GitHub token; setting it opens a fresh window.</summary>
    public int RateLimitPerHour
    {
        get => RateLimit.Limit;
        set
        {
            RateLimit.Limit = value;
            RateLimit.Restore();
        }
    }

    public void Clear()
    {
        _rules.Clear();
        RateLimit.Restore();
    }

    /// <summary>Answers matching requests with <paramref name="status"/> and GitHub's error body.</summary>
    public FakeGitHubFaults Fail(Func<FakeGitHubRequest, bool> match, int status, string? message = null, int? times = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        _rules.Enqueue(new FaultRule(match, status, message, times, Truncate: false, headers));
        return this;
    }

    /// <summary>5xx (default 502) on every request whose path starts with <paramref name="pathPrefix"/>.</summary>
    public FakeGitHubFaults FailPath(string pathPrefix, int status = 502, int? times = null) =>
        Fail(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal), status, null, times);

    /// <summary>Every request fails (a storm); with <paramref name="times"/>, only the next N requests.</summary>
    public FakeGitHubFaults FailAll(int status = 503, int? times = null) => Fail(_ => true, status, null, times);

    /// <summary>Matching 200 responses are cut in half mid-JSON (complete HTTP message, invalid body).</summary>
    public FakeGitHubFaults TruncateJson(Func<FakeGitHubRequest, bool> match, int? times = null)
    {
        _rules.Enqueue(new FaultRule(match, 200, null, times, Truncate: true, null));
        return this;
    }

    /// <summary>403 for members?filter=2fa_disabled, as GitHub answers a token that is not an owner's.</summary>
    public FakeGitHubFaults ForbidTwoFactorFilter() =>
        Fail(r => r.Path.EndsWith("/members", StringComparison.Ordinal) && r["filter"] == "2fa_disabled", 403, "Must be an organization owner.");

    /// <summary>The primary rate limit is used up until <paramref name="resetIn"/> from now; answered with <paramref name="status"/> (403 or 429).</summary>
    public FakeGitHubFaults ExhaustRateLimit(TimeSpan resetIn, int status = 403)
    {
        RateLimit.Exhaust(resetIn, status);
        return this;
    }

    /// <summary>A secondary (abuse) limit: matching requests get 403/429 with Retry-After, <paramref name="times"/> times.</summary>
    public FakeGitHubFaults SecondaryRateLimit(int retryAfterSeconds, int status = 403, int times = 1, Func<FakeGitHubRequest, bool>? match = null) =>
        Fail(
            match ?? (_ => true),
            status,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            times,
            new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    internal FaultRule? Match(FakeGitHubRequest request, bool forTruncation)
    {
        foreach (var rule in _rules)
        {
            if (rule.Truncate == forTruncation && rule.Match(request) && rule.TryConsume())
            {
                return rule;
            }
        }

        return null;
    }

    internal sealed class FaultRule(Func<FakeGitHubRequest, bool> match, int status, string? message, int? times, bool Truncate, IReadOnlyDictionary<string, string>? headers)
    {
        private int _remaining = times ?? int.MaxValue;

        public Func<FakeGitHubRequest, bool> Match { get; } = match;

        public int Status { get; } = status;

        public string? Message { get; } = message;

        public bool Truncate { get; } = Truncate;

        public IReadOnlyDictionary<string, string> Headers { get; } = headers ?? new Dictionary<string, string>();

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

/// <summary>The primary "core" rate limit: 5,000 per hour, reset an hour after the window opened.</summary>
internal sealed class FakeGitHubRateLimit
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _resetAt;
    private int _remaining = 5000;
    private bool _exhausted;

    /// <summary>Requests per hour; GitHub's default for a token is 5,000 (set higher to collect very large fake organisations in one go).</summary>
    public int Limit { get; set; } = 5000;

    public int ExhaustedStatus { get; private set; } = 403;

    public void Exhaust(TimeSpan resetIn, int status)
    {
        lock (_gate)
        {
            _exhausted = true;
            _remaining = 0;
            ExhaustedStatus = status;
            _pendingResetIn = resetIn;
            _resetAt = null;
        }
    }

    private TimeSpan? _pendingResetIn;

    public void Restore()
    {
        lock (_gate)
        {
            _exhausted = false;
            _remaining = Limit;
            _resetAt = null;
            _pendingResetIn = null;
        }
    }

    /// <summary>Returns whether the request is allowed and the header values to send.</summary>
    public (bool Allowed, int Remaining, long ResetEpoch) Take(DateTimeOffset now, bool counts)
    {
        lock (_gate)
        {
            if (_pendingResetIn is { } pending)
            {
                // The reset is anchored on the fake's clock the first time it is asked, so tests need not know it,
                // and rounded up to the whole second GitHub's X-RateLimit-Reset can express.
                _resetAt = DateTimeOffset.FromUnixTimeSeconds((long)Math.Ceiling((now + pending).ToUnixTimeMilliseconds() / 1000.0));
                _pendingResetIn = null;
            }

            _resetAt ??= now.AddHours(1);
            if (now >= _resetAt)
            {
                _remaining = Limit;
                _exhausted = false;
                _resetAt = now.AddHours(1);
            }

            var reset = _resetAt.Value.ToUnixTimeSeconds();
            if (_exhausted || _remaining <= 0)
            {
                return (false, 0, reset);
            }

            if (counts)
            {
                _remaining--;
            }

            return (true, _remaining, reset);
        }
    }
}
