using Controls.Collectors.GitHub.Checks;
using Controls.Collectors.GitHub.Evidence;
using static Controls.Collectors.Tests.GitHub.Checks.EvidenceBuilder;

namespace Controls.Collectors.Tests.GitHub.Checks;

public sealed class OrganizationCheckTests
{
    private readonly OrgTwoFactorRequiredEvaluator _twoFactor = new();
    private readonly OutsideCollaboratorsEvaluator _outside = new();
    private readonly OrgAdminsEvaluator _admins = new();

    [Fact]
    public void TwoFactor_WhenRequiredAndEveryoneEnrolled_Passes()
    {
        var verdict = _twoFactor.Evaluate(Snapshot(Organization(true), Members(GitHubEvidenceKinds.MembersWithout2fa)), Parameters(_twoFactor.CheckId));

        Assert.True(verdict.Passed);
        Assert.Equal("acme requires two-factor authentication and no member is without it.", verdict.Summary);
    }

    [Fact]
    public void TwoFactor_WhenNotRequiredAndMembersLackIt_FailsNamingEach()
    {
        var verdict = _twoFactor.Evaluate(Snapshot(Organization(false), Members(GitHubEvidenceKinds.MembersWithout2fa, "bob", "carol")), Parameters(_twoFactor.CheckId));

        Assert.False(verdict.Passed);
        Assert.Equal(
            [
                ("acme (organisation)", "acme: the organisation does not require two-factor authentication"),
                ("acme/@bob", "acme: member `bob` has two-factor authentication disabled"),
                ("acme/@carol", "acme: member `carol` has two-factor authentication disabled"),
            ],
            verdict.Findings.Select(f => (f.Resource, f.Message)));
    }

    [Fact]
    public void TwoFactor_WhenRequirementNotVisible_DoesNotPass()
    {
        var verdict = _twoFactor.Evaluate(Snapshot(Organization(null), Members(GitHubEvidenceKinds.MembersWithout2fa)), Parameters(_twoFactor.CheckId));

        Assert.False(verdict.Passed);
        Assert.Contains("cannot see whether two-factor authentication is required", Assert.Single(verdict.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoFactor_WithoutOrganizationEvidence_Throws()
    {
        // EvaluationService turns this into Error: missing evidence must never evaluate to Pass.
        Assert.Throws<InvalidOperationException>(() => _twoFactor.Evaluate(Snapshot(Members(GitHubEvidenceKinds.MembersWithout2fa)), Parameters(_twoFactor.CheckId)));
    }

    [Fact]
    public void OutsideCollaborators_WhenNone_Passes()
    {
        var verdict = _outside.Evaluate(Snapshot(Organization(), Members(GitHubEvidenceKinds.OutsideCollaborators)), Parameters(_outside.CheckId));

        Assert.True(verdict.Passed);
    }

    [Fact]
    public void OutsideCollaborators_WithinARaisedMaximum_Passes()
    {
        var verdict = _outside.Evaluate(
            Snapshot(Organization(), Members(GitHubEvidenceKinds.OutsideCollaborators, "agency-dev", "freelancer")),
            Parameters(_outside.CheckId, ("maxOutsideCollaborators", "2")));

        Assert.True(verdict.Passed);
        Assert.Equal("acme has 2 outside collaborator(s), within the maximum of 2.", verdict.Summary);
    }

    [Fact]
    public void OutsideCollaborators_AboveTheMaximum_FailsListingEach()
    {
        var verdict = _outside.Evaluate(Snapshot(Organization(), Members(GitHubEvidenceKinds.OutsideCollaborators, "agency-dev")), Parameters(_outside.CheckId));

        Assert.False(verdict.Passed);
        var finding = Assert.Single(verdict.Findings);
        Assert.Equal("acme/@agency-dev", finding.Resource);
        Assert.Equal("acme: outside collaborator `agency-dev` has access to organisation repositories (1 outside collaborators, at most 0 allowed)", finding.Message);
    }

    [Fact]
    public void Admins_AtTheDefaultMaximum_Passes()
    {
        var verdict = _admins.Evaluate(Snapshot(Organization(), Members(GitHubEvidenceKinds.OrgAdmins, "a", "b", "c")), Parameters(_admins.CheckId));

        Assert.True(verdict.Passed);
    }

    [Fact]
    public void Admins_AboveTheMaximum_FailsListingEveryOwner()
    {
        var verdict = _admins.Evaluate(Snapshot(Organization(), Members(GitHubEvidenceKinds.OrgAdmins, "a", "b", "c", "d")), Parameters(_admins.CheckId));

        Assert.False(verdict.Passed);
        Assert.Equal("acme has 4 owners; at most 3 are allowed.", verdict.Summary);
        Assert.Equal(4, verdict.Findings.Count);
        Assert.Equal("acme: `d` is an organisation owner (4 owners, at most 3 allowed)", verdict.Findings[3].Message);
    }
}
