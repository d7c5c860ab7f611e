using Controls.Compliance.Workspaces;

namespace Controls.Compliance.People;

/// <summary>
/// A person in the workspace's people directory (entered through the API or imported from HR), stored; the rules
/// work on the <see cref="Person"/> it maps to.
/// </summary>
public sealed class PersonEntry : IWorkspaceOwned
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    /// <summary>Stable key: the primary e-mail (normalised) unless the organisation uses employee ids.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    public required string PrimaryEmail { get; set; }

    public string? Team { get; set; }

    public List<string> Roles { get; set; } = [];

    public List<string> Surfaces { get; set; } = [];

    /// <summary>Other e-mails and platform logins ("github:octocat", "magento:jdoe").</summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>Start date: joiners have a grace period for training.</summary>
    public DateOnly? StartedOn { get; set; }

    /// <summary>Leavers stay in the directory (history) but are not assigned training; their accounts should be gone.</summary>
    public DateOnly? LeftOn { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    public Person ToPerson() => new(Key, Name, PrimaryEmail, Team, Roles, Surfaces, StartedOn, Aliases);
}
