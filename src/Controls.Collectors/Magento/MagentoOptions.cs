using System.ComponentModel.DataAnnotations;

namespace Controls.Collectors.Magento;

/// <summary>How the Magento collector talks to the REST API. Bound from <c>Controls:Magento</c> and validated at start.</summary>
public sealed class MagentoOptions
{
    public const string Section = "Controls:Magento";

    /// <summary>
    /// Store code in <c>/rest/{StoreCode}/V1/…</c>. "all" (the default) addresses every store view, which is what an
    /// instance-wide audit wants; "default" or another store view code scopes the reads to that view; empty means
    /// <c>/rest/V1/…</c>, the default store view.
    /// </summary>
    [RegularExpression(@"^$|^[a-z][a-z0-9_]{0,31}$")]
    public string StoreCode { get; set; } = "all";

    /// <summary>searchCriteria[pageSize] for customers/search. Magento has no hard maximum; large pages are slow on big stores.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 200;

    /// <summary>Upper bound on customer pages per run, so a very large store cannot make a run unbounded.</summary>
    [Range(1, 1_000_000)]
    public int MaxCustomerPages { get; set; } = 5_000;

    /// <summary>Retries of a request that failed with a 5xx or a network error, with exponential back-off.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>429 answers tolerated for one request before its evidence is recorded as failed.</summary>
    [Range(0, 100)]
    public int MaxThrottleRetries { get; set; } = 5;

    /// <summary>The longest single wait honoured from Retry-After; a longer one is capped to this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
