using Controls.Collectors.GitHub.Evidence;
using Controls.Compliance.Evaluation;

namespace Controls.Collectors.GitHub.Checks;

/// <summary>
/// A rule applied to every non-archived repository's <c>github.repository</c> evidence. Archived repositories are
/// read-only and skipped, and the summary says how many were.
/// </summary>
public abstract class RepositoryCheckEvaluator : ICheckEvaluator
{
    public abstract string CheckId { get; }

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [GitHubEvidenceKinds.Repository];

    /// <summary>"meets the rule" in the pass summary: "All 12 active repositories {PassPhrase}".</summary>
    protected abstract string PassPhrase { get; }

    protected abstract string FailPhrase { get; }

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var all = evidence.All<RepositoryEvidence>(GitHubEvidenceKinds.Repository).Select(r => r.Content).ToList();
        var active = all.Where(r => !r.Archived).ToList();
        var archived = all.Count - active.Count;
        var skipped = archived == 0 ? string.Empty : $" ({archived} archived repositories skipped)";

        var findings = new List<FindingDraft>();
        var failing = 0;
        foreach (var repository in active)
        {
            var problems = Problems(repository, parameters).ToList();
            failing += problems.Count > 0 ? 1 : 0;
            findings.AddRange(problems.Select(p => new FindingDraft(repository.FullName, $"{repository.FullName}: {p}")));
        }

        if (active.Count == 0)
        {
            return CheckVerdict.Pass($"The organisation has no active repositories{skipped}.");
        }

        return CheckVerdict.FromFindings(
            findings,
            $"All {active.Count} active repositories {PassPhrase}{skipped}.",
            $"{failing} of {active.Count} active repositories {FailPhrase}{skipped}.");
    }

    /// <summary>The repository's shortfalls as sentences without the repository name ("default branch `main` …").</summary>
    protected abstract IEnumerable<string> Problems(RepositoryEvidence repository, CheckParameters parameters);

    protected static EffectiveProtection Protection(RepositoryEvidence repository) =>
        repository.Protection ?? throw new InvalidOperationException($"{repository.FullName}: protection was not recorded.");

    protected static string Branch(RepositoryEvidence repository) => $"default branch `{repository.DefaultBranch}`";
}

/// <summary>github.branch-review-required: a pull request with at least minApprovals approvals.</summary>
public sealed class BranchReviewRequiredEvaluator : RepositoryCheckEvaluator
{
    public override string CheckId => "github.branch-review-required";

    protected override string PassPhrase => "require approving reviews on the default branch";

    protected override string FailPhrase => "let changes reach the default branch without the required approvals";

    protected override IEnumerable<string> Problems(RepositoryEvidence repository, CheckParameters parameters)
    {
        var protection = Protection(repository);
        var min = parameters.GetInt("minApprovals");
        if (!protection.IsProtected)
        {
            yield return $"{Branch(repository)} is not protected: no branch protection rule or ruleset applies, so it requires no approving review";
        }
        else if (!protection.PullRequestRequired)
        {
            yield return $"{Branch(repository)} does not require a pull request, so it requires no approving review";
        }
        else if (protection.RequiredApprovingReviews < min)
        {
            yield return protection.RequiredApprovingReviews == 0
                ? $"{Branch(repository)} requires no approving review"
                : $"{Branch(repository)} requires {protection.RequiredApprovingReviews} approving review(s), fewer than the {min} required";
        }
    }
}

/// <summary>github.branch-dismiss-stale-reviews: new pushes dismiss approvals.</summary>
public sealed class BranchDismissStaleReviewsEvaluator : RepositoryCheckEvaluator
{
    public override string CheckId => "github.branch-dismiss-stale-reviews";

    protected override string PassPhrase => "dismiss stale approvals on the default branch";

    protected override string FailPhrase => "keep approvals after new commits";

    protected override IEnumerable<string> Problems(RepositoryEvidence repository, CheckParameters parameters)
    {
        var protection = Protection(repository);
        if (!protection.PullRequestRequired)
        {
            yield return $"{Branch(repository)} requires no pull request review, so no approval is ever dismissed";
        }
        else if (!protection.DismissStaleReviews)
        {
            yield return $"{Branch(repository)} keeps approvals when new commits are pushed (stale reviews are not dismissed)";
        }
    }
}

/// <summary>github.branch-status-checks-required: at least one required status check.</summary>
public sealed class BranchStatusChecksRequiredEvaluator : RepositoryCheckEvaluator
{
    public override string CheckId => "github.branch-status-checks-required";

    protected override string PassPhrase => "require passing status checks on the default branch";

    protected override string FailPhrase => "merge into the default branch without required status checks";

    protected override IEnumerable<string> Problems(RepositoryEvidence repository, CheckParameters parameters)
    {
        if (Protection(repository).RequiredStatusChecks.Count == 0)
        {
            yield return $"{Branch(repository)} requires no status check to pass before merging";
        }
    }
}

/// <summary>github.branch-admins-enforced: enforce admins, or a ruleset nobody may bypass.</summary>
public sealed class BranchAdminsEnforcedEvaluator : RepositoryCheckEvaluator
{
    public override string CheckId => "github.branch-admins-enforced";

    protected override string PassPhrase => "apply default-branch protection to administrators too";

    protected override string FailPhrase => "let administrators bypass default-branch protection";

    protected override IEnumerable<string> Problems(RepositoryEvidence repository, CheckParameters parameters)
    {
        var protection = Protection(repository);
        if (!protection.IsProtected)
        {
            yield return $"{Branch(repository)} is not protected at all";
        }
        else if (!protection.EnforcedForAdmins)
        {
            var hidden = protection.Rulesets.Where(r => r.BypassActors is null).Select(r => $"'{r.Name ?? r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}'").ToList();
            var bypass = protection.Rulesets.Where(r => r.BypassActors is { Count: > 0 }).SelectMany(r => r.BypassActors!).Distinct().ToList();
            var detail = bypass.Count > 0
                ? $"; bypass list: {string.Join(", ", bypass)}"
                : hidden.Count > 0 ? $"; the bypass list of ruleset {string.Join(", ", hidden)} is not visible to the token" : string.Empty;
            yield return $"administrators can bypass the protection of {Branch(repository)}" +
                         (protection.ClassicProtection ? " (\"enforce admins\" is off)" : string.Empty) + detail;
        }
    }
}

/// <summary>github.branch-history-protected: no force pushes, no deletion.</summary>
public sealed class BranchHistoryProtectedEvaluator : RepositoryCheckEvaluator
{
    public override string CheckId => "github.branch-history-protected";

    protected override string PassPhrase => "block force pushes to and deletion of the default branch";

    protected override string FailPhrase => "allow the default branch's history to be rewritten or deleted";

    protected override IEnumerable<string> Problems(RepositoryEvidence repository, CheckParameters parameters)
    {
        var protection = Protection(repository);
        if (!protection.ForcePushBlocked)
        {
            yield return $"force pushes to {Branch(repository)} are allowed";
        }

        if (!protection.DeletionBlocked)
        {
            yield return $"{Branch(repository)} can be deleted";
        }
    }
}

/// <summary>github.codeowners-present: a CODEOWNERS file with at least one rule.</summary>
public sealed class CodeOwnersPresentEvaluator : RepositoryCheckEvaluator
{
    public override string CheckId => "github.codeowners-present";

    protected override string PassPhrase => "have a CODEOWNERS file";

    protected override string FailPhrase => "name no code owners";

    protected override IEnumerable<string> Problems(RepositoryEvidence repository, CheckParameters parameters)
    {
        var codeOwners = repository.CodeOwners ?? throw new InvalidOperationException($"{repository.FullName}: CODEOWNERS was not recorded.");
        if (codeOwners.Path is null)
        {
            yield return "has no CODEOWNERS file (looked in .github/, the root and docs/)";
        }
        else if (codeOwners.RuleCount == 0)
        {
            yield return $"CODEOWNERS at `{codeOwners.Path}` assigns no owners (only comments or blank lines)";
        }
    }
}

/// <summary>github.pr-workflows-present: an active Actions workflow runs on pull requests.</summary>
public sealed class PullRequestWorkflowsPresentEvaluator : RepositoryCheckEvaluator
{
    public override string CheckId => "github.pr-workflows-present";

    protected override string PassPhrase => "run an Actions workflow on pull requests";

    protected override string FailPhrase => "run no automated checks on pull requests";

    protected override IEnumerable<string> Problems(RepositoryEvidence repository, CheckParameters parameters)
    {
        var workflows = repository.Workflows ?? throw new InvalidOperationException($"{repository.FullName}: workflows were not recorded.");
        if (!workflows.Any(w => w.RunsOnPullRequests))
        {
            yield return workflows.Count == 0
                ? "has no GitHub Actions workflow, so nothing runs on pull requests"
                : $"none of its {workflows.Count} workflow(s) is active and triggered by pull_request or pull_request_target";
        }
    }
}
