using Controls.Collectors.Tests.Shopify;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.AccessReviews;
using Controls.Compliance.Evaluation;
using Controls.Compliance.People;
using Controls.Testing;
using Controls.Testing.FakeShopify;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.AccessReviews;

/// <summary>Access reviews of Shopify staff: owners resolved from the people directory, and a revocation verified by deactivation.</summary>
public sealed class ShopifyAccessReviewTests : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private FakeShopifyServer _shopify = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _shopify = await FakeShopifyServer.StartAsync(TestStores.Acme(), _clock);
        _host = await ShopifyTestHost.StartAsync(_shopify, time: _clock);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _shopify.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Campaign_ResolvesOwnersFromThePeopleDirectory_AndADeactivatedStaffMemberVerifiesItsRevocation()
    {
        await _host.InScopeAsync(async (_, db) =>
        {
            db.People.Add(new PersonEntry
            {
                WorkspaceId = _host.WorkspaceId, Key = "alice@acme.example", Name = "Alice Admin", PrimaryEmail = "Alice+shop@Acme.example",
                CreatedAt = _clock.GetUtcNow().UtcDateTime, UpdatedAt = _clock.GetUtcNow().UtcDateTime, UpdatedBy = "test",
            });
            return await db.SaveChangesAsync();
        });
        await _host.CollectAsync();

        var campaign = await _host.InScopeAsync((services, _) => services.GetRequiredService<AccessReviewService>()
            .CreateAsync(_host.SystemId, "olivia@acme.example", "Shop staff review", AccessReviewService.TriggerManual, "test", CancellationToken.None));
        var alice = campaign.Items.Single(i => i.Email == "alice@acme.example");
        Assert.Equal(("Alice Admin", "alice@acme.example"), (alice.Owner, alice.PersonKey));
        Assert.Null(campaign.Items.Single(i => i.Email == "dev@pixelagency.example").Owner);
        Assert.True(campaign.Items.Single(i => i.Role == "shop owner").Privileged);

        await _host.InScopeAsync(async (services, _) =>
        {
            var reviews = services.GetRequiredService<AccessReviewService>();
            var tracked = (await reviews.FindAsync(campaign.Id, CancellationToken.None))!;
            foreach (var item in tracked.Items)
            {
                var revoke = item.Email == "dev@pixelagency.example";
                await reviews.DecideAsync(tracked, item.Id, revoke ? AccessDecision.Revoke : AccessDecision.Keep, null,
                    revoke ? "Agency engagement ended" : "Needed", "olivia@acme.example", CancellationToken.None);
            }

            return await reviews.SignOffAsync(tracked, "olivia@acme.example", null, CancellationToken.None);
        });

        // Shopify keeps a removed collaborator as a deactivated staff member: inactive counts as carried out.
        var index = _shopify.State.Staff.FindIndex(s => s.Email == "dev@pixelagency.example");
        _shopify.State.Staff[index] = _shopify.State.Staff[index] with { Active = false };
        _clock.Advance(TimeSpan.FromDays(1));
        var run = await _host.CollectAsync();

        var agency = await _host.InScopeAsync((_, db) => db.AccessReviewItems.AsNoTracking().SingleAsync(i => i.CampaignId == campaign.Id && i.Email == "dev@pixelagency.example"));
        Assert.Equal(run.Id, agency.VerifiedByRunId);
        var check = await _host.InScopeAsync((_, db) => db.CheckEvaluations.AsNoTracking().SingleAsync(e => e.IsCurrent && e.CheckId == "access-reviews.reviews-current"));
        Assert.Equal(CheckStatus.Pass, check.Status);
    }
}
