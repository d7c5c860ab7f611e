using Controls.Collectors.Shopify.Evidence;
using Controls.Compliance.Evaluation;

namespace Controls.Collectors.Shopify.Checks;

/// <summary>shopify.staff-accounts-cleaned-up: no deactivated, invited or requested staff accounts linger.</summary>
public sealed class StaffAccountsCleanedUpEvaluator : ICheckEvaluator
{
    private static readonly HashSet<string> Pending = new(["INVITED", "INVITED_STORE_OWNER", "REQUESTED"], StringComparer.Ordinal);

    public string CheckId => "shopify.staff-accounts-cleaned-up";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [ShopifyEvidenceKinds.Shop, ShopifyEvidenceKinds.StaffMembers];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var shop = ShopEvidenceReader.Shop(evidence);
        var staff = ShopEvidenceReader.Staff(evidence);
        var findings = new List<FindingDraft>();
        foreach (var member in staff.Members.Where(m => !m.IsShopOwner))
        {
            if (member.AccountType is { } type && Pending.Contains(type))
            {
                findings.Add(new FindingDraft(ShopEvidenceReader.StaffResource(shop, member),
                    $"{shop.Domain}: staff account `{ShopEvidenceReader.Who(member)}` is still {type.ToLowerInvariant().Replace('_', ' ')} and was never completed or withdrawn"));
            }
            else if (!member.Active)
            {
                findings.Add(new FindingDraft(ShopEvidenceReader.StaffResource(shop, member),
                    $"{shop.Domain}: staff account `{ShopEvidenceReader.Who(member)}` is deactivated but not removed"));
            }
        }

        return CheckVerdict.FromFindings(
            findings,
            $"{shop.Domain}: all {staff.Members.Count} staff account(s) are active and accepted.",
            $"{shop.Domain}: {findings.Count} of {staff.Members.Count} staff account(s) are deactivated, invited or requested and should be removed.");
    }
}

/// <summary>shopify.collaborators-limited: collaborator accounts (agencies, partners) are approved and within the maximum.</summary>
public sealed class CollaboratorsLimitedEvaluator : ICheckEvaluator
{
    private static readonly HashSet<string> Collaborator = new(["COLLABORATOR", "COLLABORATOR_TEAM_MEMBER"], StringComparer.Ordinal);

    public string CheckId => "shopify.collaborators-limited";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [ShopifyEvidenceKinds.Shop, ShopifyEvidenceKinds.StaffMembers];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var shop = ShopEvidenceReader.Shop(evidence);
        var staff = ShopEvidenceReader.Staff(evidence);
        var max = parameters.GetInt("maxUnapprovedCollaborators");
        var approved = new HashSet<string>(parameters.GetStrings("approvedCollaborators"), StringComparer.OrdinalIgnoreCase);
        var collaborators = staff.Members.Where(m => m.Active && m.AccountType is { } t && Collaborator.Contains(t)).ToList();
        var unapproved = collaborators
            .Where(m => !(m.Email is { } email && approved.Contains(email)) && !(m.Name is { } name && approved.Contains(name)))
            .ToList();
        if (unapproved.Count <= max)
        {
            return CheckVerdict.Pass(
                $"{shop.Domain}: {collaborators.Count} collaborator account(s), {unapproved.Count} not on the approved list (at most {max} allowed).");
        }

        return CheckVerdict.Fail(
            $"{shop.Domain}: {unapproved.Count} collaborator account(s) are not approved; at most {max} are allowed.",
            unapproved.Select(m => new FindingDraft(ShopEvidenceReader.StaffResource(shop, m),
                $"{shop.Domain}: collaborator `{ShopEvidenceReader.Who(m)}` has admin access without approval ({unapproved.Count} unapproved, at most {max} allowed)")).ToList());
    }
}

/// <summary>shopify.security-webhooks-monitored: each required topic is delivered over https to a monitored endpoint.</summary>
public sealed class SecurityWebhooksMonitoredEvaluator : ICheckEvaluator
{
    public string CheckId => "shopify.security-webhooks-monitored";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [ShopifyEvidenceKinds.Shop, ShopifyEvidenceKinds.WebhookSubscriptions];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var shop = ShopEvidenceReader.Shop(evidence);
        var webhooks = evidence.Single<WebhookSubscriptionsEvidence>(ShopifyEvidenceKinds.WebhookSubscriptions)
            ?? throw new InvalidOperationException("The run recorded no shopify.webhook-subscriptions evidence.");
        var topics = parameters.GetStrings("requiredTopics");
        var prefixes = parameters.GetStrings("monitoredEndpointPrefixes");
        var findings = new List<FindingDraft>();
        foreach (var topic in topics)
        {
            var resource = $"{shop.Domain}/webhooks/{topic}";
            var subscriptions = webhooks.Subscriptions.Where(w => string.Equals(w.Topic, topic, StringComparison.OrdinalIgnoreCase)).ToList();
            if (subscriptions.Count == 0)
            {
                findings.Add(new FindingDraft(resource, $"{shop.Domain}: no webhook subscription for {topic}"));
                continue;
            }

            if (!subscriptions.Any(w => IsMonitored(w.Uri, prefixes)))
            {
                var uris = string.Join(", ", subscriptions.Select(w => w.Uri ?? "(no uri)"));
                findings.Add(new FindingDraft(resource, prefixes.Count == 0
                    ? $"{shop.Domain}: {topic} is delivered to {uris}, not an https endpoint"
                    : $"{shop.Domain}: {topic} is delivered to {uris}, which is not a monitored https endpoint ({string.Join(", ", prefixes)})"));
            }
        }

        return CheckVerdict.FromFindings(
            findings,
            $"{shop.Domain}: all {topics.Count} security-relevant webhook topic(s) reach a monitored https endpoint.",
            $"{shop.Domain}: {findings.Count} of {topics.Count} security-relevant webhook topic(s) are not routed to a monitored https endpoint.");
    }

    private static bool IsMonitored(string? uri, IReadOnlyList<string> prefixes) =>
        uri is not null
        && uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        && (prefixes.Count == 0 || prefixes.Any(p => uri.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>shopify.audit-trail-coverage: events attributed to staff or apps are retrievable over the window.</summary>
public sealed class AuditTrailCoverageEvaluator : ICheckEvaluator
{
    public string CheckId => "shopify.audit-trail-coverage";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [ShopifyEvidenceKinds.Shop, ShopifyEvidenceKinds.Events];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var shop = ShopEvidenceReader.Shop(evidence);
        var events = evidence.Single<EventsEvidence>(ShopifyEvidenceKinds.Events)
            ?? throw new InvalidOperationException("The run recorded no shopify.events evidence.");
        var min = parameters.GetInt("minAttributedEvents");
        var attributed = events.AttributedToStaff + events.AttributedToApps;
        var fact = $"Shopify keeps events {events.RetentionDays} days (a platform fact); longer retention needs an export to another store.";
        var counts = $"{events.Total} event(s) in the last {events.WindowDays} days{(events.Truncated ? " (reading stopped at the page limit)" : string.Empty)}: " +
                     $"{events.AttributedToStaff} by staff, {events.AttributedToApps} by apps, {events.Unattributed} unattributed";
        if (attributed >= min)
        {
            return CheckVerdict.Pass($"{shop.Domain}: {counts}. {fact}");
        }

        return CheckVerdict.Fail(
            $"{shop.Domain}: {counts}; at least {min} attributed event(s) expected. {fact}",
            [new FindingDraft($"{shop.Domain} (events)",
                $"{shop.Domain}: only {attributed} event(s) attributed to staff or apps were retrievable for the last {events.WindowDays} days (at least {min} expected)")]);
    }
}

/// <summary>shopify.plus-checkout-login: the store is on Shopify Plus and, where policy says so, requires customer login at checkout.</summary>
public sealed class PlusCheckoutLoginEvaluator : ICheckEvaluator
{
    public string CheckId => "shopify.plus-checkout-login";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [ShopifyEvidenceKinds.Shop];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var shop = ShopEvidenceReader.Shop(evidence);
        var findings = new List<FindingDraft>();
        var resource = $"{shop.Domain} (shop)";
        if (parameters.GetBool("requireShopifyPlus") && !shop.ShopifyPlus)
        {
            findings.Add(new FindingDraft(resource, $"{shop.Domain}: the store is on the {shop.PlanName ?? "unknown"} plan, not Shopify Plus"));
        }

        if (parameters.GetBool("requireLoginAtCheckout") && shop.LoginRequiredAtCheckout != true)
        {
            findings.Add(new FindingDraft(resource, shop.LoginRequiredAtCheckout is null
                ? $"{shop.Domain}: Shopify did not report whether customer login is required at checkout, so it is not taken as required"
                : $"{shop.Domain}: customers can check out without logging in to a customer account"));
        }

        return CheckVerdict.FromFindings(
            findings,
            $"{shop.Domain}: {shop.PlanName ?? "plan unknown"}{(shop.ShopifyPlus ? " (Shopify Plus)" : string.Empty)}, customer login at checkout " +
            $"{(shop.LoginRequiredAtCheckout == true ? "required" : "not required")}, as policy asks.",
            $"{shop.Domain}: {findings.Count} plan or checkout-login requirement(s) not met.");
    }
}

internal static class ShopEvidenceReader
{
    public static ShopEvidence Shop(EvidenceSnapshot evidence) =>
        evidence.Single<ShopEvidence>(ShopifyEvidenceKinds.Shop) ?? throw new InvalidOperationException("The run recorded no shopify.shop evidence.");

    public static StaffMembersEvidence Staff(EvidenceSnapshot evidence) =>
        evidence.Single<StaffMembersEvidence>(ShopifyEvidenceKinds.StaffMembers)
        ?? throw new InvalidOperationException("The run recorded no shopify.staff-members evidence.");

    public static string Who(StaffMemberEvidence member) =>
        member.Email is { Length: > 0 } email ? (member.Name is { Length: > 0 } name ? $"{name} <{email}>" : email) : member.Name ?? member.Id;

    public static string StaffResource(ShopEvidence shop, StaffMemberEvidence member) =>
        $"{shop.Domain}/staff/{member.Email ?? member.Id}";
}

/// <summary>
/// shopify.audit-trail-exported: Shopify keeps events one year; when audit records must be kept longer
/// (minAuditDays), an export of them must exist in a workspace log store under a lifecycle that keeps it that long.
/// </summary>
public sealed class AuditTrailExportedEvaluator : ICheckEvaluator
{
    public string CheckId => "shopify.audit-trail-exported";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [ShopifyEvidenceKinds.Shop];

    public IReadOnlyCollection<WorkspaceEvidenceNeed> WorkspaceEvidence => Logs.Checks.AuditExportRule.LogStoreEvidence;

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var shop = ShopEvidenceReader.Shop(evidence);

        // The events read may have failed (missing scope) without touching this check: the retention is a platform
        // fact, recorded with the events when they were read and known to the collector otherwise.
        var days = evidence.Single<EventsEvidence>(ShopifyEvidenceKinds.Events)?.RetentionDays ?? ShopifyCollector.EventRetentionDays;
        return Logs.Checks.AuditExportRule.Evaluate(
            evidence,
            shop.Domain,
            $"Shopify keeps events {days} days",
            days,
            "Shopify events",
            parameters.GetInt("minAuditDays"),
            parameters.GetStrings("exportIndexPatterns"));
    }
}
