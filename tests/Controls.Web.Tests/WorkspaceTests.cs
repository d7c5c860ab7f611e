using Controls.Web.Tests.Support;

namespace Controls.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class WorkspaceTests(WebAppFixture app)
{
    public static TheoryData<string> Pages =>
    [
        "/", "/gaps", "/frameworks/iso27001-2013", "/requirements/iso27001-2022/5.18", "/checks/webtest.org-two-factor",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task DemoWorkspace_ShowsTheSampleDataBannerOnEveryPage(string path)
    {
        await using var browser = await app.Browser.OpenAsync($"{path}?workspace=demo");

        var banner = browser.Page.Locator("[data-testid='demo-banner']");
        Assert.True(await banner.IsVisibleAsync());
        Assert.Contains("DEMO — sample data", await banner.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task RealWorkspace_ShowsNoDemoBanner(string path)
    {
        await using var browser = await app.Browser.OpenAsync($"{path}?workspace=acme");

        Assert.Equal(200, browser.Response!.Status);
        Assert.Equal(0, await browser.Page.Locator("[data-testid='demo-banner']").CountAsync());
    }

    [Fact]
    public async Task NoWorkspaceInTheQuery_ShowsTheConfiguredDefaultWorkspace()
    {
        await using var browser = await app.Browser.OpenAsync("/");

        Assert.Equal("Acme Retail", (await browser.Page.Locator("h1").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task UnknownWorkspace_ShowsANotFoundPageInsteadOfData()
    {
        await using var browser = await app.Browser.OpenAsync("/gaps?workspace=no-such-shop");

        Assert.Equal(404, browser.Response!.Status);
        Assert.Contains("no-such-shop", await browser.Page.Locator("[data-testid='workspace-not-found']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await browser.Page.Locator("[data-testid='gaps']").CountAsync());
    }

    [Fact]
    public async Task WorkspaceSwitcher_ListsEveryWorkspaceAndOpensTheChosenOne()
    {
        await using var browser = await app.Browser.OpenAsync("/?workspace=acme");
        var page = browser.Page;

        var options = await page.Locator("#workspace-switcher option").AllInnerTextsAsync();
        Assert.Equal(["Acme Retail", "Demo Shop (demo)"], options);
        await page.SelectOptionAsync("#workspace-switcher", "demo");
        await page.Locator(".switcher button").ClickAsync();
        await page.WaitForURLAsync("**/?workspace=demo");

        Assert.Equal("Demo Shop", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("[data-testid='demo-banner']").IsVisibleAsync());
    }
}
