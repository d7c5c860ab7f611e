using Controls.Collectors.GitHub.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Controls.Collectors.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>The clearly labelled demo workspace, fed through the real collector code path from recorded responses.</summary>
    public static IHostApplicationBuilder AddDemoWorkspace(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);

        // The transport is registered whether or not seeding is enabled: a demo workspace seeded earlier keeps
        // collecting on its schedule.
        builder.Services.AddSingleton<IGitHubTransport, DemoGitHubTransport>();
        builder.Services.AddSingleton<Shopify.Client.IShopifyTransport, DemoShopifyTransport>();
        builder.Services.AddSingleton<Logs.Http.ILogStoreTransport, DemoLogStoreTransport>();
        builder.Services.AddSingleton<Magento.Client.IMagentoTransport, DemoMagentoTransport>();
        builder.Services.AddSingleton<Magento.Database.IMagentoDatabaseReplay, DemoMagentoDatabaseReplay>();

        // The demo Magento instance's database "connection string" is its replay address, not a secret: given here so
        // the demo needs no configuration. The key belongs to the demo's own credential name only.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Controls:Credentials:{DemoNames.MagentoCredentialName}:{Magento.MagentoCollector.DatabasePart}"] = DemoNames.MagentoDatabaseAddress,
        });
        builder.Services.AddSingleton<DemoWorkspaceSeeder>();
        builder.Services.AddSingleton<DemoStartupService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoStartupService>());
        return builder;
    }
}
