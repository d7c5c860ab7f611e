using Controls.Collectors.Readiness;
using Controls.Collectors.Registers;
using Controls.Compliance.Collection;
using Controls.Compliance.Readiness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

// In the root namespace so the composition root needs only its one AddReadinessRegister() line.
namespace Controls.Collectors;

public static class ReadinessServiceCollectionExtensions
{
    /// <summary>Playbook attestations, tabletop exercises, the readiness register collected from them, and the per-surface score.</summary>
    public static IServiceCollection AddReadinessRegister(this IServiceCollection services)
    {
        services.AddRegisterSystem(ReadinessRegisterSystem.System);
        services.AddScoped<PlaybookUploads>();
        services.AddScoped<ReadinessService>();
        services.AddScoped<ReadinessReader>();
        services.AddScoped<ICollector, ReadinessRegisterCollector>();
        return services;
    }
}
