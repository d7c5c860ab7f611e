using Controls.Collectors.GitHub;
using Controls.Collectors.GitHub.Evidence;
using Controls.Collectors.GitHub.Wire;

namespace Controls.Collectors.Tests.GitHub;

public sealed class ProtectionAndWorkflowTests
{
    [Fact]
    public void Combine_WithoutClassicOrRules_IsUnprotected()
    {
        var protection = ProtectionCalculator.Combine(null, [], []);

        Assert.False(protection.IsProtected);
        Assert.False(protection.PullRequestRequired);
        Assert.False(protection.ForcePushBlocked);
        Assert.False(protection.DeletionBlocked);
    }

    [Fact]
    public void Combine_RulesetsAlone_TakeTheStrictestOfEveryRule()
    {
        BranchRuleWire[] rules =
        [
            new() { Type = "pull_request", RulesetId = 1, Parameters = new() { RequiredApprovingReviewCount = 1, DismissStaleReviewsOnPush = false } },
            new() { Type = "pull_request", RulesetId = 2, Parameters = new() { RequiredApprovingReviewCount = 2, DismissStaleReviewsOnPush = true, RequireCodeOwnerReview = true } },
            new() { Type = "required_status_checks", RulesetId = 2, Parameters = new() { RequiredStatusChecks = [new() { Context = "test" }, new() { Context = "build" }] } },
            new() { Type = "non_fast_forward", RulesetId = 1 },
        ];
        RulesetEvidence[] rulesets =
        [
            new(1, "org default", "Organization", "acme", ["non_fast_forward", "pull_request"], ["OrganizationAdmin:1:always"]),
            new(2, "repo", "Repository", "acme/a", ["pull_request", "required_status_checks"], []),
        ];

        var protection = ProtectionCalculator.Combine(null, rules, rulesets);

        Assert.Equal(2, protection.RequiredApprovingReviews);
        Assert.True(protection.DismissStaleReviews);
        Assert.True(protection.RequireCodeOwnerReview);
        Assert.Equal(["build", "test"], protection.RequiredStatusChecks);
        Assert.True(protection.ForcePushBlocked);
        Assert.False(protection.DeletionBlocked);

        // Ruleset 2 has no bypass actors, so administrators are bound by it.
        Assert.True(protection.EnforcedForAdmins);
    }

    [Fact]
    public void Combine_WhenEveryBypassListIsHidden_DoesNotClaimAdminsAreEnforced()
    {
        var protection = ProtectionCalculator.Combine(
            null,
            [new() { Type = "pull_request", RulesetId = 1, Parameters = new() { RequiredApprovingReviewCount = 1 } }],
            [new(1, "main", "Repository", "acme/a", ["pull_request"], null)]);

        Assert.False(protection.EnforcedForAdmins);
    }

    [Theory]
    [InlineData("on: pull_request\njobs: {}\n", new[] { "pull_request" })]
    [InlineData("on: [push, pull_request_target]\n", new[] { "pull_request_target", "push" })]
    [InlineData("name: CI\non:\n  push:\n    branches: [main]\n  pull_request:\n  workflow_dispatch:\n", new[] { "pull_request", "push", "workflow_dispatch" })]
    [InlineData("\"on\":\n  schedule:\n    - cron: '0 0 * * *'\n", new[] { "schedule" })]
    [InlineData("jobs:\n  build: {}\n", new string[0])]
    [InlineData("on: [push\n  this is: not yaml: at all", new string[0])]
    [InlineData("", new string[0])]
    public void WorkflowTriggers_ReadsEveryShapeOfOn(string yaml, string[] expected)
    {
        Assert.Equal(expected, WorkflowTriggers.Parse(yaml));
    }
}
