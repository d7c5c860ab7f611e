using System.Net;
using Controls.Collectors.GitHub.Caching;
using Controls.Compliance.Collection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Controls.Collectors.GitHub;

public static class GitHubServiceCollectionExtensions
{
    /// <summary>The GitHub collector (Octokit) and its HTTP plumbing.</summary>
    public static IServiceCollection AddGitHubCollector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GitHubOptions>()
            .BindConfiguration(GitHubOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => Uri.TryCreate(o.DefaultApiBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps,
                "Controls:GitHub:DefaultApiBaseUrl must be an absolute https:// URL.")
            .ValidateOnStart();

        // The pooled primary handler; the per-run handlers (guard, retries, counting) are layered on it by GitHubClientFactory.
        services.AddHttpClient(GitHubClientFactory.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),

                // Octokit follows redirects itself and drops the Authorization header across hosts.
                AllowAutoRedirect = false,
            });

        services.AddSingleton<GitHubResponseCacheStore>();
        services.AddSingleton<GitHubClientFactory>();
        services.AddScoped<ICollector, GitHubCollector>();
        return services;
    }
}
