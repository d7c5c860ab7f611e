using Controls.Compliance.Evaluation;
using Controls.Web.Presentation;
using Controls.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class CheckAndFrameworkPageTests(WebAppFixture app)
{
    [Fact]
    public async Task CheckPage_ShowsEachSystemsStatusAndTheFindingsExactResource()
    {
        await using var browser = await app.Browser.OpenAsync("/checks/webtest.default-branch-reviewed?workspace=acme");
        var page = browser.Page;

        Assert.Equal("fail", await page.Locator("[data-testid='results'] tr[data-system='acme'] .status").GetAttributeAsync("data-status"));
        Assert.Equal("error", await page.Locator("[data-testid='results'] tr[data-system='acme-legacy'] .status").GetAttributeAsync("data-status"));
        Assert.Equal("stale", await page.Locator("[data-testid='results'] tr[data-system='acme-archive'] .status").GetAttributeAsync("data-status"));
        var findings = await page.Locator("[data-testid='findings'] li").AllInnerTextsAsync();
        Assert.Contains(findings, f => f.Contains("acme/checkout", StringComparison.Ordinal)
            && f.Contains("default branch `main` requires 0 approving reviews; at least 1 required", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Contains("acme/storefront", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FrameworkPage_FilteredByStatus_ListsExactlyTheRequirementsWithThatStatus()
    {
        var failing = await app.Host.QueryAsync(app.AcmeId, db => db.RequirementStatuses.AsNoTracking()
            .Where(r => r.FrameworkId == "iso27001-2022" && r.Status == CheckStatus.Fail)
            .Select(r => r.RequirementId)
            .ToListAsync());
        Assert.NotEmpty(failing);

        await using var browser = await app.Browser.OpenAsync("/frameworks/iso27001-2022?status=fail&workspace=acme");

        var shown = await browser.Page.Locator("[data-testid='requirements'] tbody tr[data-requirement]")
            .EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.requirement + ':' + r.dataset.status)");
        Assert.Equal(failing.Order(StringComparer.Ordinal).Select(id => $"{id}:{StatusDisplay.Key(CheckStatus.Fail)}"), shown.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FrameworkPage_ListsEveryRequirementWhenUnfiltered()
    {
        var count = await app.Host.QueryAsync(app.AcmeId, db => db.RequirementStatuses.CountAsync(r => r.FrameworkId == "iso27001-2013"));

        await using var browser = await app.Browser.OpenAsync("/frameworks/iso27001-2013?workspace=acme");

        Assert.Equal(114, count);
        Assert.Equal(count, await browser.Page.Locator("[data-testid='requirements'] tbody tr[data-requirement]").CountAsync());
    }
}
