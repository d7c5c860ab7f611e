using Controls.Collectors.Demo;
using Controls.Collectors.Training;
using Controls.Collectors.Tests.GitHub;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Training;
using Controls.Compliance.Workspaces;
using Controls.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.Demo;

public sealed class DemoTrainingTests : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await GitHubTestHost.StartAsync(null, time: _clock, settings: new Dictionary<string, string?> { ["Controls:Demo:Enabled"] = "true" });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Accounts_AcrossGitHubShopifyAndMagento_ResolveToOnePersonAndTheAgencyToNobody()
    {
        var info = await _host.Services.GetRequiredService<DemoWorkspaceSeeder>().EnsureCollectedAsync(CancellationToken.None);
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(info.WorkspaceId, "test");

        var view = await scope.ServiceProvider.GetRequiredService<Compliance.People.PersonAccountsReader>().ReadAsync(CancellationToken.None);

        Assert.Empty(view.Unknown);
        var maya = view.Accounts.Where(a => a.Person?.Key == "maya@acme-outfitters.example").Select(a => (a.Account.SystemKind, a.Account.Login, a.Account.Privileged)).Order().ToList();
        Assert.Equal([("github", "maya-chen", true), ("magento", "maya.chen", true), ("shopify", "maya@acme-outfitters.example", true)], maya);
        Assert.All(view.Accounts.Where(a => a.Account.Login.Contains("pixelforge", StringComparison.OrdinalIgnoreCase)),
            a => Assert.Equal(Compliance.People.ResolutionProblem.NoMatchingPerson, a.Problem));
    }

    [Fact]
    public async Task Coverage_PrivilegedAccountNobodyClaims_IsAnUntraceableAdminFinding()
    {
        var info = await _host.Services.GetRequiredService<DemoWorkspaceSeeder>().EnsureCollectedAsync(CancellationToken.None);
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(info.WorkspaceId, "test");
        var db = scope.ServiceProvider.GetRequiredService<Compliance.Persistence.ControlsDbContext>();

        // Lukas's Magento admin is tied to him only by e-mail; change his directory e-mail and nobody claims it.
        var lukas = await db.People.SingleAsync(p => p.Key == "lukas@acme-outfitters.example");
        lukas.PrimaryEmail = "l.brandt@acme-outfitters.example";
        lukas.Aliases = [];
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<TrainingRegisterService>().CollectAsync(CancellationToken.None);

        var coverage = await db.CheckEvaluations.AsNoTracking().Include(e => e.Findings).SingleAsync(e => e.IsCurrent && e.CheckId == "training.coverage");
        Assert.Equal(CheckStatus.Fail, coverage.Status);
        var finding = Assert.Single(coverage.Findings, f => f.Resource == "accounts/acme-outfitters-b2b/lukas.brandt");
        Assert.Contains("cannot be tied to anyone in the people directory", finding.Message, StringComparison.Ordinal);
        Assert.Contains("untraceable admin counts as untrained", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coverage_LeaverWithAnActiveOwnerAccount_IsAFinding()
    {
        var info = await _host.Services.GetRequiredService<DemoWorkspaceSeeder>().EnsureCollectedAsync(CancellationToken.None);
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(info.WorkspaceId, "test");
        var db = scope.ServiceProvider.GetRequiredService<Compliance.Persistence.ControlsDbContext>();
        var maya = await db.People.SingleAsync(p => p.Key == "maya@acme-outfitters.example");
        maya.LeftOn = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddDays(-1);
        await db.SaveChangesAsync();

        await scope.ServiceProvider.GetRequiredService<TrainingRegisterService>().CollectAsync(CancellationToken.None);

        var coverage = await db.CheckEvaluations.AsNoTracking().Include(e => e.Findings).SingleAsync(e => e.IsCurrent && e.CheckId == "training.coverage");
        var finding = Assert.Single(coverage.Findings, f => f.Resource == "accounts/acme-outfitters/maya-chen");
        Assert.Contains("who left on", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coverage_PlatformAccountsOlderThanTheFreshnessWindow_IsStaleNeverPass()
    {
        var info = await _host.Services.GetRequiredService<DemoWorkspaceSeeder>().EnsureCollectedAsync(CancellationToken.None);
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(info.WorkspaceId, "test");
        var db = scope.ServiceProvider.GetRequiredService<Compliance.Persistence.ControlsDbContext>();

        // Everyone trained, so only the platforms' age can stand in the way; the register itself is collected fresh.
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        foreach (var person in await db.People.ToListAsync())
        {
            person.StartedOn = today.AddDays(-900);
            person.LeftOn = null;
            foreach (var module in _host.Services.GetRequiredService<Compliance.Catalog.ControlCatalog>().TrainingModules)
            {
                db.TrainingCompletions.Add(new TrainingCompletionEntry { WorkspaceId = info.WorkspaceId, PersonKey = person.Key, ModuleId = module.Id, CompletedOn = today.AddDays(1), RecordedAt = DateTime.UnixEpoch });
            }
        }

        await db.SaveChangesAsync();
        _clock.Advance(TimeSpan.FromDays(3));
        await scope.ServiceProvider.GetRequiredService<TrainingRegisterService>().CollectAsync(CancellationToken.None);

        var coverage = await db.CheckEvaluations.AsNoTracking().SingleAsync(e => e.IsCurrent && e.CheckId == "training.coverage");
        Assert.True(coverage.Status == CheckStatus.Stale, $"{coverage.Status}: {coverage.Summary}");
        Assert.Contains("which this check also reads", coverage.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_DemoPeople_LeaveAnExpiredANeverTrainedAndAJoinerInGrace()
    {
        var info = await _host.Services.GetRequiredService<DemoWorkspaceSeeder>().EnsureCollectedAsync(CancellationToken.None);

        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(info.WorkspaceId, "test");
        var status = await scope.ServiceProvider.GetRequiredService<TrainingStatusReader>().ReadAsync(CancellationToken.None);
        var awareness = status.Assignments.Where(a => a.Module.Id == "security-awareness").ToDictionary(a => a.Person.Name, a => a.State);
        Assert.Equal(TrainingState.Expired, awareness["Lena Fischer"]);
        Assert.Equal(TrainingState.NeverTrained, awareness["Sam Okafor"]);
        Assert.Equal(TrainingState.InGrace, awareness["Priya Raman"]);
        Assert.Equal(TrainingState.Current, awareness["Maya Chen"]);
        Assert.DoesNotContain("Tom Becker", awareness.Keys);

        var db = scope.ServiceProvider.GetRequiredService<Compliance.Persistence.ControlsDbContext>();
        var coverage = await db.CheckEvaluations.AsNoTracking().Include(e => e.Findings).SingleAsync(e => e.IsCurrent && e.CheckId == "training.coverage");
        Assert.Equal(CheckStatus.Fail, coverage.Status);
        Assert.Contains(coverage.Findings, f => f.Resource == "training/security-awareness" && f.Message.Contains("77.8 % of the 9 people required", StringComparison.Ordinal));

        // The GitHub owners, Shopify's shop owner and Magento's administrators are checked person by person.
        var accounts = coverage.Findings.Where(f => f.Resource.StartsWith("accounts/", StringComparison.Ordinal)).ToDictionary(f => f.Resource, f => f.Message);
        Assert.Equal(["accounts/acme-outfitters/lena-fischer", "accounts/acme-outfitters/sam-okafor"], accounts.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Sam Okafor (sam@acme-outfitters.example), who is untrained: Security awareness never completed", accounts["accounts/acme-outfitters/sam-okafor"], StringComparison.Ordinal);
        Assert.Contains("Security awareness expired on", accounts["accounts/acme-outfitters/lena-fischer"], StringComparison.Ordinal);
    }
}
