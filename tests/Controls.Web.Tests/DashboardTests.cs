using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Web.Presentation;
using Controls.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class DashboardTests(WebAppFixture app)
{
    public static TheoryData<string> Frameworks => ["iso27001-2022", "iso27001-2013", "soc2-tsc-2017"];

    [Theory]
    [MemberData(nameof(Frameworks))]
    public async Task Dashboard_ShowsPostureCountsEqualToTheRequirementStatusRows(string frameworkId)
    {
        var statuses = await app.Host.QueryAsync(app.AcmeId, db => db.RequirementStatuses.AsNoTracking()
            .Where(r => r.FrameworkId == frameworkId)
            .Select(r => r.Status)
            .ToListAsync());
        Assert.Contains(CheckStatus.Pass, statuses);
        Assert.Contains(CheckStatus.Fail, statuses);
        Assert.Contains(CheckStatus.Error, statuses);

        await using var browser = await app.Browser.OpenAsync("/?workspace=acme");

        var card = browser.Page.Locator($"[data-framework='{frameworkId}']");
        foreach (var status in Enum.GetValues<CheckStatus>())
        {
            var shown = await card.Locator($"[data-count='{StatusDisplay.Key(status)}'] dd").InnerTextAsync();
            Assert.True(statuses.Count(s => s == status).ToString() == shown.Trim(), $"{status}: database {statuses.Count(s => s == status)}, page {shown}");
        }

        var applicable = statuses.Count(s => s != CheckStatus.NotApplicable);
        var percent = await card.Locator("[data-testid='percent-passing']").InnerTextAsync();
        Assert.Equal(Display.Percent(statuses.Count(s => s == CheckStatus.Pass), applicable), percent.Trim());
    }

    [Fact]
    public async Task Dashboard_WhenACollectionFailed_ShowsTheFailedRunWithItsError()
    {
        var failed = await app.Host.QueryAsync(app.AcmeId, db => db.CollectionRuns.AsNoTracking()
            .Where(r => r.Outcome == RunOutcome.Failed)
            .Join(db.Systems, r => r.SystemId, s => s.Id, (r, s) => new { s.Name, r.Error })
            .SingleAsync());

        await using var browser = await app.Browser.OpenAsync("/?workspace=acme");

        var alert = browser.Page.Locator("[data-testid='failed-collections']");
        Assert.True(await alert.IsVisibleAsync());
        var alertText = await alert.InnerTextAsync();
        Assert.Contains(failed.Name, alertText, StringComparison.Ordinal);
        Assert.Contains(failed.Error!, alertText, StringComparison.Ordinal);
        var outcome = await browser.Page.Locator($"[data-testid='systems'] tr[data-system='{failed.Name}'] [data-testid='run-outcome']").InnerTextAsync();
        Assert.Contains("Collection failed", outcome, StringComparison.Ordinal);
        var healthy = await browser.Page.Locator("[data-testid='systems'] tr[data-system='acme'] [data-testid='run-outcome']").InnerTextAsync();
        Assert.DoesNotContain("failed", healthy, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Dashboard_WhenNoCollectionFailed_ShowsNoFailureAlert()
    {
        await using var browser = await app.Browser.OpenAsync("/?workspace=demo");

        Assert.Equal(0, await browser.Page.Locator("[data-testid='failed-collections']").CountAsync());
    }
}
