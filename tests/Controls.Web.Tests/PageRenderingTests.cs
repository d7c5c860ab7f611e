using Controls.Web.Tests.Support;

namespace Controls.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class PageRenderingTests(WebAppFixture app)
{
    [Theory]
    [InlineData("/", "dashboard")]
    [InlineData("/gaps", "gaps")]
    [InlineData("/third-parties", "third-parties")]
    [InlineData("/incidents", "incidents")]
    [InlineData("/readiness", "readiness")]
    [InlineData("/training", "training")]
    [InlineData("/people", "people")]
    [InlineData("/frameworks/iso27001-2022", "framework-2022")]
    [InlineData("/requirements/iso27001-2022/5.18", "requirement-5.18")]
    [InlineData("/checks/webtest.default-branch-reviewed", "check-default-branch")]
    [InlineData("/?workspace=demo", "dashboard-demo")]
    public async Task Page_RendersStyledWithoutServerError(string path, string screenshot)
    {
        await using var browser = await app.Browser.OpenAsync(path);

        Assert.Equal(200, browser.Response!.Status);
        var stylesheetLoaded = await browser.Page.EvaluateAsync<bool>(
            "() => [...document.styleSheets].some(s => s.href && s.href.includes('/_content/Controls.Web/css/controls.css') && s.cssRules.length > 0)");
        Assert.True(stylesheetLoaded, "the embedded stylesheet did not load");
        await browser.ScreenshotAsync(screenshot);
    }
}
