using System.ComponentModel.DataAnnotations;

namespace Controls.Collectors.Logs;

/// <summary>How the log-store collector talks to Elasticsearch / OpenSearch. Bound from <c>Controls:LogStore</c> and validated at start.</summary>
public sealed class LogStoreOptions
{
    public const string Section = "Controls:LogStore";

    /// <summary>Retries of a request that failed with a 5xx or a network error, with exponential back-off.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Index names kept per index group as examples; the evidence stays bounded on clusters with thousands of daily indices.</summary>
    [Range(1, 50)]
    public int SampleIndicesPerGroup { get; set; } = 5;

    /// <summary>ISM policies asked for per page (the plugin's own default page is 20).</summary>
    [Range(1, 1000)]
    public int IsmPageSize { get; set; } = 100;
}
