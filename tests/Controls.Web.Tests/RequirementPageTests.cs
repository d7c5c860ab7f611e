using Controls.Compliance.Evaluation;
using Controls.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class RequirementPageTests(WebAppFixture app)
{
    [Fact]
    public async Task Lookup_ByA2013ControlId_OpensItsPageShowingThe2022Control()
    {
        await using var browser = await app.Browser.OpenAsync("/?workspace=acme");
        var page = browser.Page;

        await page.FillAsync("#lookup-id", "A.9.2.5");
        await page.PressAsync("#lookup-id", "Enter");
        await page.WaitForURLAsync("**/requirements/iso27001-2013/A.9.2.5?workspace=acme");

        Assert.Equal("A.9.2.5", await page.Locator("[data-testid='requirement-id']").InnerTextAsync());
        var mapping = await page.Locator("[data-testid='mappings'] [data-mapped='iso27001-2022/5.18']").InnerTextAsync();
        Assert.Contains("ISO 27001:2022 5.18", mapping, StringComparison.Ordinal);
        Assert.Contains("Access rights", mapping, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5.18", "iso27001-2022/5.18")]
    [InlineData("A.5.18", "iso27001-2022/5.18")]
    [InlineData("cc6.1", "soc2-tsc-2017/CC6.1")]
    public async Task Lookup_AcceptsEitherNumbering(string id, string expected)
    {
        await using var browser = await app.Browser.OpenAsync($"/requirements/lookup?id={Uri.EscapeDataString(id)}&workspace=acme");

        Assert.EndsWith($"/requirements/{expected}?workspace=acme", browser.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_OfAnUnknownId_SaysSoWithNotFound()
    {
        await using var browser = await app.Browser.OpenAsync("/requirements/lookup?id=A.99.1&workspace=acme");

        Assert.Equal(404, browser.Response!.Status);
        Assert.Contains("A.99.1", await browser.Page.Locator("[data-testid='lookup-none']").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequirementPage_ShowsEveryCurrentFindingWithItsExactResource()
    {
        var findings = await app.Host.QueryAsync(app.AcmeId, db => db.Findings.AsNoTracking()
            .Where(f => f.CheckId == "webtest.outside-collaborators-reviewed")
            .Join(db.CheckEvaluations.Where(e => e.IsCurrent), f => f.EvaluationId, e => e.Id, (f, _) => f)
            .ToListAsync());
        Assert.Contains(findings, f => f.Resource == "acme/checkout" && f.Message == "outside collaborator octo-contractor has admin access");

        await using var browser = await app.Browser.OpenAsync("/requirements/iso27001-2013/A.9.2.5?workspace=acme");

        var shown = await browser.Page.Locator("[data-testid='findings'] li").AllInnerTextsAsync();
        Assert.Equal(findings.Count, shown.Count);
        foreach (var finding in findings)
        {
            Assert.Contains(shown, s => s.Contains(finding.Resource, StringComparison.Ordinal) && s.Contains(finding.Message, StringComparison.Ordinal));
        }

        var resources = await browser.Page.Locator("[data-testid='finding-resource']").AllInnerTextsAsync();
        Assert.Contains("acme/checkout", resources);
    }

    [Fact]
    public async Task RequirementPage_StatusEqualsTheRequirementStatusRow()
    {
        var recorded = await app.Host.QueryAsync(app.AcmeId, db => db.RequirementStatuses.AsNoTracking()
            .SingleAsync(r => r.FrameworkId == "iso27001-2022" && r.RequirementId == "5.18"));
        Assert.Equal(CheckStatus.Fail, recorded.Status);

        await using var browser = await app.Browser.OpenAsync("/requirements/iso27001-2022/5.18?workspace=acme");

        var badge = browser.Page.Locator("[data-testid='requirement-status'] .status");
        Assert.Equal("fail", await badge.GetAttributeAsync("data-status"));
        Assert.Contains("Fail", await badge.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequirementPage_ListsTheEvidenceRecordsBehindTheCurrentResults()
    {
        var record = await app.Host.QueryAsync(app.AcmeId, db => db.EvidenceRecords.AsNoTracking()
            .Where(r => r.Kind == WebTestEvaluators.CollaboratorKind && r.Subject == "acme/checkout")
            .OrderByDescending(r => r.Id)
            .FirstAsync());

        await using var browser = await app.Browser.OpenAsync("/requirements/iso27001-2022/5.18?workspace=acme");

        var row = browser.Page.Locator($"[data-testid='evidence'] tr[data-record='{record.Id}']");
        var text = await row.InnerTextAsync();
        Assert.Contains(WebTestEvaluators.CollaboratorKind, text, StringComparison.Ordinal);
        Assert.Contains(record.ContentSha256[..12], text, StringComparison.Ordinal);
        Assert.Equal($"/api/evidence/{record.Id}/content?workspace=acme", await row.Locator("a").GetAttributeAsync("href"));
    }

    [Fact]
    public async Task RequirementPage_ShowsStatusChangesOverTime()
    {
        var history = await app.Host.QueryAsync(app.AcmeId, db => db.CheckEvaluations.AsNoTracking()
            .Where(e => e.CheckId == "webtest.outside-collaborators-reviewed")
            .CountAsync());

        await using var browser = await app.Browser.OpenAsync("/checks/webtest.outside-collaborators-reviewed?workspace=acme");

        Assert.True(history > 3);
        Assert.Equal(history, await browser.Page.Locator("[data-testid='history'] tbody tr").CountAsync());
    }
}
