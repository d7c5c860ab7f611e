using Controls.Collectors.GitHub.Evidence;
using Controls.Compliance.Evaluation;

namespace Controls.Collectors.GitHub.Checks;

/// <summary>github.org-2fa-required: the organisation enforces 2FA and nobody is listed without it.</summary>
public sealed class OrgTwoFactorRequiredEvaluator : ICheckEvaluator
{
    public string CheckId => "github.org-2fa-required";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [GitHubEvidenceKinds.Organization, GitHubEvidenceKinds.MembersWithout2fa];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var org = OrgEvidence.Organization(evidence);
        var without2fa = OrgEvidence.Members(evidence, GitHubEvidenceKinds.MembersWithout2fa);
        var findings = new List<FindingDraft>();
        switch (org.TwoFactorRequirementEnabled)
        {
            case false:
                findings.Add(new FindingDraft(OrgEvidence.Resource(org), $"{org.Login}: the organisation does not require two-factor authentication"));
                break;
            case null:
                findings.Add(new FindingDraft(OrgEvidence.Resource(org),
                    $"{org.Login}: the token cannot see whether two-factor authentication is required (only organisation owners can), so it is not taken as required"));
                break;
        }

        findings.AddRange(without2fa.Logins.Select(login =>
            new FindingDraft(OrgEvidence.MemberResource(org.Login, login), $"{org.Login}: member `{login}` has two-factor authentication disabled")));

        return CheckVerdict.FromFindings(
            findings,
            $"{org.Login} requires two-factor authentication and no member is without it.",
            without2fa.Logins.Count == 0
                ? $"{org.Login} does not enforce two-factor authentication."
                : $"{without2fa.Logins.Count} member(s) of {org.Login} have two-factor authentication disabled" +
                  (org.TwoFactorRequirementEnabled == true ? "." : ", and the organisation does not enforce it."));
    }
}

/// <summary>github.outside-collaborators-limited: at most maxOutsideCollaborators outside collaborators.</summary>
public sealed class OutsideCollaboratorsEvaluator : ICheckEvaluator
{
    public string CheckId => "github.outside-collaborators-limited";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [GitHubEvidenceKinds.Organization, GitHubEvidenceKinds.OutsideCollaborators];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var org = OrgEvidence.Organization(evidence);
        var collaborators = OrgEvidence.Members(evidence, GitHubEvidenceKinds.OutsideCollaborators).Logins;
        var max = parameters.GetInt("maxOutsideCollaborators");
        if (collaborators.Count <= max)
        {
            return CheckVerdict.Pass($"{org.Login} has {collaborators.Count} outside collaborator(s), within the maximum of {max}.");
        }

        return CheckVerdict.Fail(
            $"{org.Login} has {collaborators.Count} outside collaborator(s); at most {max} are allowed.",
            collaborators.Select(login => new FindingDraft(
                OrgEvidence.MemberResource(org.Login, login),
                $"{org.Login}: outside collaborator `{login}` has access to organisation repositories ({collaborators.Count} outside collaborators, at most {max} allowed)")).ToList());
    }
}

/// <summary>github.org-admins-limited: at most maxAdmins organisation owners.</summary>
public sealed class OrgAdminsEvaluator : ICheckEvaluator
{
    public string CheckId => "github.org-admins-limited";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [GitHubEvidenceKinds.Organization, GitHubEvidenceKinds.OrgAdmins];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var org = OrgEvidence.Organization(evidence);
        var admins = OrgEvidence.Members(evidence, GitHubEvidenceKinds.OrgAdmins).Logins;
        var max = parameters.GetInt("maxAdmins");
        if (admins.Count <= max)
        {
            return CheckVerdict.Pass($"{org.Login} has {admins.Count} owner(s), within the maximum of {max}.");
        }

        return CheckVerdict.Fail(
            $"{org.Login} has {admins.Count} owners; at most {max} are allowed.",
            admins.Select(login => new FindingDraft(
                OrgEvidence.MemberResource(org.Login, login),
                $"{org.Login}: `{login}` is an organisation owner ({admins.Count} owners, at most {max} allowed)")).ToList());
    }
}

/// <summary>Reading organisation-level evidence; a missing record is an evaluation error, never a pass.</summary>
internal static class OrgEvidence
{
    public static OrganizationEvidence Organization(EvidenceSnapshot evidence) =>
        evidence.Single<OrganizationEvidence>(GitHubEvidenceKinds.Organization)
        ?? throw new InvalidOperationException("The run recorded no github.organization evidence.");

    public static MemberListEvidence Members(EvidenceSnapshot evidence, string kind) =>
        evidence.Single<MemberListEvidence>(kind) ?? throw new InvalidOperationException($"The run recorded no {kind} evidence.");

    public static string Resource(OrganizationEvidence org) => $"{org.Login} (organisation)";

    public static string MemberResource(string org, string login) => $"{org}/@{login}";
}
