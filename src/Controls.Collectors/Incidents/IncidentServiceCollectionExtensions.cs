using Controls.Collectors.Incidents;
using Controls.Collectors.Registers;
using Controls.Compliance.Collection;
using Controls.Compliance.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

// In the root namespace so the composition root needs only its one AddIncidentRegister() line.
namespace Controls.Collectors;

public static class IncidentServiceCollectionExtensions
{
    /// <summary>Incident declaration and the incident register collected from it.</summary>
    public static IServiceCollection AddIncidentRegister(this IServiceCollection services)
    {
        services.AddRegisterSystem(IncidentRegister.System);
        services.AddScoped<IncidentService>();
        services.AddScoped<ICollector, IncidentRegisterCollector>();
        return services;
    }
}
