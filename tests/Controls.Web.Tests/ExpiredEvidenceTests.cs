using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;
using Controls.Testing;
using Controls.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Web.Tests;

/// <summary>
/// A workspace where everything passed, then time moved past the automated checks' freshness window with no
/// evaluation since (a stopped scheduler): the pages must not keep showing the recorded Pass.
/// Its own host, because it moves the clock.
/// </summary>
public sealed class ExpiredEvidenceFixture : IAsyncLifetime
{
    public ControlsWebHost Host { get; } = new(new TestClock());

    public Support.Browser Browser { get; } = new();

    public int WorkspaceId { get; private set; }

    public async Task InitializeAsync()
    {
        Host.Start();
        var now = Host.Clock.GetUtcNow().UtcDateTime;
        WorkspaceId = (await Host.EnsureWorkspaceAsync("acme", "Acme Retail", isDemo: false)).Id;
        Host.Organisations.Add(new SeededOrganisation("acme", TwoFactorRequired: true, [new RepositoryEvidence("checkout", "main", 2)], []));
        var system = await Seeder.AddSystemAsync(Host, WorkspaceId, "acme");
        await Seeder.AttestAsync(Host, WorkspaceId, system, Seeder.AttestedChecks(Host).Select(c => (c.Id, now.AddDays(180))).ToList());
        await Seeder.CollectAsync(Host, WorkspaceId, system);

        // 27 hours later, nothing has re-evaluated: the 26-hour evidence is expired but the read models still say Pass.
        Host.Clock.Advance(TimeSpan.FromHours(27));
        await Browser.StartAsync(Host.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Host.DisposeAsync();
    }
}

public sealed class ExpiredEvidenceTests(ExpiredEvidenceFixture fixture) : IClassFixture<ExpiredEvidenceFixture>
{
    [Fact]
    public async Task RequirementPage_WhenThePassingEvidenceExpired_ShowsStaleNotPass()
    {
        var recorded = await fixture.Host.QueryAsync(fixture.WorkspaceId, db => db.RequirementStatuses.AsNoTracking()
            .SingleAsync(r => r.FrameworkId == FrameworkIds.Iso27001V2022 && r.RequirementId == "8.5"));
        Assert.Equal(CheckStatus.Pass, recorded.Status);

        await using var browser = await fixture.Browser.OpenAsync("/requirements/iso27001-2022/8.5?workspace=acme");

        Assert.Equal("stale", await browser.Page.Locator("[data-testid='requirement-status'] .status").GetAttributeAsync("data-status"));
        Assert.Equal("stale", await browser.Page.Locator("[data-testid='results'] tr[data-check='webtest.org-two-factor'] .status").GetAttributeAsync("data-status"));
    }

    [Fact]
    public async Task Dashboard_WhenPassingEvidenceExpired_CountsThoseRequirementsAsStale()
    {
        var catalog = fixture.Host.Services.GetRequiredService<ControlCatalog>();
        var automated = catalog.Checks.Where(c => c.Type == CheckType.Automated).SelectMany(c => c.Evidences)
            .Where(k => k.FrameworkId == FrameworkIds.Iso27001V2022)
            .ToHashSet();
        var recorded = await fixture.Host.QueryAsync(fixture.WorkspaceId, db => db.RequirementStatuses.AsNoTracking()
            .Where(r => r.FrameworkId == FrameworkIds.Iso27001V2022)
            .ToListAsync());
        var stillPassing = recorded.Count(r => r.Status == CheckStatus.Pass && !automated.Contains(new RequirementKey(r.FrameworkId, r.RequirementId)));
        var nowStale = recorded.Count(r => r.Status == CheckStatus.Pass && automated.Contains(new RequirementKey(r.FrameworkId, r.RequirementId)));
        Assert.True(nowStale > 0);
        Assert.DoesNotContain(recorded, r => r.Status == CheckStatus.Stale);

        await using var browser = await fixture.Browser.OpenAsync("/?workspace=acme");

        var card = browser.Page.Locator($"[data-framework='{FrameworkIds.Iso27001V2022}']");
        Assert.Equal(stillPassing.ToString(), (await card.Locator("[data-count='pass'] dd").InnerTextAsync()).Trim());
        Assert.Equal(nowStale.ToString(), (await card.Locator("[data-count='stale'] dd").InnerTextAsync()).Trim());
        Assert.True(await browser.Page.Locator("[data-testid='expired-passes']").IsVisibleAsync());
    }
}
