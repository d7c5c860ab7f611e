using System.Net;
using Controls.Collectors.Shopify.Client;
using Controls.Compliance.Collection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using Controls.Collectors.Shopify;

// In the root namespace so the composition root needs only its one AddShopifyCollector() line.
namespace Controls.Collectors;

public static class ShopifyServiceCollectionExtensions
{
    /// <summary>The Shopify collector (Admin GraphQL API) and its HTTP plumbing.</summary>
    public static IServiceCollection AddShopifyCollector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ShopifyOptions>()
            .BindConfiguration(ShopifyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHttpClient(ShopifyAdminClientFactory.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),

                // A redirect off the shop's domain must not carry the access token with it.
                AllowAutoRedirect = false,
            });

        services.AddSingleton<ShopifyCostBuckets>();
        services.AddSingleton<ShopifyAdminClientFactory>();
        services.AddScoped<ICollector, ShopifyCollector>();
        return services;
    }
}
