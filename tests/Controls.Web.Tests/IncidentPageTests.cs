using Controls.Compliance.Incidents;
using Controls.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class IncidentPageTests(WebAppFixture app)
{
    [Fact]
    public async Task IncidentsPage_ShowsEachNotificationWithItsDeadlineAndState_AndTheNotificationTable()
    {
        var workspace = await app.Host.EnsureWorkspaceAsync("ir-drill", "IR drill", isDemo: false);
        await using (var scope = app.Host.ScopeFor(workspace.Id))
        {
            var incidents = scope.ServiceProvider.GetRequiredService<IncidentService>();
            var now = app.Host.Clock.GetUtcNow();
            var incident = await incidents.DeclareAsync(
                new IncidentDeclaration("Leaked customer export", ["customer-account"], ["personal-data"], ["US-CA"], now.AddDays(-40), null, "ciso@acme.example"),
                CancellationToken.None);
            Assert.NotEmpty(incident.Notifications);
        }

        await using var browser = await app.Browser.OpenAsync("/incidents?workspace=ir-drill");

        Assert.Equal(200, browser.Response!.Status);
        var residents = browser.Page.Locator("[data-notification='us-ca-1798-82/residents']");
        Assert.Equal("overdue", await residents.GetAttributeAsync("data-state"));
        Assert.Contains("30 calendar days after awareness", await residents.InnerTextAsync(), StringComparison.Ordinal);
        var attorneyGeneral = browser.Page.Locator("[data-notification='us-ca-1798-82/attorney-general']");
        Assert.Contains("provisional", await attorneyGeneral.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await browser.Page.Locator("[data-regime='sec-8k-1-05']").CountAsync());
        Assert.Equal(0, await browser.Page.Locator("[data-testid='no-incidents']").CountAsync());
    }

    [Fact]
    public async Task IncidentsPage_WithoutIncidents_SaysSo()
    {
        await using var browser = await app.Browser.OpenAsync("/incidents?workspace=acme");

        Assert.Equal(1, await browser.Page.Locator("[data-testid='no-incidents']").CountAsync());
    }
}
