using System.Net;
using Controls.Collectors.Logs;
using Controls.Collectors.Logs.Http;
using Controls.Compliance.Collection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

// In the parent namespace so AddControlsCollectors registers it with one line and no using directive.
namespace Controls.Collectors;

public static class LogStoreServiceCollectionExtensions
{
    /// <summary>The Elasticsearch / OpenSearch log-store collector and its HTTP plumbing.</summary>
    public static IServiceCollection AddLogStoreCollector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LogStoreOptions>()
            .BindConfiguration(LogStoreOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHttpClient(LogStoreClientFactory.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),

                // A redirect to another host must not carry the Authorization header; none of these APIs redirect.
                AllowAutoRedirect = false,
            });

        services.AddSingleton<LogStoreClientFactory>();
        services.AddScoped<ICollector, LogStoreCollector>();
        return services;
    }
}
