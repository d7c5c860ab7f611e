using Controls.Compliance.Workspaces;

namespace Controls.Compliance.Readiness;

/// <summary>
/// An attestation that an e-commerce surface has an incident-response playbook: who owns it, where it is, when
/// it was last reviewed. Appended, never edited: the latest per surface counts and the history stays.
/// </summary>
public sealed class PlaybookAttestation : IWorkspaceOwned
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    public required string Surface { get; set; }

    public required string Title { get; set; }

    public required string Owner { get; set; }

    /// <summary>Where the playbook lives (wiki URL, document id).</summary>
    public string? Location { get; set; }

    public DateOnly ReviewedOn { get; set; }

    /// <summary>SHA-256 of an uploaded copy of the playbook, when one was attached.</summary>
    public string? FileSha256 { get; set; }

    public string? FileName { get; set; }

    public required string AttestedBy { get; set; }

    public DateTime AttestedAt { get; set; }
}

/// <summary>A tabletop exercise held, and the surfaces its scenario exercised.</summary>
public sealed class TabletopExercise : IWorkspaceOwned
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    public required string Scenario { get; set; }

    public List<string> Surfaces { get; set; } = [];

    public DateOnly HeldOn { get; set; }

    public required string Facilitator { get; set; }

    public List<string> Participants { get; set; } = [];

    /// <summary>What the exercise found and the actions agreed.</summary>
    public string? Outcome { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime RecordedAt { get; set; }
}
