using Controls.Compliance.People;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.People;

public static class PeopleServiceCollectionExtensions
{
    /// <summary>The account sources of the collectors that know accounts; a new platform adds its own here.</summary>
    public static IServiceCollection AddAccountSources(this IServiceCollection services)
    {
        services.AddSingleton<IAccountSource, GitHubAccountSource>();
        services.AddSingleton<IAccountSource, ShopifyAccountSource>();
        services.AddSingleton<IAccountSource, MagentoAccountSource>();
        return services;
    }
}
