namespace Controls.Compliance.Workspaces;

/// <summary>An organisation being assessed. Every record outside the catalog belongs to exactly one.</summary>
public sealed class Workspace
{
    public int Id { get; set; }

    /// <summary>Stable, URL-safe name ("demo", "acme").</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    /// <summary>Demo workspaces are labelled as such everywhere they are shown.</summary>
    public bool IsDemo { get; set; }

    /// <summary>Blended engineering rate used to turn retrofit hours into cost.</summary>
    public decimal HourlyRate { get; set; } = 150m;

    public string Currency { get; set; } = "USD";

    public DateTime CreatedAt { get; set; }
}
