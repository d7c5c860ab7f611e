using System.Globalization;
using Controls.Compliance.Persistence;
using Controls.Compliance.Readiness;
using Controls.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class ReadinessPageTests(WebAppFixture app)
{
    [Fact]
    public async Task ReadinessPage_RecordingATabletopThroughTheForm_RaisesTheSurfacesScore()
    {
        var workspace = await app.Host.EnsureWorkspaceAsync("ir-ready", "IR readiness", isDemo: false);
        var today = DateOnly.FromDateTime(app.Host.Clock.GetUtcNow().UtcDateTime);
        await using (var scope = app.Host.ScopeFor(workspace.Id))
        {
            await scope.ServiceProvider.GetRequiredService<ReadinessService>().AttestPlaybookAsync(
                new PlaybookInput("payment", "Payment incident playbook", "payments-lead@acme.example", "https://wiki.acme.example/ir/payment", today.AddDays(-30)),
                null, CancellationToken.None);
        }

        await using var browser = await app.Browser.OpenAsync("/readiness?workspace=ir-ready");
        Assert.Equal(200, browser.Response!.Status);
        var payment = browser.Page.Locator("tr[data-surface='payment']");
        Assert.Equal("40", await payment.GetAttributeAsync("data-score"));
        Assert.Equal("not-ready", await payment.GetAttributeAsync("data-level"));
        Assert.Contains("payments-lead@acme.example", await payment.Locator("[data-component='playbook']").InnerTextAsync(), StringComparison.Ordinal);

        // The detection check has no evidence in this workspace: shown with its status and a link to the check page.
        var detection = payment.Locator("[data-check='webtest.org-two-factor']");
        Assert.Equal("needs-evidence", await detection.Locator("[data-status]").GetAttributeAsync("data-status"));
        Assert.Equal("/checks/webtest.org-two-factor?workspace=ir-ready", await detection.Locator("a").GetAttributeAsync("href"));
        Assert.Contains("not measured", await browser.Page.Locator("tr[data-surface='employee-portal'] [data-component='detection']").InnerTextAsync(), StringComparison.Ordinal);

        var held = today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var form = browser.Page.Locator("[data-testid='tabletop-form']");
        await form.Locator("[name='scenario']").FillAsync("Card skimmer injected into checkout");
        await form.Locator("input[name='surfaces'][value='payment']").CheckAsync();
        await form.Locator("[name='heldOn']").FillAsync(held);
        await form.Locator("[name='facilitator']").FillAsync("ciso@acme.example");
        await form.Locator("[name='participants']").FillAsync("payments-lead@acme.example, support-lead@acme.example");
        await form.Locator("[name='outcome']").FillAsync("Acquirer contact list updated.");
        await form.Locator("button[type='submit']").ClickAsync();
        await browser.Page.WaitForURLAsync("**/readiness?workspace=ir-ready&recorded=tabletop");

        payment = browser.Page.Locator("tr[data-surface='payment']");
        Assert.Equal("70", await payment.GetAttributeAsync("data-score"));
        Assert.Equal("partial", await payment.GetAttributeAsync("data-level"));
        Assert.Contains($"last {held}", await payment.Locator("[data-component='tabletop']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await browser.Page.Locator("[data-testid='tabletops'] tr[data-tabletop]").CountAsync());

        await using var incidents = await app.Browser.OpenAsync("/incidents?workspace=ir-ready");
        Assert.Contains("payment 70", await incidents.Page.Locator("[data-testid='readiness-summary'] [data-level='partial']").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttestPlaybook_WhenTheRegisterCannotRecordTheFile_FailsClearlyAndWithdrawsTheAttestation()
    {
        // This host has no readiness collector, so the register run that must write the file fails for real.
        var workspace = await app.Host.EnsureWorkspaceAsync("ir-lost-file", "IR lost file", isDemo: false);
        var today = DateOnly.FromDateTime(app.Host.Clock.GetUtcNow().UtcDateTime);
        await using var scope = app.Host.ScopeFor(workspace.Id);
        var readiness = scope.ServiceProvider.GetRequiredService<ReadinessService>();

        var error = await Assert.ThrowsAsync<PlaybookFileNotRecordedException>(() => readiness.AttestPlaybookAsync(
            new PlaybookInput("checkout", "Checkout playbook", "web-lead@acme.example", "https://wiki.acme.example/ir/checkout", today.AddDays(-3)),
            new PlaybookFile("checkout.pdf", "application/pdf", "%PDF-1.7 checkout playbook"u8.ToArray()),
            CancellationToken.None));

        Assert.Contains("'checkout.pdf' could not be recorded in the evidence ledger", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was attested", error.Message, StringComparison.Ordinal);
        Assert.False(await scope.ServiceProvider.GetRequiredService<ControlsDbContext>().PlaybookAttestations.AnyAsync());
    }

    [Fact]
    public async Task ReadinessPage_PlaybookReviewedInTheFuture_ShowsTheErrorAndRecordsNothing()
    {
        await app.Host.EnsureWorkspaceAsync("ir-future", "IR future", isDemo: false);
        var tomorrow = DateOnly.FromDateTime(app.Host.Clock.GetUtcNow().UtcDateTime).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await using var browser = await app.Browser.OpenAsync("/readiness?workspace=ir-future");
        var form = browser.Page.Locator("[data-testid='playbook-form']");
        await form.Locator("[name='surface']").SelectOptionAsync("checkout");
        await form.Locator("[name='title']").FillAsync("Checkout playbook");
        await form.Locator("[name='owner']").FillAsync("web-lead@acme.example");
        await form.Locator("[name='location']").FillAsync("https://wiki.acme.example/ir/checkout");
        await form.Locator("[name='reviewedOn']").FillAsync(tomorrow);
        await form.Locator("button[type='submit']").ClickAsync();

        var errors = browser.Page.Locator("[data-testid='playbook-errors']");
        await errors.WaitForAsync();
        Assert.Contains("is in the future", await errors.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("0", await browser.Page.Locator("tr[data-surface='checkout']").GetAttributeAsync("data-score"));
    }
}
