using Controls.Compliance.Workspaces;

namespace Controls.Compliance.Collection;

public enum RunOutcome
{
    Running,

    /// <summary>Everything the collector asked for was collected.</summary>
    Succeeded,

    /// <summary>The run finished but some evidence could not be collected; those items are stored as collection errors.</summary>
    PartiallySucceeded,

    /// <summary>The run could not complete; every check of the system is Error until a later run succeeds.</summary>
    Failed,
}

/// <summary>One execution of a collector against one connected system.</summary>
public sealed class CollectionRun : IWorkspaceOwned
{
    public long Id { get; set; }

    public int WorkspaceId { get; set; }

    public int SystemId { get; set; }

    /// <summary>"schedule", "manual", "demo", "startup".</summary>
    public required string Trigger { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public RunOutcome Outcome { get; set; }

    public string? Error { get; set; }

    /// <summary>HTTP requests the collector sent.</summary>
    public int RequestCount { get; set; }

    /// <summary>Requests answered 304 Not Modified (served from the conditional-request cache, free of rate limit).</summary>
    public int NotModifiedCount { get; set; }

    /// <summary>Evidence records appended to the ledger.</summary>
    public int EvidenceCount { get; set; }

    /// <summary>Of those, records whose content had not been seen before.</summary>
    public int NewContentCount { get; set; }

    public int CollectionErrorCount { get; set; }

    /// <summary>The system's chain head after this run, so truncating the ledger's tail is detectable.</summary>
    public long? HeadSequence { get; set; }

    public string? HeadHash { get; set; }
}
