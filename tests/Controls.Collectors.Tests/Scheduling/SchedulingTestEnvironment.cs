using Controls.Collectors.Scheduling;
using Controls.Compliance;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Xunit.Abstractions;

namespace Controls.Collectors.Tests.Scheduling;

/// <summary>
/// One test's world: a SQLite file in a temp folder, and real hosts (the same composition as Controls.Api) started
/// and stopped on it — several in turn when a test restarts the "process".
/// </summary>
public sealed class SchedulingTestEnvironment : IAsyncDisposable
{
    /// <summary>Generous: the machine is shared, and nothing here measures speed.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly ITestOutputHelper? _output;
    private readonly List<IHost> _hosts = [];

    public SchedulingTestEnvironment(ITestOutputHelper? output = null)
    {
        _output = output;
        Folder = Path.Combine(Path.GetTempPath(), "controls-sched-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
        DatabasePath = Path.Combine(Folder, "controls.db");
        Log = new TestLog(output);
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    /// <summary>Unique per test so that schedulers of tests running side by side can never be confused.</summary>
    public string InstanceName { get; } = "controls-test-" + Guid.NewGuid().ToString("N")[..8];

    public FakePlatformCollector Collector { get; } = new();

    public TestLog Log { get; }

    public IHost BuildHost(bool scheduling = true, TimeSpan? shutdownTimeout = null, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            ContentRootPath = Folder,
            Args = [],
        });
        var configuration = new Dictionary<string, string?>
        {
            ["Controls:Database:ConnectionString"] = $"Data Source={DatabasePath}",
            ["Controls:Demo:Enabled"] = "false",
            ["Controls:Scheduling:Enabled"] = scheduling ? "true" : "false",
            ["Controls:Scheduling:InstanceName"] = InstanceName,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Log);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(30));

        builder.AddControlsCompliance();
        builder.Services.AddSingleton<ICollector>(Collector);
        builder.AddControlsCollectors();

        var host = builder.Build();
        _hosts.Add(host);
        return host;
    }

    public async Task<IHost> StartHostAsync(bool scheduling = true, TimeSpan? shutdownTimeout = null)
    {
        var host = BuildHost(scheduling, shutdownTimeout);
        await host.StartAsync().WaitAsync(Patience);
        return host;
    }

    /// <summary>Stops and disposes a host, as a process exit would.</summary>
    public async Task StopAsync(IHost host)
    {
        await host.StopAsync().WaitAsync(Patience);
        host.Dispose();
        _hosts.Remove(host);
    }

    /// <summary>
    /// Creates the database through a host without the scheduler (as an earlier version of the process would
    /// have), with one workspace, and runs <paramref name="seed"/> in that workspace's scope.
    /// </summary>
    public async Task<int> SeedAsync(Func<ControlsDbContext, int, Task> seed)
    {
        var host = await StartHostAsync(scheduling: false);
        int workspaceId;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().EnsureAsync("acme", "Acme Ltd", isDemo: false, CancellationToken.None);
            workspaceId = workspace.Id;
            scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspaceId, "test");
            await seed(scope.ServiceProvider.GetRequiredService<ControlsDbContext>(), workspaceId);
        }

        await StopAsync(host);
        return workspaceId;
    }

    public static ConnectedSystem NewSystem(int workspaceId, string name, string schedule = YearlyCron, bool enabled = true, string kind = FakePlatformCollector.Kind) =>
        new() { WorkspaceId = workspaceId, Kind = kind, Name = name, Schedule = schedule, Enabled = enabled, CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };

    /// <summary>Midnight UTC on 1 January: never fires while a test runs, unless a test makes it.</summary>
    public const string YearlyCron = "0 0 0 1 1 ?";

    public static async Task<T> InWorkspaceAsync<T>(IHost host, int workspaceId, Func<ControlsDbContext, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspaceId, "test");
        return await action(scope.ServiceProvider.GetRequiredService<ControlsDbContext>());
    }

    public static Task<List<CollectionRun>> RunsAsync(IHost host, int workspaceId, int systemId) =>
        InWorkspaceAsync(host, workspaceId, db => db.CollectionRuns.AsNoTracking().Where(r => r.SystemId == systemId).OrderBy(r => r.Id).ToListAsync());

    public static Task<IScheduler> SchedulerAsync(IHost host) =>
        host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler().AsTask();

    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after <see cref="Patience"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Timed out after {Patience.TotalSeconds:0}s waiting for: {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.ToArray())
        {
            try
            {
                await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or ObjectDisposedException)
            {
                _output?.WriteLine($"Host did not stop cleanly: {ex.Message}");
            }

            host.Dispose();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A collector a test left blocked may still hold the file; the temp folder is cleaned by the OS.
        }
    }
}
