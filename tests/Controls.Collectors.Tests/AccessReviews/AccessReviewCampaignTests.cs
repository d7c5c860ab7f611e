using Controls.Collectors.AccessReviews;
using Controls.Collectors.Tests.GitHub;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.AccessReviews;
using Controls.Compliance.Evaluation;
using Controls.Compliance.People;
using Controls.Testing;
using Controls.Testing.FakeGitHub;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.AccessReviews;

/// <summary>
/// The closed loop of access reviews over a real collection of a fake GitHub: collect → campaign → decisions →
/// sign-off → the revocation verified by the next collection → access-reviews.reviews-current passes; and the
/// ways it fails.
/// </summary>
public sealed class AccessReviewCampaignTests : IAsyncLifetime
{
    private const string CheckId = "access-reviews.reviews-current";
    private readonly TestClock _clock = new();
    private FakeGitHubServer _github = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync(TestOrganizations.Small(), _clock);
        _host = await GitHubTestHost.StartAsync(_github, time: _clock);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _github.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task WholeCampaign_RevocationVerifiedByTheNextCollection_MakesTheCheckPass()
    {
        await _host.CollectAsync();
        var campaign = await CreateAsync("alice");
        Assert.Equal(
            ["alice owner True", "bob owner True", "carol member False", "dave member False", "zoe-contractor outside-collaborator False"],
            campaign.Items.OrderBy(i => i.Login, StringComparer.Ordinal).Select(i => $"{i.Login} {i.Role} {i.Privileged}"));
        Assert.All(campaign.Items, i => Assert.False(i.NewSinceLastReview));

        // Before any sign-off the system has no signed-off review: the check fails.
        var before = await CheckAsync();
        Assert.Equal(CheckStatus.Fail, before.Status);
        Assert.Contains("no signed-off access review", CollectorTestHost.Explain(before), StringComparison.Ordinal);

        await DecideAllAsync(campaign, revoke: "dave");
        await SignOffAsync(campaign.Id, "Alice");

        // The rule: the review is closed only when the platform shows every revocation carried out. Within its
        // SLA a pending revocation is a finding that says so; past the SLA it says it is late.
        var signed = await CheckAsync();
        Assert.Equal(CheckStatus.Fail, signed.Status);
        var pending = Assert.Single(signed.Findings);
        Assert.EndsWith("/dave", pending.Resource, StringComparison.Ordinal);
        Assert.Contains("revocation of `dave`", pending.Message, StringComparison.Ordinal);
        Assert.Contains("not yet verified by a collection", pending.Message, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromDays(2));
        _github.State.Update(org => org.Members.RemoveAll(m => m.Login == "dave"));
        var run = await _host.CollectAsync();

        // The collection that shows dave gone verifies the revocation and the control passes at once.
        Assert.Equal(CheckStatus.Pass, (await CheckAsync()).Status);

        var dave = await ItemAsync(campaign.Id, "dave");
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, dave.VerifiedAt);
        Assert.Equal(run.Id, dave.VerifiedByRunId);

        // The register was re-collected by the follow-up: the verification is evidence.
        var register = await RegisterEvidenceAsync();
        var recorded = Assert.Single(Assert.Single(register.Campaigns).Items, i => i.Login == "dave");
        Assert.Equal("Revoke", recorded.Decision);
        Assert.Equal(run.Id, recorded.VerifiedByRunId);
        Assert.Equal("Alice", Assert.Single(register.Campaigns).SignedOffBy);

        // Far past the SLA, the verified revocation is no finding.
        _clock.Advance(TimeSpan.FromDays(10));
        await _host.CollectAsync();
        var after = await CheckAsync();
        Assert.Equal(CheckStatus.Pass, after.Status);
        Assert.Contains("acme (github)", after.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenAnOpenCampaignIsPastItsDueDate_FailsNamingTheCampaign()
    {
        await _host.CollectAsync();
        var first = await CreateAsync("alice");
        await DecideAllAsync(first, revoke: null);
        await SignOffAsync(first.Id, "alice");
        Assert.Equal(CheckStatus.Pass, (await CheckAsync()).Status);

        var second = await CreateAsync("alice");
        _clock.Advance(TimeSpan.FromDays(15));
        await _host.CollectAsync();

        var check = await CheckAsync();
        Assert.Equal(CheckStatus.Fail, check.Status);
        var finding = Assert.Single(check.Findings);
        Assert.EndsWith($"/campaign-{second.Id}", finding.Resource, StringComparison.Ordinal);
        Assert.Contains("is not signed off", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithoutAnyReview_Fails()
    {
        await _host.CollectAsync();
        await CollectRegisterAsync();

        var check = await CheckAsync();

        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("acme (github): no signed-off access review", CollectorTestHost.Explain(check), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenTheLastReviewIsOlderThan92Days_Fails()
    {
        await _host.CollectAsync();
        var campaign = await CreateAsync("alice");
        await DecideAllAsync(campaign, revoke: null);
        await SignOffAsync(campaign.Id, "alice");
        Assert.Equal(CheckStatus.Pass, (await CheckAsync()).Status);

        _clock.Advance(TimeSpan.FromDays(93));
        await _host.CollectAsync();

        var check = await CheckAsync();
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("older than the 92-day window", CollectorTestHost.Explain(check), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenARevocationIsNotCarriedOutWithinItsSla_FailsNamingTheAccount()
    {
        await _host.CollectAsync();
        var campaign = await CreateAsync("alice");
        await DecideAllAsync(campaign, revoke: "dave");
        await SignOffAsync(campaign.Id, "alice");

        _clock.Advance(TimeSpan.FromDays(8));
        await _host.CollectAsync();

        Assert.Null((await ItemAsync(campaign.Id, "dave")).VerifiedAt);
        var check = await CheckAsync();
        Assert.Equal(CheckStatus.Fail, check.Status);
        var finding = Assert.Single(check.Findings);
        Assert.Equal("acme (github)/dave", finding.Resource);
        Assert.Contains("revocation of `dave`", finding.Message, StringComparison.Ordinal);
        Assert.Contains("not carried out within 7 days", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenAPrivilegedAccountAppearsAfterTheReview_FailsNamingIt_AndTheNextCampaignFlagsIt()
    {
        await _host.CollectAsync();
        var campaign = await CreateAsync("alice");
        await DecideAllAsync(campaign, revoke: null);
        await SignOffAsync(campaign.Id, "alice");

        _github.State.Update(org => org.Member("mallory", admin: true));
        await _host.CollectAsync();

        var check = await CheckAsync();
        Assert.Equal(CheckStatus.Fail, check.Status);
        var finding = Assert.Single(check.Findings);
        Assert.Equal("acme (github)/mallory", finding.Resource);
        Assert.Contains("privileged account `mallory` (owner) appeared after the last review", finding.Message, StringComparison.Ordinal);

        var next = await CreateAsync("alice");
        Assert.Equal(["mallory"], next.Items.Where(i => i.NewSinceLastReview).Select(i => i.Login));
    }

    [Fact]
    public async Task Campaign_WhenTheAccountsCouldNotBeCollected_IsRefused_AndTheCheckIsError()
    {
        _github.Faults.Fail(r => r.Path.EndsWith("/members", StringComparison.Ordinal) && r["role"] == "admin", 403, "Must be an organization owner.");
        await _host.CollectAsync();
        await CollectRegisterAsync();

        var refused = await Assert.ThrowsAsync<AccessReviewConflictException>(() => CreateAsync("alice"));
        Assert.Contains("accounts of acme are unknown", refused.Message, StringComparison.Ordinal);

        var check = await CheckAsync();
        Assert.Equal(CheckStatus.Error, check.Status);
        Assert.Contains("acme", check.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Campaign_BeforeAnyCollection_IsRefused_AndTheCheckNeedsEvidence()
    {
        var refused = await Assert.ThrowsAsync<AccessReviewConflictException>(() => CreateAsync("alice"));
        Assert.Contains("has not been collected yet", refused.Message, StringComparison.Ordinal);

        await CollectRegisterAsync();
        Assert.Equal(CheckStatus.NeedsEvidence, (await CheckAsync()).Status);
    }

    [Fact]
    public async Task Campaign_WhileAnotherIsOpen_IsRefused()
    {
        await _host.CollectAsync();
        var first = await CreateAsync("alice");

        var refused = await Assert.ThrowsAsync<AccessReviewConflictException>(() => CreateAsync("bob"));

        Assert.Contains($"open access review (#{first.Id}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decisions_AreRefusedWithoutJustification_ChangeWithoutRole_AndAfterSignOff()
    {
        await _host.CollectAsync();
        var campaign = await CreateAsync("alice");
        var dave = campaign.Items.Single(i => i.Login == "dave");

        var noJustification = await Assert.ThrowsAsync<AccessReviewRuleException>(() => DecideAsync(campaign.Id, dave.Id, AccessDecision.Keep, null, "  "));
        Assert.Equal("justification", noJustification.Field);
        var noRole = await Assert.ThrowsAsync<AccessReviewRuleException>(() => DecideAsync(campaign.Id, dave.Id, AccessDecision.Change, null, "least privilege"));
        Assert.Equal("changeTo", noRole.Field);

        var undecided = await Assert.ThrowsAsync<AccessReviewRuleException>(() => SignOffAsync(campaign.Id, "alice"));
        Assert.Contains("not decided yet", undecided.Message, StringComparison.Ordinal);

        await DecideAllAsync(campaign, revoke: null);
        var notOwner = await Assert.ThrowsAsync<AccessReviewRuleException>(() => SignOffAsync(campaign.Id, "bob"));
        Assert.Contains("Only the campaign's owner (alice)", notOwner.Message, StringComparison.Ordinal);
        await SignOffAsync(campaign.Id, "ALICE");

        await Assert.ThrowsAsync<AccessReviewConflictException>(() => DecideAsync(campaign.Id, dave.Id, AccessDecision.Revoke, null, "left"));
    }

    [Fact]
    public async Task ChangeDecision_IsVerifiedWhenTheAccountHoldsItsNewRole()
    {
        await _host.CollectAsync();
        var campaign = await CreateAsync("alice");
        await DecideAllAsync(campaign, revoke: null);
        var bob = campaign.Items.Single(i => i.Login == "bob");
        await DecideAsync(campaign.Id, bob.Id, AccessDecision.Change, "member", "Bob no longer administers the org");
        await SignOffAsync(campaign.Id, "alice");

        _github.State.Update(org =>
        {
            var member = org.Members.Single(m => m.Login == "bob");
            org.Members[org.Members.IndexOf(member)] = member with { Admin = false };
        });
        await _host.CollectAsync();

        Assert.NotNull((await ItemAsync(campaign.Id, "bob")).VerifiedAt);
        Assert.Equal(CheckStatus.Pass, (await CheckAsync()).Status);
    }

    [Fact]
    public async Task ScheduledRound_StartsACampaignPerSystemWithoutAnOpenOne_AndSkipsUnknownAccounts()
    {
        var round = _host.Services.GetRequiredService<ScheduledAccessReviews>();

        var beforeCollection = await round.RunAsync(CancellationToken.None);
        Assert.Empty(beforeCollection.Started);
        Assert.Contains("has not been collected yet", Assert.Single(beforeCollection.Skipped).Reason, StringComparison.Ordinal);

        await _host.CollectAsync();
        var first = await round.RunAsync(CancellationToken.None);
        var started = Assert.Single(first.Started);
        Assert.Equal("acme", started.System);
        var campaign = await FindAsync(started.CampaignId);
        Assert.Equal("scheduled", campaign.Trigger);
        Assert.Equal("security-lead", campaign.Owner);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime.AddDays(14), campaign.DueAt);

        var again = await round.RunAsync(CancellationToken.None);
        Assert.Empty(again.Started);
        Assert.Contains("already has an open access review", Assert.Single(again.Skipped).Reason, StringComparison.Ordinal);

        // The register was recorded after the round: the open campaign is evidence.
        Assert.Single((await RegisterEvidenceAsync()).Campaigns);
    }

    [Fact]
    public async Task PrivilegedRound_SkipsSystemsWithoutActivePrivilegedAccounts()
    {
        var round = _host.Services.GetRequiredService<ScheduledAccessReviews>();
        _github.State.Update(org => org.Members.RemoveAll(m => m.Admin));
        await _host.CollectAsync();

        var privileged = await round.RunAsync(privilegedOnly: true, CancellationToken.None);
        Assert.Empty(privileged.Started);
        Assert.Empty(privileged.Skipped);

        _github.State.Update(org => org.Member("root", admin: true));
        await _host.CollectAsync();
        Assert.Single((await round.RunAsync(privilegedOnly: true, CancellationToken.None)).Started);
    }

    private Task<AccessReviewCampaign> CreateAsync(string owner) =>
        _host.InScopeAsync((services, _) => services.GetRequiredService<AccessReviewService>()
            .CreateAsync(_host.SystemId, owner, null, AccessReviewService.TriggerManual, "test", CancellationToken.None));

    private Task<AccessReviewCampaign> FindAsync(int id) =>
        _host.InScopeAsync(async (services, _) => (await services.GetRequiredService<AccessReviewService>().FindAsync(id, CancellationToken.None))!);

    private Task<AccessReviewItem> DecideAsync(int campaignId, int itemId, AccessDecision decision, string? changeTo, string justification) =>
        _host.InScopeAsync(async (services, _) =>
        {
            var reviews = services.GetRequiredService<AccessReviewService>();
            var campaign = (await reviews.FindAsync(campaignId, CancellationToken.None))!;
            var item = await reviews.DecideAsync(campaign, itemId, decision, changeTo, justification, "reviewer", CancellationToken.None);
            await services.GetRequiredService<Compliance.Collection.IRegisterCollection>()
                .CollectAsync(Compliance.Systems.SystemKinds.AccessReviewRegister, AccessReviewRegister.TriggerAfterChange, CancellationToken.None);
            return item;
        });

    private async Task DecideAllAsync(AccessReviewCampaign campaign, string? revoke)
    {
        foreach (var item in campaign.Items)
        {
            await DecideAsync(campaign.Id, item.Id, item.Login == revoke ? AccessDecision.Revoke : AccessDecision.Keep, null,
                item.Login == revoke ? "Left the company" : "Still needs this access");
        }
    }

    private Task<AccessReviewCampaign> SignOffAsync(int campaignId, string by) =>
        _host.InScopeAsync(async (services, _) =>
        {
            var reviews = services.GetRequiredService<AccessReviewService>();
            var campaign = (await reviews.FindAsync(campaignId, CancellationToken.None))!;
            await reviews.SignOffAsync(campaign, by, null, CancellationToken.None);
            await services.GetRequiredService<Compliance.Collection.IRegisterCollection>()
                .CollectAsync(Compliance.Systems.SystemKinds.AccessReviewRegister, AccessReviewRegister.TriggerAfterChange, CancellationToken.None);
            return campaign;
        });

    private Task<AccessReviewItem> ItemAsync(int campaignId, string login) =>
        _host.InScopeAsync((_, db) => db.AccessReviewItems.AsNoTracking().SingleAsync(i => i.CampaignId == campaignId && i.Login == login));

    private Task<Compliance.Collection.CollectionRun> CollectRegisterAsync() =>
        _host.InScopeAsync((services, _) => services.GetRequiredService<Compliance.Collection.IRegisterCollection>()
            .CollectAsync(Compliance.Systems.SystemKinds.AccessReviewRegister, AccessReviewRegister.TriggerAfterChange, CancellationToken.None));

    private Task<CheckEvaluation> CheckAsync() =>
        _host.InScopeAsync((_, db) => db.CheckEvaluations.AsNoTracking().Include(e => e.Findings).SingleAsync(e => e.IsCurrent && e.CheckId == CheckId));

    private Task<SystemReviewsEvidence> RegisterEvidenceAsync() =>
        _host.InScopeAsync(async (_, db) =>
        {
            var record = await db.EvidenceRecords.AsNoTracking().Where(r => r.Kind == AccessReviewRegister.CampaignsKind).OrderByDescending(r => r.Id).FirstAsync();
            var json = await db.EvidenceContents.AsNoTracking().Where(c => c.Sha256 == record.ContentSha256).Select(c => c.Json).FirstAsync();
            return System.Text.Json.JsonSerializer.Deserialize<SystemReviewsEvidence>(json, Compliance.Evidence.CanonicalJson.SerializerOptions)!;
        });
}
