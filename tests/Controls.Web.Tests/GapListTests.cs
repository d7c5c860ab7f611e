using Controls.Compliance.Evaluation;
using Controls.Web.Presentation;
using Controls.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class GapListTests(WebAppFixture app)
{
    [Fact]
    public async Task GapList_TotalsEqualTheSumOfTheGapRows()
    {
        var gaps = await app.Host.QueryAsync(app.AcmeId, db => db.Gaps.AsNoTracking().ToListAsync());
        Assert.NotEmpty(gaps);

        await using var browser = await app.Browser.OpenAsync("/gaps?workspace=acme");
        var page = browser.Page;

        Assert.Equal(gaps.Count, await page.Locator("[data-testid='gaps'] tbody tr").CountAsync());
        Assert.Equal(gaps.Count.ToString(), await page.Locator("[data-testid='total-count']").InnerTextAsync());
        Assert.Equal(Display.HoursRange(gaps.Sum(g => g.HoursLow), gaps.Sum(g => g.HoursHigh)), await page.Locator("[data-testid='total-hours']").InnerTextAsync());
        Assert.Equal(Display.MoneyRange(gaps.Sum(g => g.CostLow), gaps.Sum(g => g.CostHigh), "USD"), await page.Locator("[data-testid='total-cost']").InnerTextAsync());
        Assert.Equal(gaps.Sum(g => g.FindingCount).ToString(), await page.Locator("[data-testid='total-findings']").InnerTextAsync());
    }

    [Fact]
    public async Task GapList_FilteredThroughTheForm_ListsAndTotalsOnlyMatchingGaps()
    {
        var errors = await app.Host.QueryAsync(app.AcmeId, db => db.Gaps.AsNoTracking().Where(g => g.Status == CheckStatus.Error).ToListAsync());
        Assert.NotEmpty(errors);

        await using var browser = await app.Browser.OpenAsync("/gaps?workspace=acme");
        var page = browser.Page;
        await page.SelectOptionAsync("#f-status", "error");
        await page.Locator("form.filters button[type='submit']").ClickAsync();
        await page.WaitForURLAsync("**/gaps?*status=error*");

        var rows = page.Locator("[data-testid='gaps'] tbody tr");
        Assert.Equal(errors.Count, await rows.CountAsync());
        Assert.Equal(errors.Count, await rows.Locator("[data-status='error']").CountAsync());
        Assert.Equal(Display.HoursRange(errors.Sum(g => g.HoursLow), errors.Sum(g => g.HoursHigh)), await page.Locator("[data-testid='total-hours']").InnerTextAsync());
    }

    [Fact]
    public async Task GapList_FilteredBySurfaceAndFramework_ListsOnlyGapsOnBoth()
    {
        var all = await app.Host.QueryAsync(app.AcmeId, db => db.Gaps.AsNoTracking().ToListAsync());
        var expected = all
            .Where(g => g.Surfaces.Split(", ").Contains("user-provisioning") && g.Requirements.Contains("iso27001-2013/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < all.Count);

        await using var browser = await app.Browser.OpenAsync("/gaps?workspace=acme&framework=iso27001-2013&surface=user-provisioning");

        var checks = await browser.Page.Locator("[data-testid='gaps'] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.check + '@' + r.dataset.system)");
        Assert.Equal(
            expected.Select(g => $"{g.CheckId}@{g.SystemName}").Order(StringComparer.Ordinal),
            checks.Order(StringComparer.Ordinal));
        Assert.Equal(Display.MoneyRange(expected.Sum(g => g.CostLow), expected.Sum(g => g.CostHigh), "USD"), await browser.Page.Locator("[data-testid='total-cost']").InnerTextAsync());
    }

    [Fact]
    public async Task GapList_LinksEachGapToItsCheckPage()
    {
        await using var browser = await app.Browser.OpenAsync("/gaps?workspace=acme&status=fail");
        var page = browser.Page;

        var link = page.Locator("[data-testid='gaps'] tbody tr[data-check='webtest.default-branch-reviewed'] th a");
        await link.ClickAsync();
        await page.WaitForURLAsync("**/checks/webtest.default-branch-reviewed?workspace=acme");

        Assert.Equal("Default branches require an approving review", (await page.Locator("h1").InnerTextAsync()).Trim());
    }
}
