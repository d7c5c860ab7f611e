using System.Text.Json.Serialization;

namespace Controls.Collectors.GitHub.Evidence;

/// <summary>The evidence kinds the GitHub collector records; checks name them in <c>EvidenceKinds</c>.</summary>
public static class GitHubEvidenceKinds
{
    /// <summary>Subject: the organisation login. Content: <see cref="OrganizationEvidence"/>.</summary>
    public const string Organization = "github.organization";

    /// <summary>Subject: the organisation login. Content: <see cref="MemberListEvidence"/>. Needs an owner token.</summary>
    public const string MembersWithout2fa = "github.org-members-without-2fa";

    /// <summary>Subject: the organisation login. Content: <see cref="MemberListEvidence"/>.</summary>
    public const string OutsideCollaborators = "github.outside-collaborators";

    /// <summary>Subject: the organisation login. Content: <see cref="MemberListEvidence"/> (members with role admin, i.e. owners).</summary>
    public const string OrgAdmins = "github.org-admins";

    /// <summary>
    /// Subject: the organisation login. Content: <see cref="MemberAccountsEvidence"/>: every member with their role and
    /// every outside collaborator, the accounts access reviews are made of. Needs an owner token (roles come from
    /// the owners list).
    /// </summary>
    public const string OrgMembers = "github.org-members";

    /// <summary>Subject: "org/repo". Content: <see cref="RepositoryEvidence"/>.</summary>
    public const string Repository = "github.repository";

    /// <summary>Subject: "org/repo". Content: <see cref="DependabotAlertsEvidence"/> (open alerts only).</summary>
    public const string DependabotAlerts = "github.dependabot-alerts";

    /// <summary>Subject: "org/repo". Content: <see cref="SecretScanningAlertsEvidence"/> (open alerts only, never the secret).</summary>
    public const string SecretScanningAlerts = "github.secret-scanning-alerts";

    /// <summary>Subject: the organisation login. Content: <see cref="AppInstallationsEvidence"/>.</summary>
    public const string AppInstallations = "github.app-installations";

    /// <summary>
    /// Subject: the organisation login. Content: <see cref="AuditLogRetentionEvidence"/>: a platform fact recorded
    /// with each run (no request), so the export check states what it relied on.
    /// </summary>
    public const string AuditLogRetention = "github.audit-log-retention";

    /// <summary>All kinds, for tests and documentation.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Organization, MembersWithout2fa, OutsideCollaborators, OrgAdmins, OrgMembers, Repository, DependabotAlerts, SecretScanningAlerts, AppInstallations, AuditLogRetention,
    ];
}

/// <summary>Organisation settings as observed. <see cref="TwoFactorRequirementEnabled"/> is null when the token may not see it (only owners can).</summary>
public sealed record OrganizationEvidence(
    string Login,
    string? Name,
    bool? TwoFactorRequirementEnabled,
    int? MemberCount,
    int PublicRepositoryCount,
    int? PrivateRepositoryCount,
    string? DefaultRepositoryPermission);

/// <summary>
/// How long GitHub keeps the organisation's audit log: <see cref="AuditLogDays"/> for audit events,
/// <see cref="GitEventDays"/> for Git events (clone, fetch, push). Platform facts, not settings; <see cref="Source"/> names the documentation.
/// </summary>
public sealed record AuditLogRetentionEvidence(int AuditLogDays, int GitEventDays, string Source);

/// <summary>The roles GitHub gives organisation members (the REST API calls owners "admin").</summary>
public static class GitHubOrgRoles
{
    public const string Owner = "owner";
    public const string Member = "member";
    public const string OutsideCollaborator = "outside-collaborator";
}

/// <summary>An organisation member: login, GitHub's numeric user id (stable across renames) and role.</summary>
public sealed record MemberAccountEvidence(string Login, long Id, string Role);

/// <summary>The organisation's members, sorted by login so unchanged membership hashes the same.</summary>
public sealed record MemberAccountsEvidence(IReadOnlyList<MemberAccountEvidence> Members);

/// <summary>A set of accounts (logins sorted ordinally so unchanged membership hashes the same).</summary>
public sealed record MemberListEvidence(IReadOnlyList<string> Logins);

/// <summary>One repository's state relevant to change control. Archived repositories carry no protection data: they are read-only.</summary>
public sealed record RepositoryEvidence(
    string FullName,
    string DefaultBranch,
    bool Archived,
    bool Fork,
    string Visibility,
    EffectiveProtection? Protection,
    CodeOwnersEvidence? CodeOwners,
    IReadOnlyList<WorkflowEvidence>? Workflows);

/// <summary>
/// What actually guards the default branch: the union of classic branch protection and every active ruleset
/// that targets it (GitHub enforces both, the stricter setting wins).
/// </summary>
public sealed record EffectiveProtection(
    bool ClassicProtection,
    IReadOnlyList<RulesetEvidence> Rulesets,
    bool PullRequestRequired,
    int RequiredApprovingReviews,
    bool DismissStaleReviews,
    bool RequireCodeOwnerReview,
    IReadOnlyList<string> RequiredStatusChecks,
    bool EnforcedForAdmins,
    bool ForcePushBlocked,
    bool DeletionBlocked)
{
    [JsonIgnore]
    public bool IsProtected => ClassicProtection || Rulesets.Count > 0;
}

/// <summary>
/// An active ruleset that applies to the default branch. <see cref="BypassActors"/> is null when GitHub did not
/// disclose them (the token lacks write access to the ruleset), which must not be read as "nobody can bypass".
/// </summary>
public sealed record RulesetEvidence(long Id, string? Name, string SourceType, string Source, IReadOnlyList<string> RuleTypes, IReadOnlyList<string>? BypassActors);

/// <summary>The CODEOWNERS file GitHub uses (first of .github/, root, docs/), or null Path when there is none.</summary>
public sealed record CodeOwnersEvidence(string? Path, int RuleCount);

/// <summary>An Actions workflow and the events that trigger it (empty when its file could not be parsed).</summary>
public sealed record WorkflowEvidence(string Path, string Name, string State, IReadOnlyList<string> Triggers)
{
    [JsonIgnore]
    public bool RunsOnPullRequests => State == "active" && Triggers.Any(t => t is "pull_request" or "pull_request_target");
}

public sealed record DependabotAlertsEvidence(IReadOnlyList<DependabotAlertEvidence> Alerts);

public sealed record DependabotAlertEvidence(
    int Number,
    string Severity,
    string? Package,
    string? Ecosystem,
    string? AdvisoryId,
    string? Summary,
    DateTimeOffset CreatedAt,
    string? HtmlUrl);

public sealed record SecretScanningAlertsEvidence(IReadOnlyList<SecretScanningAlertEvidence> Alerts);

/// <summary>A secret-scanning alert described by type and date only: the secret itself is never read or stored.</summary>
public sealed record SecretScanningAlertEvidence(int Number, string SecretType, DateTimeOffset CreatedAt, string? Validity, string? HtmlUrl);

public sealed record AppInstallationsEvidence(IReadOnlyList<AppInstallationEvidence> Installations);

public sealed record AppInstallationEvidence(
    long Id,
    string AppSlug,
    string RepositorySelection,
    IReadOnlyDictionary<string, string> Permissions,
    IReadOnlyList<string> Events,
    DateTimeOffset CreatedAt,
    bool Suspended);
