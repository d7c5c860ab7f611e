using Controls.Compliance.Workspaces;

namespace Controls.Compliance.Evidence;

public enum EvidenceOutcome
{
    /// <summary>The collector saw the resource; the content is what it saw.</summary>
    Collected,

    /// <summary>The collector could not read the resource; the content describes why (status, reason).</summary>
    CollectionFailed,
}

/// <summary>
/// One observation in a system's append-only, hash-chained evidence ledger. Each record's
/// <see cref="ChainHash"/> covers its metadata, its content hash and the previous record's chain hash, so an
/// edited, reordered or deleted record breaks every hash after it.
/// </summary>
public sealed class EvidenceRecord : IWorkspaceOwned
{
    public long Id { get; set; }

    public int WorkspaceId { get; set; }

    public int SystemId { get; set; }

    public long RunId { get; set; }

    /// <summary>Position in the system's chain, from 1 with no gaps.</summary>
    public long Sequence { get; set; }

    /// <summary>What was observed, namespaced by collector: "github.repository", "github.organization".</summary>
    public required string Kind { get; set; }

    /// <summary>The resource observed: "acme", "acme/checkout".</summary>
    public required string Subject { get; set; }

    public EvidenceOutcome Outcome { get; set; }

    public DateTime CollectedAt { get; set; }

    /// <summary>SHA-256 (hex) of the canonical JSON content.</summary>
    public required string ContentSha256 { get; set; }

    public required string PreviousHash { get; set; }

    public required string ChainHash { get; set; }
}

/// <summary>Canonical JSON content, stored once per workspace however many records point at it.</summary>
public sealed class EvidenceContent : IWorkspaceOwned
{
    public int WorkspaceId { get; set; }

    public required string Sha256 { get; set; }

    public required string Json { get; set; }

    public int Length { get; set; }
}
