using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Controls.Testing.Database;

/// <summary>
/// The real host (Program) on a real SQLite file, with the demo off, a settable <see cref="TestClock"/> as the
/// TimeProvider and no user secrets (environment "Testing"). Use it as a collection fixture and call
/// <see cref="ResetAsync"/> before each test. Subclasses add settings and services.
/// </summary>
public class ControlsApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public DatabaseFixture Database { get; } = new();

    public TestClock Clock { get; } = new(DefaultNow);

    public virtual async Task InitializeAsync()
    {
        // Starting the server runs ControlsStartup: migrations and the catalog.
        _ = Server;
        await Database.ResetAsync();
    }

    /// <summary>Empties the workspace data (the catalog stays) and rewinds the clock.</summary>
    public async Task ResetAsync()
    {
        Clock.Set(DefaultNow);
        await Database.ResetAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
    }

    protected virtual void ConfigureSettings(IDictionary<string, string?> settings)
    {
    }

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Controls:Database:ConnectionString"] = Database.ConnectionString,
            ["Controls:Demo:Enabled"] = "false",
            // Scheduling has its own tests; here Quartz would only race the per-test database reset.
            ["Controls:Scheduling:Enabled"] = "false",
        };
        ConfigureSettings(settings);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            ConfigureTestServices(services);
        });
    }
}
