using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Compliance.Workspaces;
using Controls.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Controls.Web.Tests.Support;

/// <summary>
/// The real Controls host (Program) on Kestrel at 127.0.0.1 with a port chosen by the OS, over a SQLite file in
/// a temp folder and a copy of the shipped catalog plus the web-test checks. WebApplicationFactory builds it the
/// way Program does; <c>UseKestrel()</c> keeps the real server instead of the in-memory TestServer, which a
/// browser could not reach.
/// </summary>
public sealed class ControlsWebHost : WebApplicationFactory<Program>
{
    private readonly string _root;

    public ControlsWebHost(TestClock clock)
    {
        Clock = clock;
        _root = Path.Combine(Path.GetTempPath(), "controls-web-tests", Guid.NewGuid().ToString("N"));
        CatalogPath = Path.Combine(_root, "control-catalog");
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "control-catalog"), CatalogPath);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestCatalog", "webtest.yaml"), Path.Combine(CatalogPath, "checks", "webtest.yaml"));

        // The seeded systems are measured by the webtest checks only: the shipped collectors' automated checks (whose
        // evaluators are removed below) would read evidence the test collector never records.
        foreach (var shipped in Directory.GetFiles(Path.Combine(CatalogPath, "checks"), "*.yaml"))
        {
            if (Path.GetFileName(shipped) is not ("attested.yaml" or "webtest.yaml"))
            {
                File.Delete(shipped);
            }
        }

        // The shipped readiness policy names the shipped checks deleted above; the web tests use one naming webtest checks.
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestCatalog", "readiness.yaml"), Path.Combine(CatalogPath, "readiness", "surfaces.yaml"), overwrite: true);
        UseKestrel();
    }

    public TestClock Clock { get; }

    public SeededOrganisations Organisations { get; } = new();

    public string CatalogPath { get; }

    public string DatabasePath => Path.Combine(_root, "controls.db");

    /// <summary>"http://127.0.0.1:port", known once <see cref="Start"/> has run.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)).TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Production, so the page styling is proven to load without Development-only static web assets.
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
            ["Controls:Database:ConnectionString"] = $"Data Source={DatabasePath}",
            ["Controls:Catalog:Path"] = CatalogPath,
            ["Controls:Demo:Enabled"] = "false",
            // Scheduling has its own tests; here Quartz would only race the per-test database reset.
            ["Controls:Scheduling:Enabled"] = "false",
            ["Controls:DefaultWorkspace"] = "acme",
        }));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(Organisations);

            // The tests' organisations are served by the test collector only; any platform collector stays out.
            services.RemoveAll<ICollector>();
            foreach (var platformCheck in services.Where(d => d.ServiceType == typeof(ICheckEvaluator)
                         && d.ImplementationType?.Namespace?.StartsWith("Controls.Collectors.", StringComparison.Ordinal) == true).ToList())
            {
                services.Remove(platformCheck);
            }

            services.AddSingleton<ICollector, WebTestCollector>();
            services.AddSingleton<ICheckEvaluator, DefaultBranchReviewedEvaluator>();
            services.AddSingleton<ICheckEvaluator, OrgTwoFactorEvaluator>();
            services.AddSingleton<ICheckEvaluator, OutsideCollaboratorsEvaluator>();
        });
    }

    /// <summary>A scope bound to one workspace, as a request or a scheduled job would be.</summary>
    public AsyncServiceScope ScopeFor(int workspaceId)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspaceId, "web-tests");
        return scope;
    }

    public async Task<Workspace> EnsureWorkspaceAsync(string slug, string name, bool isDemo)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().EnsureAsync(slug, name, isDemo, CancellationToken.None);
    }

    public async Task<T> QueryAsync<T>(int workspaceId, Func<ControlsDbContext, Task<T>> query)
    {
        await using var scope = ScopeFor(workspaceId);
        return await query(scope.ServiceProvider.GetRequiredService<ControlsDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the run over it is not.
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(source, target, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(source, target, StringComparison.Ordinal));
        }
    }
}
