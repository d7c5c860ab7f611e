using Controls.Compliance.Collection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Controls.Collectors.Registers;

/// <summary>The <see cref="IRegisterCollection"/> over every register whose collector registered its <see cref="RegisterSystemSpec"/>.</summary>
public sealed class RegisterCollection(RegisterSystems registers, IEnumerable<RegisterSystemSpec> specs) : IRegisterCollection
{
    public Task<CollectionRun> CollectAsync(string registerKind, string trigger, CancellationToken cancellationToken)
    {
        var spec = specs.FirstOrDefault(s => s.Kind == registerKind)
            ?? throw new InvalidOperationException($"No register of kind '{registerKind}' is registered.");
        return registers.CollectAsync(spec, trigger, cancellationToken);
    }
}

public static class RegisterServiceCollectionExtensions
{
    /// <summary>A register's collector calls this with its spec, so <see cref="IRegisterCollection"/> can collect it by kind.</summary>
    public static IServiceCollection AddRegisterSystem(this IServiceCollection services, RegisterSystemSpec spec)
    {
        services.TryAddScoped<RegisterSystems>();
        services.TryAddScoped<IRegisterCollection, RegisterCollection>();
        services.AddSingleton(spec);
        return services;
    }
}
