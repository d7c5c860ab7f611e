using Controls.Collectors.Shopify.Checks;
using Controls.Collectors.Shopify.Evidence;
using Controls.Compliance.Evaluation;
using static Controls.Collectors.Tests.GitHub.Checks.EvidenceBuilder;

namespace Controls.Collectors.Tests.Shopify.Checks;

public sealed class ShopifyCheckTests
{
    private const string Domain = "acme.myshopify.com";

    private static EvidenceItem Shop(bool plus = true, bool? loginRequired = false, string plan = "Shopify Plus") =>
        Item(ShopifyEvidenceKinds.Shop, Domain, new ShopEvidence("gid://shopify/Shop/1", "Acme", Domain, plan, plus, false, "NEW_CUSTOMER_ACCOUNTS", loginRequired));

    private static EvidenceItem Staff(params StaffMemberEvidence[] members) =>
        Item(ShopifyEvidenceKinds.StaffMembers, Domain, new StaffMembersEvidence(Domain, members));

    private static StaffMemberEvidence Member(string email, string type = "REGULAR", bool active = true, bool owner = false) =>
        new("gid://shopify/StaffMember/" + email, email.Split('@')[0], email, type, active, owner);

    private static EvidenceItem Webhooks(params (string Topic, string Uri)[] hooks) =>
        Item(ShopifyEvidenceKinds.WebhookSubscriptions, Domain, new WebhookSubscriptionsEvidence(Domain,
            [.. hooks.Select((h, i) => new WebhookSubscriptionEvidence($"gid://shopify/WebhookSubscription/{i}", h.Topic, h.Uri, "JSON", "2025-10"))]));

    private static EvidenceItem Events(int staff, int apps, int unattributed) =>
        Item(ShopifyEvidenceKinds.Events, Domain, new EventsEvidence(Domain, CollectedAt.AddDays(-30), 30, 365, staff + apps + unattributed, staff, apps, unattributed, 0, false, []));

    [Fact]
    public void StaffCleanup_WhenEveryoneActiveAndAccepted_Passes()
    {
        var check = new StaffAccountsCleanedUpEvaluator();
        var verdict = check.Evaluate(Snapshot(Shop(), Staff(Member("olivia@acme.example", owner: true), Member("alice@acme.example"))), Parameters(check.CheckId));

        Assert.True(verdict.Passed);
        Assert.Equal("acme.myshopify.com: all 2 staff account(s) are active and accepted.", verdict.Summary);
    }

    [Fact]
    public void StaffCleanup_WhenDeactivatedOrPending_FailsPerAccount()
    {
        var check = new StaffAccountsCleanedUpEvaluator();
        var verdict = check.Evaluate(
            Snapshot(Shop(), Staff(Member("bob@acme.example", active: false), Member("req@acme.example", "REQUESTED"), Member("inv@acme.example", "INVITED_STORE_OWNER"))),
            Parameters(check.CheckId));

        Assert.False(verdict.Passed);
        Assert.Equal(
            [
                ("acme.myshopify.com/staff/bob@acme.example", "acme.myshopify.com: staff account `bob <bob@acme.example>` is deactivated but not removed"),
                ("acme.myshopify.com/staff/req@acme.example", "acme.myshopify.com: staff account `req <req@acme.example>` is still requested and was never completed or withdrawn"),
                ("acme.myshopify.com/staff/inv@acme.example", "acme.myshopify.com: staff account `inv <inv@acme.example>` is still invited store owner and was never completed or withdrawn"),
            ],
            verdict.Findings.Select(f => (f.Resource, f.Message)));
    }

    [Fact]
    public void Collaborators_WhenApproved_Passes()
    {
        var check = new CollaboratorsLimitedEvaluator();
        var verdict = check.Evaluate(
            Snapshot(Shop(), Staff(Member("dev@agency.example", "COLLABORATOR"), Member("old@agency.example", "COLLABORATOR", active: false))),
            Parameters(check.CheckId, ("approvedCollaborators", "[\"DEV@agency.example\"]")));

        Assert.True(verdict.Passed);
    }

    [Fact]
    public void Collaborators_WhenUnapprovedOverTheMaximum_FailsNamingEach()
    {
        var check = new CollaboratorsLimitedEvaluator();
        var verdict = check.Evaluate(
            Snapshot(Shop(), Staff(Member("dev@agency.example", "COLLABORATOR"), Member("team@agency.example", "COLLABORATOR_TEAM_MEMBER"), Member("alice@acme.example"))),
            Parameters(check.CheckId, ("maxUnapprovedCollaborators", "1")));

        Assert.False(verdict.Passed);
        Assert.Equal(["acme.myshopify.com/staff/dev@agency.example", "acme.myshopify.com/staff/team@agency.example"], verdict.Findings.Select(f => f.Resource));
        Assert.Equal("acme.myshopify.com: 2 collaborator account(s) are not approved; at most 1 are allowed.", verdict.Summary);
    }

    [Fact]
    public void Webhooks_WhenEveryTopicReachesAMonitoredEndpoint_Passes()
    {
        var check = new SecurityWebhooksMonitoredEvaluator();
        var verdict = check.Evaluate(
            Snapshot(Shop(), Webhooks(("APP_UNINSTALLED", "https://siem.acme.example/a"), ("SHOP_UPDATE", "https://siem.acme.example/b"))),
            Parameters(check.CheckId, ("monitoredEndpointPrefixes", "[\"https://siem.acme.example/\"]")));

        Assert.True(verdict.Passed);
    }

    [Fact]
    public void Webhooks_WhenMissingOrUnmonitored_FailsPerTopic()
    {
        var check = new SecurityWebhooksMonitoredEvaluator();
        var verdict = check.Evaluate(
            Snapshot(Shop(), Webhooks(("APP_UNINSTALLED", "https://hooks.example.net/x"))),
            Parameters(check.CheckId, ("requiredTopics", "[\"APP_UNINSTALLED\",\"CUSTOMERS_REDACT\"]"), ("monitoredEndpointPrefixes", "[\"https://siem.acme.example/\"]")));

        Assert.False(verdict.Passed);
        Assert.Equal(
            [
                ("acme.myshopify.com/webhooks/APP_UNINSTALLED", "acme.myshopify.com: APP_UNINSTALLED is delivered to https://hooks.example.net/x, which is not a monitored https endpoint (https://siem.acme.example/)"),
                ("acme.myshopify.com/webhooks/CUSTOMERS_REDACT", "acme.myshopify.com: no webhook subscription for CUSTOMERS_REDACT"),
            ],
            verdict.Findings.Select(f => (f.Resource, f.Message)));
    }

    [Fact]
    public void AuditTrail_WhenAttributedEventsExist_PassesAndStatesTheRetentionFact()
    {
        var check = new AuditTrailCoverageEvaluator();
        var verdict = check.Evaluate(Snapshot(Shop(), Events(4, 2, 10)), Parameters(check.CheckId));

        Assert.True(verdict.Passed);
        Assert.Contains("Shopify keeps events 365 days (a platform fact)", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditTrail_WhenNothingAttributed_Fails()
    {
        var check = new AuditTrailCoverageEvaluator();
        var verdict = check.Evaluate(Snapshot(Shop(), Events(0, 0, 10)), Parameters(check.CheckId));

        Assert.False(verdict.Passed);
        Assert.Equal(
            "acme.myshopify.com: only 0 event(s) attributed to staff or apps were retrievable for the last 30 days (at least 1 expected)",
            Assert.Single(verdict.Findings).Message);
    }

    [Fact]
    public void PlusCheckout_WhenPlusAndLoginNotRequiredByPolicy_Passes()
    {
        var check = new PlusCheckoutLoginEvaluator();
        var verdict = check.Evaluate(Snapshot(Shop(plus: true, loginRequired: false)), Parameters(check.CheckId));

        Assert.True(verdict.Passed);
    }

    [Fact]
    public void PlusCheckout_WhenNotPlusAndPolicyRequiresLogin_FailsForBoth()
    {
        var check = new PlusCheckoutLoginEvaluator();
        var verdict = check.Evaluate(Snapshot(Shop(plus: false, loginRequired: false, plan: "Advanced")),
            Parameters(check.CheckId, ("requireLoginAtCheckout", "true")));

        Assert.False(verdict.Passed);
        Assert.Equal(
            [
                "acme.myshopify.com: the store is on the Advanced plan, not Shopify Plus",
                "acme.myshopify.com: customers can check out without logging in to a customer account",
            ],
            verdict.Findings.Select(f => f.Message));
    }

    [Fact]
    public void PlusCheckout_WhenLoginSettingUnknown_DoesNotPassARequirement()
    {
        var check = new PlusCheckoutLoginEvaluator();
        var verdict = check.Evaluate(Snapshot(Shop(loginRequired: null)), Parameters(check.CheckId, ("requireLoginAtCheckout", "true")));

        Assert.False(verdict.Passed);
    }
}
