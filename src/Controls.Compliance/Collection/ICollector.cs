using Controls.Compliance.Systems;

namespace Controls.Compliance.Collection;

/// <summary>
/// Reads live state from one kind of platform. A collector records what it saw through
/// <see cref="CollectionContext"/>; it throws only when the whole run cannot go on (bad credentials, the
/// platform unreachable), and records a failure per item when one part could not be read.
/// </summary>
public interface ICollector
{
    string SystemKind { get; }

    Task CollectAsync(CollectionContext context, CancellationToken cancellationToken);
}

/// <summary>Why one piece of evidence could not be collected; stored in the ledger in place of the content.</summary>
public sealed record CollectionFailure(string Reason, int? HttpStatus = null, string? Detail = null);

/// <summary>Thrown by a collector when the run cannot continue. The message must never contain a credential.</summary>
public sealed class CollectionAbortedException : Exception
{
    public CollectionAbortedException(string message)
        : base(message)
    {
    }

    public CollectionAbortedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CollectionAbortedException()
    {
    }
}

/// <summary>What one run hands its collector, and what the collector hands back.</summary>
public sealed class CollectionContext
{
    private readonly List<PendingEvidence> _items = [];

    public CollectionContext(ConnectedSystem system, Secret? credential, long runId)
    {
        System = system;
        Credential = credential;
        RunId = runId;
    }

    public ConnectedSystem System { get; }

    /// <summary>The system's token, or null when none is configured. Never log it; <see cref="Secret"/> prints as ***.</summary>
    public Secret? Credential { get; }

    public long RunId { get; }

    public int RequestCount { get; set; }

    public int NotModifiedCount { get; set; }

    public IReadOnlyList<PendingEvidence> Items => _items;

    public void Record<T>(string kind, string subject, T content) =>
        _items.Add(new PendingEvidence(kind, subject, Evidence.EvidenceOutcome.Collected, Evidence.CanonicalJson.Serialize(content)));

    public void RecordFailure(string kind, string subject, CollectionFailure failure) =>
        _items.Add(new PendingEvidence(kind, subject, Evidence.EvidenceOutcome.CollectionFailed, Evidence.CanonicalJson.Serialize(failure)));
}

public sealed record PendingEvidence(string Kind, string Subject, Evidence.EvidenceOutcome Outcome, string CanonicalJson);

/// <summary>A credential value that cannot leak through ToString, string interpolation or structured logging.</summary>
public sealed class Secret(string value)
{
    public string Reveal() => value;

    public override string ToString() => "***";
}
