using Controls.Compliance.AccessReviews;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class AccessReviewPageTests(WebAppFixture app)
{
    [Fact]
    public async Task AccessReviewPage_DecidingEveryAccountAndSigningOffThroughTheForms_RecordsWhoDecidedWhat()
    {
        var workspace = await app.Host.EnsureWorkspaceAsync("access-drill", "Access drill", isDemo: false);
        int campaignId;
        await using (var scope = app.Host.ScopeFor(workspace.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();
            var now = app.Host.Clock.GetUtcNow().UtcDateTime;
            var system = new ConnectedSystem { WorkspaceId = workspace.Id, Kind = SystemKinds.GitHub, Name = "drill-org", CreatedAt = now };
            db.Systems.Add(system);
            await db.SaveChangesAsync();
            var campaign = new AccessReviewCampaign
            {
                WorkspaceId = workspace.Id, SystemId = system.Id, SystemKind = system.Kind, SystemName = system.Name, Title = "Q4 review of drill-org",
                Owner = "alice", Trigger = "manual", CreatedAt = now, CreatedBy = "web-tests", DueAt = now.AddDays(14), AccountsRunId = 1, AccountsCollectedAt = now,
                Items =
                [
                    new AccessReviewItem { WorkspaceId = workspace.Id, AccountKey = "1", Login = "alice", Role = "owner", Privileged = true, Active = true, Owner = "Alice Example" },
                    new AccessReviewItem { WorkspaceId = workspace.Id, AccountKey = "2", Login = "dave", Role = "member", Active = true, NewSinceLastReview = true },
                ],
            };
            db.AccessReviewCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        await using var browser = await app.Browser.OpenAsync($"/access-reviews/{campaignId}?workspace=access-drill");
        var page = browser.Page;
        Assert.Equal(200, browser.Response!.Status);
        Assert.Equal(1, await page.Locator("[data-item='alice'] [data-testid='privileged']").CountAsync());
        Assert.Equal(1, await page.Locator("[data-item='dave'] [data-testid='new']").CountAsync());

        // A decision without justification is refused on the page, with the reason.
        var dave = page.Locator("[data-testid='decide-dave']");
        await dave.Locator("select[name='decision']").SelectOptionAsync("Revoke");
        await dave.Locator("button[type='submit']").ClickAsync();
        Assert.Contains("Give a justification", await page.Locator("[data-testid='problem']").InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("[data-testid='decide-dave'] select[name='decision']").SelectOptionAsync("Revoke");
        await page.Locator("[data-testid='decide-dave'] input[name='justification']").FillAsync("Left the company");
        await page.Locator("[data-testid='decide-dave'] input[name='decidedBy']").FillAsync("alice");
        await page.Locator("[data-testid='decide-dave'] button[type='submit']").ClickAsync();
        Assert.Equal("Revoke", await page.Locator("[data-item='dave']").GetAttributeAsync("data-decision"));
        Assert.Equal(1, await page.Locator("[data-item='dave'] [data-testid='pending']").CountAsync());

        await page.Locator("[data-testid='decide-alice'] input[name='justification']").FillAsync("Runs the platform team");
        await page.Locator("[data-testid='decide-alice'] button[type='submit']").ClickAsync();
        Assert.Equal("Keep", await page.Locator("[data-item='alice']").GetAttributeAsync("data-decision"));

        // Only the owner signs off.
        await page.Locator("#signedOffBy").FillAsync("mallory");
        await page.Locator("[data-testid='sign-off-form'] button[type='submit']").ClickAsync();
        Assert.Contains("Only the campaign's owner (alice)", await page.Locator("[data-testid='problem']").InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("#signedOffBy").FillAsync("Alice");
        await page.Locator("[data-testid='sign-off-form'] button[type='submit']").ClickAsync();
        Assert.Contains("Signed off", await page.Locator("[data-testid='signed-off']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("signed-off", await page.Locator("[data-testid='campaign-state']").InnerTextAsync());
        Assert.Equal(0, await page.Locator("[data-testid='decide-dave']").CountAsync());

        var stored = await app.Host.QueryAsync(workspace.Id, db => db.AccessReviewCampaigns.AsNoTracking().Include(c => c.Items).SingleAsync(c => c.Id == campaignId));
        Assert.Equal("Alice", stored.SignedOffBy);
        var revoked = stored.Items.Single(i => i.Login == "dave");
        Assert.Equal((AccessDecision.Revoke, "Left the company", "alice"), (revoked.Decision!.Value, revoked.Justification!, revoked.DecidedBy!));
        Assert.Equal("local-user", stored.Items.Single(i => i.Login == "alice").DecidedBy);

        await using var list = await app.Browser.OpenAsync("/access-reviews?workspace=access-drill");
        Assert.Equal("signed-off", await list.Page.Locator($"[data-campaign='{campaignId}']").GetAttributeAsync("data-state"));
    }
}
