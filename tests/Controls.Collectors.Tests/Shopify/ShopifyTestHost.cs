using Controls.Collectors;
using Controls.Compliance;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Controls.Testing.FakeShopify;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Controls.Collectors.Tests.Shopify;

/// <summary>
/// The real composition (AddControlsCompliance + AddControlsCollectors) over a SQLite file in a temp folder,
/// with one workspace and one Shopify system pointing at a fake Shopify store. Only ControlsStartup is run, not the
/// whole host, so no scheduler or demo seeding interferes with what a test measures.
/// </summary>
public sealed class ShopifyTestHost : IAsyncDisposable
{
    public const string CredentialName = "shopify-acme";

    private readonly IHost _host;

    private ShopifyTestHost(IHost host, string folder)
    {
        _host = host;
        Folder = folder;
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "controls.db");

    public IServiceProvider Services => _host.Services;

    public int WorkspaceId { get; private set; }

    public int SystemId { get; private set; }

    public static async Task<ShopifyTestHost> StartAsync(
        FakeShopifyServer? shopify,
        string? folder = null,
        TimeProvider? time = null,
        string token = FakeShopifyState.DefaultToken,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        folder ??= Directory.CreateTempSubdirectory("controls-shopify-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        var configuration = new Dictionary<string, string?>
        {
            ["Controls:Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "controls.db")}",
            [$"Controls:Credentials:{CredentialName}"] = token,
            ["Controls:Demo:Enabled"] = "false",
            ["Controls:Shopify:RetryBaseDelay"] = "00:00:00.010",
            ["Controls:Shopify:MaxRetries"] = "2",
            ["Controls:Shopify:MaxThrottleWait"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
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
        var host = builder.Build();
        await host.Services.GetServices<IHostedService>().OfType<ControlsStartup>().Single().StartAsync(CancellationToken.None);

        var testHost = new ShopifyTestHost(host, folder);
        if (shopify is not null)
        {
            await testHost.ConnectAsync(shopify.State.Domain, shopify.BaseUrl.AbsoluteUri);
        }

        return testHost;
    }

    /// <summary>Creates (or finds) workspace "acme" and its Shopify system.</summary>
    public async Task ConnectAsync(string shop, string baseUrl, bool isDemo = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().EnsureAsync("acme", "Acme", isDemo, CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspace.Id, "test");
        var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();
        var system = await db.Systems.FirstOrDefaultAsync(s => s.Name == shop);
        if (system is null)
        {
            system = new ConnectedSystem { Kind = SystemKinds.Shopify, Name = shop, BaseUrl = baseUrl, CredentialName = CredentialName, WorkspaceId = workspace.Id };
            db.Systems.Add(system);
            await db.SaveChangesAsync();
        }

        WorkspaceId = workspace.Id;
        SystemId = system.Id;
    }

    /// <summary>Points the helpers at an existing system .</summary>
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

    /// <summary>The stored JSON of the latest evidence of a kind (a failure's JSON for a failed item).</summary>
    public Task<string> EvidenceJsonAsync(string kind) =>
        InScopeAsync(async (_, db) =>
        {
            var record = await db.EvidenceRecords.AsNoTracking().Where(r => r.SystemId == SystemId && r.Kind == kind).OrderByDescending(r => r.Id).FirstAsync();
            return await db.EvidenceContents.AsNoTracking().Where(c => c.Sha256 == record.ContentSha256).Select(c => c.Json).FirstAsync();
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
