using System.ComponentModel.DataAnnotations;

namespace Controls.Collectors.Magento.Database;

/// <summary>
/// Timeouts of the read-only Magento database path. Bound from <c>Controls:Magento:Database</c> and validated at start.
/// They apply to every connection the reader opens, whatever the connection string says, so one slow or unreachable
/// store cannot hold a collection run for longer than these bounds.
/// </summary>
public sealed class MagentoDatabaseOptions
{
    public const string Section = "Controls:Magento:Database";

    /// <summary>How long opening a connection (TCP, TLS, authentication) may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one SELECT may run. The reads are small aggregates and key lookups; a minute is generous.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
