using Controls.Compliance.Evaluation;

namespace Controls.Web.Tests.Support;

public static class WebTestEvaluators
{
    public const string OrganizationKind = "webtest.organization";
    public const string RepositoryKind = "webtest.repository";
    public const string CollaboratorKind = "webtest.collaborator";
}

public sealed class DefaultBranchReviewedEvaluator : ICheckEvaluator
{
    public string CheckId => "webtest.default-branch-reviewed";

    public IReadOnlyCollection<string> EvidenceKinds => [WebTestEvaluators.RepositoryKind];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var min = parameters.GetInt("minApprovals");
        var findings = evidence.All<RepositoryEvidence>(WebTestEvaluators.RepositoryKind)
            .Where(r => r.Content.RequiredApprovals < min)
            .Select(r => new FindingDraft(r.Subject, $"default branch `{r.Content.DefaultBranch}` requires {r.Content.RequiredApprovals} approving reviews; at least {min} required"))
            .ToList();
        return CheckVerdict.FromFindings(findings, "Every default branch requires an approving review.", $"{findings.Count} default branch(es) merge without review.");
    }
}

public sealed class OrgTwoFactorEvaluator : ICheckEvaluator
{
    public string CheckId => "webtest.org-two-factor";

    public IReadOnlyCollection<string> EvidenceKinds => [WebTestEvaluators.OrganizationKind];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var findings = evidence.All<OrganizationEvidence>(WebTestEvaluators.OrganizationKind)
            .Where(o => !o.Content.TwoFactorRequired)
            .Select(o => new FindingDraft($"{o.Subject} (organisation)", "two-factor authentication is not required for members"))
            .ToList();
        return CheckVerdict.FromFindings(findings, "Two-factor authentication is required.", "Two-factor authentication is not required.");
    }
}

public sealed class OutsideCollaboratorsEvaluator : ICheckEvaluator
{
    public string CheckId => "webtest.outside-collaborators-reviewed";

    public IReadOnlyCollection<string> EvidenceKinds => [WebTestEvaluators.CollaboratorKind];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var findings = evidence.All<CollaboratorEvidence>(WebTestEvaluators.CollaboratorKind)
            .Where(c => c.Content.Permission == "admin")
            .Select(c => new FindingDraft(c.Subject, $"outside collaborator {c.Content.Login} has admin access"))
            .ToList();
        return CheckVerdict.FromFindings(findings, "No outside collaborator has admin access.", $"{findings.Count} outside collaborator(s) have admin access.");
    }
}
