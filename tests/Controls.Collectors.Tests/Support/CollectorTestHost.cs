using Controls.Collectors;
using Controls.Compliance;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Controls.Collectors.Tests.Support;

/// <summary>
/// The real composition (AddControlsCompliance + AddControlsCollectors) over a SQLite file in a temp folder, with
/// workspace "acme" and one connected system pointing at a loopback fake of its platform. Only ControlsStartup is
/// run, not the whole host, so no scheduler or demo seeding interferes with what a test measures. Each platform's
/// tests get theirs from a small factory (GitHubTestHost, ShopifyTestHost, LogStoreTestHost) that knows its defaults.
/// </summary>
public sealed class CollectorTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private CollectorTestHost(IHost host, string folder, string credentialName)
    {
        _host = host;
        Folder = folder;
        CredentialName = credentialName;
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "controls.db");

    public string CredentialName { get; }

    public IServiceProvider Services => _host.Services;

    public int WorkspaceId { get; private set; }

    public int SystemId { get; private set; }

    /// <param name="platform">Names the temp folder ("github", "shopify", …).</param>
    /// <param name="credentialName">The system's credential name; <paramref name="credential"/> is configured under it.</param>
    /// <param name="settings">Platform options for fast tests (short retry delays), then the test's own overrides.</param>
    /// <param name="services">Extra registrations after the real composition (e.g. a stand-in for a database reader another branch provides).</param>
    public static async Task<CollectorTestHost> StartAsync(
        string platform,
        string credentialName,
        string credential,
        IEnumerable<KeyValuePair<string, string?>> settings,
        string? folder = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        folder ??= Directory.CreateTempSubdirectory($"controls-{platform}-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        var configuration = new Dictionary<string, string?>
        {
            ["Controls:Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "controls.db")}",
            [$"Controls:Credentials:{credentialName}"] = credential,
            ["Controls:Demo:Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddControlsCompliance();
        builder.AddControlsCollectors();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.Services.GetServices<IHostedService>().OfType<ControlsStartup>().Single().StartAsync(CancellationToken.None);
        return new CollectorTestHost(host, folder, credentialName);
    }

    /// <summary>Creates (or finds) workspace "acme" and its system of <paramref name="kind"/> named <paramref name="name"/>.</summary>
    public async Task ConnectAsync(string kind, string name, string baseUrl, bool isDemo = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().EnsureAsync("acme", "Acme", isDemo, CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspace.Id, "test");
        var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();
        var system = await db.Systems.FirstOrDefaultAsync(s => s.Kind == kind && s.Name == name);
        if (system is null)
        {
            system = new ConnectedSystem { Kind = kind, Name = name, BaseUrl = baseUrl, CredentialName = CredentialName, WorkspaceId = workspace.Id };
            db.Systems.Add(system);
            await db.SaveChangesAsync();
        }

        WorkspaceId = workspace.Id;
        SystemId = system.Id;
    }

    /// <summary>Points the helpers at an existing system (the demo's).</summary>
    public void UseSystem(int workspaceId, int systemId)
    {
        WorkspaceId = workspaceId;
        SystemId = systemId;
    }

    public Task<CollectionRun> CollectAsync() =>
        InScopeAsync((services, _) => services.GetRequiredService<CollectionRunner>().RunAsync(SystemId, "manual", CancellationToken.None));

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, ControlsDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(WorkspaceId, "test");
        return await action(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ControlsDbContext>());
    }

    /// <summary>The current result of every check on the system, by check id.</summary>
    public Task<Dictionary<string, CheckEvaluation>> EvaluationsAsync() =>
        InScopeAsync(async (_, db) => (await db.CheckEvaluations.AsNoTracking()
                .Include(e => e.Findings)
                .Where(e => e.IsCurrent && e.SystemId == SystemId)
                .ToListAsync())
            .ToDictionary(e => e.CheckId));

    /// <summary>A check's summary and its findings in one string (a collection error's reason is in its findings).</summary>
    public static string Explain(CheckEvaluation evaluation) =>
        string.Join(" | ", [evaluation.Summary, .. evaluation.Findings.Select(f => f.Message)]);

    /// <summary>The stored JSON of the latest evidence of a kind (a failure's JSON for a failed item), or null if none.</summary>
    public Task<string?> EvidenceJsonAsync(string kind) =>
        InScopeAsync(async (_, db) =>
        {
            var record = await db.EvidenceRecords.AsNoTracking().Where(r => r.SystemId == SystemId && r.Kind == kind).OrderByDescending(r => r.Id).FirstOrDefaultAsync();
            return record is null
                ? null
                : await db.EvidenceContents.AsNoTracking().Where(c => c.Sha256 == record.ContentSha256).Select(c => c.Json).FirstAsync();
        });

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
    }

    /// <summary>Deletes the temp folder; separate from dispose so a test can reopen the same data after a "restart".</summary>
    public void DeleteFolder()
    {
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
