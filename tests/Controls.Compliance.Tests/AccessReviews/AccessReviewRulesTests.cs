using Controls.Compliance.AccessReviews;
using Controls.Compliance.People;

namespace Controls.Compliance.Tests.AccessReviews;

public sealed class AccessReviewRulesTests
{
    private static readonly DateTime Reviewed = new(2026, 9, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly AccessReviewPolicy Policy = new(WindowDays: 92, PrivilegedWindowDays: 92, RevocationSlaDays: 7);

    [Fact]
    public void Verify_ARevokedAccountGoneFromTheNextCollection_IsVerified_AndAChangeOnlyWithTheNewRole()
    {
        var campaign = Campaign(
            Item("1", "alice", AccessDecision.Keep),
            Item("2", "bob", AccessDecision.Revoke),
            Item("3", "carol", AccessDecision.Change, changeTo: "staff"),
            Item("4", "dave", AccessDecision.Revoke));
        PlatformAccount[] next = [Account("1", "alice"), Account("3", "carol", role: "staff"), Account("4", "dave")];

        var verified = AccessReviewRules.Verify(campaign, next, Reviewed.AddDays(1));

        Assert.Equal(["2", "3"], verified.Select(v => v.AccountKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Verify_ADeactivatedAccount_CountsAsRevoked_ButNotFromACollectionBeforeTheDecision()
    {
        var campaign = Campaign(Item("2", "bob", AccessDecision.Revoke));
        PlatformAccount[] next = [Account("2", "bob", active: false)];

        Assert.Single(AccessReviewRules.Verify(campaign, next, Reviewed.AddHours(1)));
        Assert.Empty(AccessReviewRules.Verify(campaign, next, Reviewed.AddHours(-1)));
    }

    [Fact]
    public void Assess_ASignedOffReviewInsideTheWindowWithEveryRevocationVerified_HasNoFindings()
    {
        var campaign = Campaign(Item("1", "alice", AccessDecision.Keep), Item("2", "bob", AccessDecision.Revoke, verifiedAt: Reviewed.AddDays(1)));

        Assert.Empty(AccessReviewRules.Assess("acme", [campaign], [Account("1", "alice")], Policy, Reviewed.AddDays(30)));
    }

    [Fact]
    public void Assess_NoReview_AnOverdueReview_AndAnUnverifiedRevocation_AreFindings()
    {
        Assert.Contains("no signed-off access review", Assert.Single(AccessReviewRules.Assess("acme", [], [], Policy, Reviewed)).Message, StringComparison.Ordinal);

        var campaign = Campaign(Item("2", "bob", AccessDecision.Revoke));
        var findings = AccessReviewRules.Assess("acme", [campaign], [Account("2", "bob")], Policy, Reviewed.AddDays(93));

        Assert.Contains(findings, f => f.Message.Contains("older than the 92-day window", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Resource == "acme/bob" && f.Message.Contains("not carried out within 7 days", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_APrivilegedAccountThatAppearedAfterTheReview_IsAFinding_AndShortensTheWindow()
    {
        var campaign = Campaign(Item("1", "alice", AccessDecision.Keep));
        PlatformAccount[] now = [Account("1", "alice"), Account("9", "eve", role: "owner", privileged: true), Account("10", "frank")];
        var strict = Policy with { PrivilegedWindowDays = 30 };

        var findings = AccessReviewRules.Assess("acme", [campaign], now, strict, Reviewed.AddDays(31));

        Assert.Contains(findings, f => f.Resource == "acme/eve" && f.Message.Contains("appeared after the last review", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains("30-day window", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Resource == "acme/frank");
        Assert.Equal(["eve", "frank"], AccessReviewRules.NewSinceLastReview([campaign], now).Select(a => a.Login));
    }

    private static ReviewCampaignState Campaign(params ReviewItemState[] items) =>
        new(1, 1, "acme", Reviewed.AddDays(-5), Reviewed, items);

    private static ReviewItemState Item(string key, string login, AccessDecision decision, string? changeTo = null, DateTime? verifiedAt = null) =>
        new(key, login, "admin", false, decision, changeTo, Reviewed, verifiedAt);

    private static PlatformAccount Account(string key, string login, string role = "admin", bool active = true, bool privileged = false) =>
        new(1, "shopify", "acme", key, login, null, login, role, privileged, active, null);
}
