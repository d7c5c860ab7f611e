using Controls.Collectors.GitHub.Evidence;
using Controls.Collectors.GitHub.Wire;
using Octokit;

namespace Controls.Collectors.GitHub;

/// <summary>
/// The protection GitHub actually enforces on a branch. Classic branch protection and rulesets are layered:
/// every applicable rule must be satisfied, so for each setting the strictest source wins.
/// </summary>
public static class ProtectionCalculator
{
    public static EffectiveProtection Combine(BranchProtectionSettings? classic, IReadOnlyList<BranchRuleWire> rules, IReadOnlyList<RulesetEvidence> rulesets)
    {
        var pullRequestRules = rules.Where(r => r.Type == "pull_request").Select(r => r.Parameters ?? new BranchRuleParametersWire()).ToList();
        var reviews = classic?.RequiredPullRequestReviews;

        var statusChecks = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var context in classic?.RequiredStatusChecks?.Contexts ?? [])
        {
            statusChecks.Add(context);
        }

        foreach (var check in rules.Where(r => r.Type == "required_status_checks").SelectMany(r => r.Parameters?.RequiredStatusChecks ?? []))
        {
            statusChecks.Add(check.Context);
        }

        // A ruleset binds administrators only when nobody may bypass it; GitHub hides the list from tokens
        // without write access to the ruleset, and an unknown list is not taken as empty.
        var rulesetWithoutBypass = rulesets.Any(r => r.BypassActors is { Count: 0 });

        return new EffectiveProtection(
            ClassicProtection: classic is not null,
            Rulesets: rulesets,
            PullRequestRequired: reviews is not null || pullRequestRules.Count > 0,
            RequiredApprovingReviews: Math.Max(reviews?.RequiredApprovingReviewCount ?? 0, pullRequestRules.Select(p => p.RequiredApprovingReviewCount ?? 0).DefaultIfEmpty(0).Max()),
            DismissStaleReviews: reviews?.DismissStaleReviews == true || pullRequestRules.Any(p => p.DismissStaleReviewsOnPush == true),
            RequireCodeOwnerReview: reviews?.RequireCodeOwnerReviews == true || pullRequestRules.Any(p => p.RequireCodeOwnerReview == true),
            RequiredStatusChecks: statusChecks.ToList(),
            EnforcedForAdmins: classic?.EnforceAdmins?.Enabled == true || rulesetWithoutBypass,
            ForcePushBlocked: (classic is not null && classic.AllowForcePushes?.Enabled != true) || rules.Any(r => r.Type == "non_fast_forward"),
            DeletionBlocked: (classic is not null && classic.AllowDeletions?.Enabled != true) || rules.Any(r => r.Type == "deletion"));
    }
}
