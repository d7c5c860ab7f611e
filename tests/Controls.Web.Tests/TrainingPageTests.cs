using Controls.Compliance.People;
using Controls.Compliance.Persistence;
using Controls.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class TrainingPageTests(WebAppFixture app)
{
    [Fact]
    public async Task TrainingPage_ImportThroughTheForm_ShowsCoverageAndTheRejectedRows()
    {
        var workspace = await app.Host.EnsureWorkspaceAsync("lms-drill", "LMS drill", isDemo: false);
        await using (var scope = app.Host.ScopeFor(workspace.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();
            var now = app.Host.Clock.GetUtcNow().UtcDateTime;
            db.People.Add(new PersonEntry { WorkspaceId = workspace.Id, Key = "jane@acme.example", Name = "Jane Doe", PrimaryEmail = "jane@acme.example", Roles = ["engineering"], CreatedAt = now, UpdatedAt = now, UpdatedBy = "test" });
            db.People.Add(new PersonEntry { WorkspaceId = workspace.Id, Key = "omar@acme.example", Name = "Omar Haddad", PrimaryEmail = "omar@acme.example", CreatedAt = now, UpdatedAt = now, UpdatedBy = "test" });
            await db.SaveChangesAsync();
        }

        var file = Path.Combine(Path.GetTempPath(), $"lms-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "Learner,Course,Finished\njane@acme.example,security-awareness,2026-10-01\nomar@acme.example,Knitting,2026-10-01\nghost@acme.example,security-awareness,2026-10-01\n");
        try
        {
            await using var browser = await app.Browser.OpenAsync("/training?workspace=lms-drill");
            Assert.Equal(200, browser.Response!.Status);
            Assert.Equal(1, await browser.Page.Locator("[data-module='security-awareness'][data-passes='no']").CountAsync());

            await browser.Page.Locator("#import-file").SetInputFilesAsync(file);
            await browser.Page.Locator("#person-column").FillAsync("Learner");
            await browser.Page.Locator("#completed-column").FillAsync("Finished");
            await browser.Page.Locator("#training-import button[type=submit]").ClickAsync();

            var rejections = browser.Page.Locator("[data-testid='rejections'] tbody tr");
            await rejections.First.WaitForAsync();
            Assert.Equal(2, await rejections.CountAsync());
            Assert.Contains("'Knitting' is not a training module", await browser.Page.Locator("[data-row='3']").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("'ghost@acme.example' is not in the people directory", await browser.Page.Locator("[data-row='4']").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("50 %", await browser.Page.Locator("[data-module='security-awareness']").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("Learner", await browser.Page.Locator("#person-column").InputValueAsync());
            await browser.ScreenshotAsync("training-import");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
