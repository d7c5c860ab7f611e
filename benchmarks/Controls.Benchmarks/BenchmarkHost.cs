using System.Diagnostics;
using Controls.Collectors;
using Controls.Compliance;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Controls.Benchmarks;

/// <summary>
/// The production composition (core + collectors) on a SQLite file in a temp folder, without the scheduler or
/// the demo, so a measurement sees only the work it asks for.
/// </summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    public const string CredentialName = "github-bench";

    private readonly IHost _host;

    private BenchmarkHost(IHost host, string folder)
    {
        _host = host;
        Folder = folder;
    }

    public string Folder { get; }

    public IServiceProvider Services => _host.Services;

    public int WorkspaceId { get; private set; }

    public static async Task<BenchmarkHost> StartAsync(string token)
    {
        var folder = Directory.CreateTempSubdirectory("controls-bench-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Benchmark" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Controls:Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "controls.db")}",
            [$"Controls:Credentials:{CredentialName}"] = token,
            ["Controls:Demo:Enabled"] = "false",
            ["Controls:Scheduling:Enabled"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddControlsCompliance();
        builder.AddControlsCollectors();
        var host = builder.Build();
        await host.Services.GetServices<IHostedService>().OfType<ControlsStartup>().Single().StartAsync(CancellationToken.None);

        var benchmarkHost = new BenchmarkHost(host, folder);
        await using var scope = host.Services.CreateAsyncScope();
        var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().EnsureAsync("bench", "Benchmark", isDemo: false, CancellationToken.None);
        benchmarkHost.WorkspaceId = workspace.Id;
        return benchmarkHost;
    }

    public async Task<int> AddGitHubSystemAsync(string organization, string baseUrl)
    {
        return await InScopeAsync(async (_, db) =>
        {
            var system = new ConnectedSystem { WorkspaceId = WorkspaceId, Kind = SystemKinds.GitHub, Name = organization, BaseUrl = baseUrl, CredentialName = CredentialName };
            db.Systems.Add(system);
            await db.SaveChangesAsync();
            return system.Id;
        });
    }

    public async Task<(CollectionRun Run, TimeSpan Elapsed)> CollectAsync(int systemId)
    {
        var watch = Stopwatch.StartNew();
        var run = await InScopeAsync((services, _) => services.GetRequiredService<CollectionRunner>().RunAsync(systemId, "benchmark", CancellationToken.None));
        return (run, watch.Elapsed);
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, ControlsDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(WorkspaceId, "benchmark");
        return await action(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ControlsDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Temp folder; the OS cleans it up if a handle lingers.
        }
    }
}
