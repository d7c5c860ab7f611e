using Controls.Collectors.Magento.Database;
using Microsoft.Extensions.DependencyInjection;

// In the root namespace so the composition root needs only its one AddMagentoDatabaseReader() line.
namespace Controls.Collectors;

public static class MagentoDatabaseServiceCollectionExtensions
{
    /// <summary>The optional, read-only Magento database path (MySQL/MariaDB) and its timeouts, validated at start.</summary>
    public static IServiceCollection AddMagentoDatabaseReader(this IServiceCollection services)
    {
        services.AddOptions<MagentoDatabaseOptions>()
            .BindConfiguration(MagentoDatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Stateless: each OpenAsync makes its own unpooled connection, so one instance serves every run.
        services.AddSingleton<IMagentoDatabaseReader, MySqlMagentoDatabaseReader>();
        return services;
    }
}
