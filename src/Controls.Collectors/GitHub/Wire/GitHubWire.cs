namespace Controls.Collectors.GitHub.Wire;

// Wire shapes of the endpoints Octokit 14 has no typed client (or no complete model) for. They are read through
// Octokit's own ApiConnection, whose serializer maps PascalCase properties to GitHub's snake_case fields, so
// only the fields Controls uses are declared; everything else in the payload is ignored.

/// <summary>GET /orgs/{org}. Octokit's Organization model lacks two_factor_requirement_enabled.</summary>
public sealed class OrganizationWire
{
    public string Login { get; set; } = string.Empty;

    public string? Name { get; set; }

    /// <summary>Only present for organisation owners; null otherwise.</summary>
    public bool? TwoFactorRequirementEnabled { get; set; }

    public int PublicRepos { get; set; }

    public int? TotalPrivateRepos { get; set; }

    public string? DefaultRepositoryPermission { get; set; }
}

/// <summary>One element of GET /repos/{owner}/{repo}/rules/branches/{branch}.</summary>
public sealed class BranchRuleWire
{
    public string Type { get; set; } = string.Empty;

    public string? RulesetSourceType { get; set; }

    public string? RulesetSource { get; set; }

    public long RulesetId { get; set; }

    public BranchRuleParametersWire? Parameters { get; set; }
}

/// <summary>The union of the parameter shapes of the rule types Controls reads (pull_request, required_status_checks).</summary>
public sealed class BranchRuleParametersWire
{
    public int? RequiredApprovingReviewCount { get; set; }

    public bool? DismissStaleReviewsOnPush { get; set; }

    public bool? RequireCodeOwnerReview { get; set; }

    public List<StatusCheckWire>? RequiredStatusChecks { get; set; }

    public bool? StrictRequiredStatusChecksPolicy { get; set; }
}

public sealed class StatusCheckWire
{
    public string Context { get; set; } = string.Empty;

    public long? IntegrationId { get; set; }
}

/// <summary>GET /repos/{owner}/{repo}/rulesets/{id} or /orgs/{org}/rulesets/{id}: read for its bypass list.</summary>
public sealed class RulesetWire
{
    public long Id { get; set; }

    public string? Name { get; set; }

    public string? Enforcement { get; set; }

    /// <summary>Absent (null) unless the token has write access to the ruleset.</summary>
    public List<BypassActorWire>? BypassActors { get; set; }
}

public sealed class BypassActorWire
{
    public long? ActorId { get; set; }

    public string? ActorType { get; set; }

    public string? BypassMode { get; set; }
}

/// <summary>One page of GET /repos/{owner}/{repo}/actions/workflows.</summary>
public sealed class WorkflowsPageWire
{
    public int TotalCount { get; set; }

    public List<WorkflowWire> Workflows { get; set; } = [];
}

public sealed class WorkflowWire
{
    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Path { get; set; } = string.Empty;

    public string State { get; set; } = string.Empty;
}

/// <summary>One element of GET /repos/{owner}/{repo}/dependabot/alerts.</summary>
public sealed class DependabotAlertWire
{
    public int Number { get; set; }

    public string State { get; set; } = string.Empty;

    public DependabotDependencyWire? Dependency { get; set; }

    public DependabotAdvisoryWire? SecurityAdvisory { get; set; }

    public DependabotVulnerabilityWire? SecurityVulnerability { get; set; }

    public string? HtmlUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class DependabotDependencyWire
{
    public DependabotPackageWire? Package { get; set; }

    public string? ManifestPath { get; set; }
}

public sealed class DependabotPackageWire
{
    public string? Ecosystem { get; set; }

    public string? Name { get; set; }
}

public sealed class DependabotAdvisoryWire
{
    public string? GhsaId { get; set; }

    public string? CveId { get; set; }

    public string? Summary { get; set; }

    public string? Severity { get; set; }
}

public sealed class DependabotVulnerabilityWire
{
    public string? Severity { get; set; }
}

/// <summary>
/// One element of GET /repos/{owner}/{repo}/secret-scanning/alerts. Deliberately has no property for the
/// <c>secret</c> field, and the request asks GitHub to omit it (hide_secret=true).
/// </summary>
public sealed class SecretScanningAlertWire
{
    public int Number { get; set; }

    public string State { get; set; } = string.Empty;

    public string? SecretType { get; set; }

    public string? SecretTypeDisplayName { get; set; }

    public string? Validity { get; set; }

    public string? HtmlUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One page of GET /orgs/{org}/installations.</summary>
public sealed class InstallationsPageWire
{
    public int TotalCount { get; set; }

    public List<InstallationWire> Installations { get; set; } = [];
}

public sealed class InstallationWire
{
    public long Id { get; set; }

    public long AppId { get; set; }

    public string AppSlug { get; set; } = string.Empty;

    public string? RepositorySelection { get; set; }

    public Dictionary<string, string>? Permissions { get; set; }

    public List<string>? Events { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SuspendedAt { get; set; }
}
