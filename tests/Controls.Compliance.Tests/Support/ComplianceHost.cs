using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Controls.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Controls.Compliance.Tests.Support;

/// <summary>
/// The real core (AddControlsCompliance) on a real SQLite file in a temp folder, with the test catalog,
/// the widget platform as its only collector and a settable clock.
/// </summary>
public sealed class ComplianceHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ComplianceHost(IHost host, string root, string databasePath)
    {
        _host = host;
        Root = root;
        DatabasePath = databasePath;
    }

    public string Root { get; }

    public string DatabasePath { get; }

    public TestClock Clock => (TestClock)_host.Services.GetRequiredService<TimeProvider>();

    public WidgetPlatform Platform => _host.Services.GetRequiredService<WidgetPlatform>();

    public int WorkspaceId { get; private set; }

    public int SystemId { get; private set; }

    public static async Task<ComplianceHost> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "controls-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(root);
        var catalog = TestCatalog.Write(root);
        var databasePath = Path.Combine(root, "controls.db");

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Controls:Database:ConnectionString"] = $"Data Source={databasePath}",
            ["Controls:Catalog:Path"] = catalog,
        });
        builder.Services.AddSingleton<TimeProvider>(new TestClock());
        builder.AddControlsCompliance();
        builder.Services.AddSingleton<WidgetPlatform>();
        builder.Services.AddSingleton<ICollector, WidgetCollector>();
        builder.Services.AddSingleton<ICheckEvaluator, WidgetsLockedEvaluator>();
        var host = builder.Build();
        await host.StartAsync();

        var result = new ComplianceHost(host, root, databasePath);
        await result.SeedAsync();
        return result;
    }

    public async Task<T> InWorkspaceAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(WorkspaceId, "test");
        return await action(scope.ServiceProvider);
    }

    public Task InWorkspaceAsync(Func<IServiceProvider, Task> action) =>
        InWorkspaceAsync(async sp =>
        {
            await action(sp);
            return true;
        });

    public Task<CollectionRun> CollectAsync() =>
        InWorkspaceAsync(sp => sp.GetRequiredService<CollectionRunner>().RunAsync(SystemId, "test", CancellationToken.None));

    public Task<Dictionary<string, CheckEvaluation>> CurrentEvaluationsAsync() =>
        InWorkspaceAsync(sp => sp.GetRequiredService<ControlsDbContext>().CheckEvaluations
            .Include(e => e.Findings).Where(e => e.IsCurrent).ToDictionaryAsync(e => e.CheckId));

    public Task<CheckStatus> RequirementStatusAsync(string frameworkId, string requirementId) =>
        InWorkspaceAsync(sp => sp.GetRequiredService<ControlsDbContext>().RequirementStatuses
            .Where(r => r.FrameworkId == frameworkId && r.RequirementId == requirementId)
            .Select(r => r.Status).SingleAsync());

    public Task EvaluateAsync() => InWorkspaceAsync(sp => sp.GetRequiredService<EvaluationService>().EvaluateWorkspaceAsync(CancellationToken.None));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A lingering handle on the temp folder must not fail the test that already passed.
        }
    }

    private async Task SeedAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().EnsureAsync("acme", "Acme", isDemo: false, CancellationToken.None);
        WorkspaceId = workspace.Id;
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspace.Id, "test");
        var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();
        var system = new ConnectedSystem { WorkspaceId = workspace.Id, Kind = TestCatalog.SystemKind, Name = "acme-logs", CreatedAt = Clock.GetUtcNow().UtcDateTime };
        db.Systems.Add(system);
        await db.SaveChangesAsync();
        SystemId = system.Id;
    }
}
