using System.Diagnostics;
using System.Globalization;
using Controls.Collectors;
using Controls.Collectors.Shopify.Client;
using Controls.Compliance;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Controls.Testing.FakeShopify;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Controls.Benchmarks;

/// <summary>
/// One full collection of a large Shopify store (thousands of staff, tens of thousands of events, hundreds of apps)
/// against a fake with a realistic leaky bucket. Reports requested and actual query cost, throttled answers, wall
/// time, and the bucket's theoretical minimum time: cost beyond the initial bucket divided by the restore rate.
/// </summary>
public static class ShopifyBenchmark
{
    private const string CredentialName = "shopify-bench";

    public static async Task RunAsync(int staff = 5_000, int events = 20_000, int apps = 200, int pageSize = 25, double bucketSize = 2_000, double restoreRate = 1_000)
    {
        var staffPages = (staff + pageSize - 1) / pageSize;
        var eventPages = (events + pageSize - 1) / pageSize;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Shopify collection: {staff} staff + {events} events ({staffPages + eventPages} pages of {pageSize}), {apps} apps; bucket {bucketSize} points, restore {restoreRate}/s"));
        await using var shopify = await FakeShopifyServer.StartAsync(LargeStore(staff, events, apps));
        shopify.Bucket.MaximumAvailable = bucketSize;
        shopify.Bucket.RestoreRate = restoreRate;

        var folder = Directory.CreateTempSubdirectory("controls-bench-shopify-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Benchmark" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Controls:Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "controls.db")}",
            [$"Controls:Credentials:{CredentialName}"] = FakeShopifyState.DefaultToken,
            ["Controls:Demo:Enabled"] = "false",
            ["Controls:Scheduling:Enabled"] = "false",
            ["Controls:Shopify:PageSize"] = pageSize.ToString(CultureInfo.InvariantCulture),
            ["Controls:Shopify:MaxEventPages"] = (eventPages + 1).ToString(CultureInfo.InvariantCulture),
            ["Controls:Shopify:EventWindow"] = "30.00:00:00",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddControlsCompliance();
        builder.AddControlsCollectors();
        using var host = builder.Build();
        await host.Services.GetServices<IHostedService>().OfType<ControlsStartup>().Single().StartAsync(CancellationToken.None);

        int systemId;
        int workspaceId;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().EnsureAsync("bench", "Benchmark", isDemo: false, CancellationToken.None);
            workspaceId = workspace.Id;
            scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspaceId, "benchmark");
            var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();
            var system = new ConnectedSystem
            {
                WorkspaceId = workspace.Id, Kind = SystemKinds.Shopify, Name = shopify.State.Domain, BaseUrl = shopify.BaseUrl.AbsoluteUri, CredentialName = CredentialName,
            };
            db.Systems.Add(system);
            await db.SaveChangesAsync();
            systemId = system.Id;
        }

        var watch = Stopwatch.StartNew();
        CollectionRun run;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspaceId, "benchmark");
            run = await scope.ServiceProvider.GetRequiredService<CollectionRunner>().RunAsync(systemId, "benchmark", CancellationToken.None);
        }

        var elapsed = watch.Elapsed;
        var bucket = host.Services.GetRequiredService<ShopifyCostBuckets>().For(shopify.State.Domain);
        var requested = shopify.Bucket.TotalRequested;
        var actual = shopify.Bucket.TotalActual;
        var theoreticalMinimum = Math.Max(0, requested - bucketSize) / restoreRate;
        var log = shopify.Requests.All;

        Console.WriteLine();
        Console.WriteLine("| outcome | requests | throttled answers | requested cost | actual cost | collector waits | wall time | bucket minimum | wall / minimum |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {run.Outcome} | {log.Count} | {log.Count(r => r.Throttled)} | {requested:0} | {actual:0} | {bucket.Waits} ({bucket.TotalWaited.TotalSeconds:0.0} s) | {elapsed.TotalSeconds:0.0} s | {theoreticalMinimum:0.0} s | {elapsed.TotalSeconds / Math.Max(theoreticalMinimum, 0.001):0.00} |"));
        Console.WriteLine();
        Console.WriteLine("Requested cost counts only queries that ran (throttled answers are free); the minimum assumes the bucket starts full.");

        await host.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned up later anyway.
        }
    }

    private static FakeShopifyState LargeStore(int staff, int events, int apps)
    {
        var state = new FakeShopifyState();
        var now = TimeProvider.System.GetUtcNow();
        string[] types = ["REGULAR", "REGULAR", "REGULAR", "REGULAR", "COLLABORATOR", "INVITED", "SAML"];
        for (var i = 0; i < staff; i++)
        {
            state.Staff.Add(new FakeStaffMember($"gid://shopify/StaffMember/{i + 1}", $"Staff {i}", $"staff{i}@acme.example", types[i % types.Length], Active: i % 11 != 0, IsShopOwner: i == 0));
        }

        string[][] scopes = [["read_products"], ["read_customers", "read_orders"], ["write_orders", "read_all_orders"], ["read_themes", "write_script_tags"], ["write_payment_terms"]];
        for (var i = 0; i < apps; i++)
        {
            state.Apps.Add(new FakeApp($"gid://shopify/AppInstallation/{i + 1}", $"App {i}", $"app-{i}", scopes[i % scopes.Length]));
        }

        state.Webhooks.Add(new FakeWebhook("gid://shopify/WebhookSubscription/1", "APP_UNINSTALLED", "https://siem.acme.example/shopify"));
        var spacing = TimeSpan.FromDays(29) / Math.Max(events, 1);
        for (var i = 0; i < events; i++)
        {
            state.Events.Add(new FakeEvent($"gid://shopify/BasicEvent/{i + 1}", now - (spacing * i), "update", $"Event {i}", AttributeToUser: i % 3 == 0, AttributeToApp: i % 3 == 1, AppTitle: i % 3 == 1 ? "App 1" : null));
        }

        return state;
    }
}
