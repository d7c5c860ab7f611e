using System.Net;
using Controls.Collectors.Magento;
using Controls.Collectors.Magento.Client;
using Controls.Compliance.Collection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

// In the root namespace so the composition root needs only its one AddMagentoCollector() line.
namespace Controls.Collectors;

public static class MagentoServiceCollectionExtensions
{
    /// <summary>
    /// The Magento collector (REST API) and its HTTP plumbing. The optional database path uses whatever
    /// IMagentoDatabaseReader is registered (none here); without one the database evidence is recorded as failed.
    /// </summary>
    public static IServiceCollection AddMagentoCollector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MagentoOptions>()
            .BindConfiguration(MagentoOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHttpClient(MagentoRestClientFactory.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),

                // A redirect off the store's host must not carry the bearer token with it.
                AllowAutoRedirect = false,
            });

        services.AddSingleton<MagentoRestClientFactory>();
        services.AddScoped<ICollector, MagentoCollector>();
        return services;
    }
}
