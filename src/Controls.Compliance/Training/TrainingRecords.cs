using Controls.Compliance.Workspaces;

namespace Controls.Compliance.Training;

/// <summary>A completion of a catalog training module by a person, as an LMS export reported it.</summary>
public sealed class TrainingCompletionEntry : IWorkspaceOwned
{
    public long Id { get; set; }

    public int WorkspaceId { get; set; }

    public required string PersonKey { get; set; }

    public required string ModuleId { get; set; }

    public DateOnly CompletedOn { get; set; }

    /// <summary>The import that brought it (null when entered through the API).</summary>
    public int? ImportId { get; set; }

    /// <summary>The row in that import's file (1 = first data row after the header).</summary>
    public int? RowNumber { get; set; }

    public DateTime RecordedAt { get; set; }
}

/// <summary>One LMS export imported: what it held, what was accepted and what was rejected (and why).</summary>
public sealed class TrainingImport : IWorkspaceOwned
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    public required string FileName { get; set; }

    /// <summary>"csv" or "xlsx".</summary>
    public required string Format { get; set; }

    public required string FileSha256 { get; set; }

    /// <summary>The column mapping used, as JSON (field → column header).</summary>
    public required string MappingJson { get; set; }

    public DateTime ImportedAt { get; set; }

    public required string ImportedBy { get; set; }

    public int Rows { get; set; }

    public int Accepted { get; set; }

    /// <summary>Rows that repeated a completion already recorded (same person, module and day): accepted, not stored twice.</summary>
    public int AlreadyRecorded { get; set; }

    public int Rejected { get; set; }

    public List<TrainingImportRejection> Rejections { get; set; } = [];
}

/// <summary>A row an import could not accept, with the reason a person can act on.</summary>
public sealed class TrainingImportRejection : IWorkspaceOwned
{
    public long Id { get; set; }

    public int WorkspaceId { get; set; }

    public int ImportId { get; set; }

    public int RowNumber { get; set; }

    public required string Reason { get; set; }

    /// <summary>The row's mapped values as read, so the rejection can be fixed at the source.</summary>
    public required string Values { get; set; }
}

/// <summary>The column mapping a workspace chose for an import kind, remembered for its next import.</summary>
public sealed class ImportColumnMapping : IWorkspaceOwned
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    /// <summary>What the mapping is for, e.g. "training-completions" or "people".</summary>
    public required string Purpose { get; set; }

    /// <summary>Field → column header, as JSON.</summary>
    public required string ColumnsJson { get; set; }

    public DateTime UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
