using System.ComponentModel.DataAnnotations;

namespace Controls.Collectors.GitHub;

/// <summary>How the GitHub collector talks to the API. Bound from <c>Controls:GitHub</c> and validated at start.</summary>
public sealed class GitHubOptions
{
    public const string Section = "Controls:GitHub";

    /// <summary>Used when a connected system has no BaseUrl (GitHub Enterprise Server sets its own, ending in /api/v3/).</summary>
    [Required]
    public string DefaultApiBaseUrl { get; set; } = "https://api.github.com/";

    /// <summary>
    /// The longest a run waits for an exhausted rate limit to reset. Longer waits abort the run (the next scheduled
    /// run resumes, and its unchanged data is answered by free 304s). Must stay well inside the run timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries of a request that failed with a 5xx or a network error, with exponential back-off.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Repositories read at the same time. GitHub asks integrations not to hammer it with concurrent requests.</summary>
    [Range(1, 16)]
    public int MaxParallelRepositories { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Folder of the conditional-request (ETag) cache, one file per connected system. Empty means a
    /// <c>github-cache</c> folder beside the SQLite database, so it survives restarts with the data.
    /// </summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Cache entries unused for this long are dropped when a run saves the cache (deleted repositories, old pages).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan CacheEntryLifetime { get; set; } = TimeSpan.FromDays(14);
}
