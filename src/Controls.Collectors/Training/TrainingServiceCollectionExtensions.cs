using Controls.Collectors.Registers;
using Controls.Collectors.Training;
using Controls.Compliance.Collection;
using Microsoft.Extensions.DependencyInjection;

// In the root namespace so the composition root needs only its one AddTrainingRegister() line.
namespace Controls.Collectors;

public static class TrainingServiceCollectionExtensions
{
    /// <summary>The training register (people directory and LMS completions) and its collector.</summary>
    public static IServiceCollection AddTrainingRegister(this IServiceCollection services)
    {
        services.AddRegisterSystem(TrainingRegister.System);
        services.AddScoped<TrainingRegisterService>();
        services.AddScoped<Compliance.Training.TrainingStatusReader>();
        services.AddScoped<Compliance.People.PersonAccountsReader>();
        services.AddScoped<ICollector, TrainingRegisterCollector>();
        return services;
    }
}
