using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.GitHub;

public static class GitHubServiceCollectionExtensions
{
    /// <summary>The GitHub collector (Octokit) and its HTTP plumbing.</summary>
    public static IServiceCollection AddGitHubCollector(this IServiceCollection services)
    {
        return services;
    }
}
