using Controls.Compliance;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Controls.Testing.FakeElasticsearch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Controls.Collectors.Tests.Logs;

/// <summary>
/// The real composition (AddControlsCompliance + AddControlsCollectors) over a SQLite file in a temp folder, with
/// workspace "acme" and one log-store system pointing at a fake Elasticsearch / OpenSearch.
/// </summary>
public sealed class LogStoreTestHost : IAsyncDisposable
{
    public const string CredentialName = "logs-acme";
    public const string SystemName = "acme-logs";

    private readonly IHost _host;

    private LogStoreTestHost(IHost host, string folder)
    {
        _host = host;
        Folder = folder;
    }

    public string Folder { get; }

    public IServiceProvider Services => _host.Services;

    public int WorkspaceId { get; private set; }

    public int SystemId { get; private set; }

    public static async Task<LogStoreTestHost> StartAsync(FakeElasticsearchServer store, string credential = FakeElasticsearchState.DefaultApiKey)
    {
        var folder = Directory.CreateTempSubdirectory("controls-logs-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Controls:Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "controls.db")}",
            [$"Controls:Credentials:{CredentialName}"] = credential,
            ["Controls:Demo:Enabled"] = "false",
            ["Controls:LogStore:RetryBaseDelay"] = "00:00:00.010",
            ["Controls:LogStore:MaxRetries"] = "2",
            ["Controls:LogStore:IsmPageSize"] = "2",
        });
        builder.AddControlsCompliance();
        builder.AddControlsCollectors();
        var host = builder.Build();
        await host.Services.GetServices<IHostedService>().OfType<ControlsStartup>().Single().StartAsync(CancellationToken.None);

        var testHost = new LogStoreTestHost(host, folder);
        await testHost.ConnectAsync(store.BaseUrl.AbsoluteUri);
        return testHost;
    }

    private async Task ConnectAsync(string baseUrl)
    {
        await using var scope = Services.CreateAsyncScope();
        var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().EnsureAsync("acme", "Acme", false, CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspace.Id, "test");
        var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();
        var system = new ConnectedSystem { Kind = SystemKinds.LogStore, Name = SystemName, BaseUrl = baseUrl, CredentialName = CredentialName, WorkspaceId = workspace.Id };
        db.Systems.Add(system);
        await db.SaveChangesAsync();
        WorkspaceId = workspace.Id;
        SystemId = system.Id;
    }

    public Task<CollectionRun> CollectAsync() =>
        InScopeAsync((services, _) => services.GetRequiredService<CollectionRunner>().RunAsync(SystemId, "manual", CancellationToken.None));

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, ControlsDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(WorkspaceId, "test");
        return await action(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ControlsDbContext>());
    }

    /// <summary>The current result of every check on the log-store system, by check id.</summary>
    public Task<Dictionary<string, CheckEvaluation>> EvaluationsAsync() =>
        InScopeAsync(async (_, db) => (await db.CheckEvaluations.AsNoTracking()
                .Include(e => e.Findings)
                .Where(e => e.IsCurrent && e.SystemId == SystemId)
                .ToListAsync())
            .ToDictionary(e => e.CheckId));

    /// <summary>The latest collected content of an evidence kind, as stored JSON.</summary>
    public Task<string?> EvidenceJsonAsync(string kind) =>
        InScopeAsync(async (_, db) => await db.EvidenceRecords.AsNoTracking()
            .Where(r => r.SystemId == SystemId && r.Kind == kind)
            .OrderByDescending(r => r.Id)
            .Join(db.EvidenceContents, r => r.ContentSha256, c => c.Sha256, (_, c) => c.Json)
            .FirstOrDefaultAsync());

    public Task SetParameterAsync(string checkId, string name, string valueJson) =>
        InScopeAsync(async (_, db) =>
        {
            db.ParameterOverrides.Add(new ParameterOverride { WorkspaceId = WorkspaceId, CheckId = checkId, Name = name, ValueJson = valueJson });
            return await db.SaveChangesAsync();
        });

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS: the temp folder is cleaned up later anyway.
        }
    }
}
