using Controls.Collectors.GitHub.Evidence;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Systems;
using Controls.Compliance.ThirdParty;

namespace Controls.Collectors.ThirdParty.Sources;

/// <summary>GitHub Apps installed on the organisation and the permissions each holds.</summary>
public sealed class GitHubInventorySource : IThirdPartyInventorySource
{
    private static readonly HashSet<string> SourceCode = new(["contents", "workflows", "single_file", "pull_requests", "packages", "pages"], StringComparer.Ordinal);
    private static readonly HashSet<string> Secrets = new(
        ["secrets", "organization_secrets", "actions_variables", "organization_actions_variables", "dependabot_secrets", "codespaces_secrets", "environments", "secret_scanning_alerts"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> Administration = new(
        ["administration", "organization_administration", "members", "organization_hooks", "repository_hooks", "organization_custom_roles", "organization_user_blocking", "organization_personal_access_tokens"],
        StringComparer.Ordinal);

    public string SystemKind => SystemKinds.GitHub;

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [GitHubEvidenceKinds.AppInstallations];

    public IEnumerable<InventoryEntry> Extract(EvidenceSnapshot evidence)
    {
        foreach (var item in evidence.OfKind(GitHubEvidenceKinds.AppInstallations).Where(i => i.Outcome == Compliance.Evidence.EvidenceOutcome.Collected))
        {
            foreach (var installation in item.Read<AppInstallationsEvidence>().Installations)
            {
                yield return new InventoryEntry(
                    InventoryItemKinds.GitHubApp,
                    installation.AppSlug,
                    installation.AppSlug,
                    null,
                    [.. installation.Permissions.Select(p => $"{p.Key}:{p.Value}").Order(StringComparer.Ordinal), $"repositories:{installation.RepositorySelection}"],
                    Reach(installation.Permissions.Keys),
                    installation.CreatedAt,
                    item.RecordId);
            }
        }
    }

    public static IReadOnlyList<string> Reach(IEnumerable<string> permissions) =>
        permissions
            .Where(p => p != "metadata")
            .Select(p => SourceCode.Contains(p) ? DataReach.SourceCode
                : Secrets.Contains(p) ? DataReach.Secrets
                : Administration.Contains(p) ? DataReach.Administration
                : DataReach.Other)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
