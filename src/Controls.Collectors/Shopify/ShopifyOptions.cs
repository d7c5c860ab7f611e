using System.ComponentModel.DataAnnotations;

namespace Controls.Collectors.Shopify;

/// <summary>How the Shopify collector talks to the Admin GraphQL API. Bound from <c>Controls:Shopify</c> and validated at start.</summary>
public sealed class ShopifyOptions
{
    public const string Section = "Controls:Shopify";

    /// <summary>Admin API version in the URL. Shopify supports each stable version for about a year; bump it with the releases.</summary>
    [Required]
    [RegularExpression(@"^\d{4}-(01|04|07|10)$|^unstable$")]
    public string ApiVersion { get; set; } = "2025-10";

    /// <summary>Nodes asked for per page; Shopify's maximum is 250. Smaller pages cost less each, but cost more requests.</summary>
    [Range(1, 250)]
    public int PageSize { get; set; } = 250;

    /// <summary>How far back events are read for the audit-trail evidence (Shopify keeps them one year).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan EventWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Upper bound on event pages per run, so a very busy store cannot make a run unbounded.</summary>
    [Range(1, 100_000)]
    public int MaxEventPages { get; set; } = 400;

    /// <summary>Events kept verbatim in the evidence (the rest are only counted).</summary>
    [Range(0, 500)]
    public int EventSampleSize { get; set; } = 50;

    /// <summary>Retries of a request that failed with a 5xx or a network error, with exponential back-off.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>THROTTLED answers tolerated for one query before its evidence is recorded as failed.</summary>
    [Range(0, 100)]
    public int MaxThrottleRetries { get; set; } = 10;

    /// <summary>The longest single wait for the cost bucket to refill; a longer computed wait is capped to this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxThrottleWait { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
