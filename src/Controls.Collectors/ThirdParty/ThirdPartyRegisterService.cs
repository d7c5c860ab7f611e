using Controls.Collectors.Registers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Controls.Collectors.Scheduling;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.ThirdParty;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.ThirdParty;

/// <summary>A validated vendor register entry, as the API, an import or the demo writes it.</summary>
public sealed record VendorInput(
    string Name,
    bool Approved,
    RiskTier RiskTier,
    string? Owner,
    bool DpaSigned,
    DateOnly? LastAssessmentOn,
    DateOnly? AssessmentDueOn,
    string? Notes,
    IReadOnlyList<string> Matches)
{
    public void ApplyTo(Vendor vendor, DateTime now)
    {
        vendor.Name = Name;
        vendor.Approved = Approved;
        vendor.RiskTier = RiskTier;
        vendor.Owner = Owner;
        vendor.DpaSigned = DpaSigned;
        vendor.LastAssessmentOn = LastAssessmentOn;
        vendor.AssessmentDueOn = AssessmentDueOn;
        vendor.Notes = Notes;
        vendor.Matches = [.. Matches];
        vendor.UpdatedAt = now;
    }
}

/// <summary>
/// The workspace's "third-party" system: created on demand (enabled, collected daily so due dates move) and
/// collected after every register edit and every platform collection that feeds the inventory.
/// </summary>
public sealed class ThirdPartyRegisterService(RegisterSystems registers)
{
    public static readonly RegisterSystemSpec System = new(ThirdPartyRegister.Kind, ThirdPartyRegister.SystemName, ThirdPartyRegister.DisplayName);

    public Task<ConnectedSystem> EnsureSystemAsync(CancellationToken cancellationToken) => registers.EnsureAsync(System, cancellationToken);

    /// <summary>Records the register and inventory now (and re-evaluates the workspace).</summary>
    public Task<CollectionRun> CollectAsync(string trigger, CancellationToken cancellationToken) => registers.CollectAsync(System, trigger, cancellationToken);
}

/// <summary>Re-collects the register after a platform that feeds the inventory finished a run.</summary>
public sealed class ThirdPartyRegisterFollowUp(
    IServiceScopeFactory scopes, ICallerContext caller, IEnumerable<IThirdPartyInventorySource> sources, IEnumerable<ICollector> collectors) : ICollectionFollowUp
{
    public async Task RunFinishedAsync(ConnectedSystem system, CollectionRun run, CancellationToken cancellationToken)
    {
        // A host that replaced the collectors (a narrower composition) has nothing to collect the register with:
        // creating the system would only produce failed runs.
        if (!sources.Any(s => s.SystemKind == system.Kind)
            || !collectors.Any(c => c.SystemKind == ThirdPartyRegister.Kind)
            || caller.WorkspaceId is not { } workspaceId)
        {
            return;
        }

        // A scope of its own: the finished run's context has tracked the source's evidence and run rows.
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspaceId, caller.Caller);
        await scope.ServiceProvider.GetRequiredService<ThirdPartyRegisterService>().CollectAsync(ThirdPartyRegister.TriggerAfterCollection, cancellationToken);
    }
}

public static class ThirdPartyServiceCollectionExtensions
{
    /// <summary>The register collector, its service and follow-up, and every inventory source in this assembly (one class per platform).</summary>
    public static IServiceCollection AddThirdPartyRegister(this IServiceCollection services)
    {
        services.AddOptions<ThirdPartyOptions>().BindConfiguration(ThirdPartyOptions.Section)
            .Validate(o => o.MaxSourceAge > TimeSpan.Zero, "Controls:ThirdParty:MaxSourceAge must be positive.")
            .ValidateOnStart();
        foreach (var type in typeof(ThirdPartyServiceCollectionExtensions).Assembly.GetTypes()
                     .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IThirdPartyInventorySource).IsAssignableFrom(t)))
        {
            services.AddSingleton(typeof(IThirdPartyInventorySource), type);
        }

        services.AddScoped<ICollector, ThirdPartyRegisterCollector>();
        services.AddRegisterSystem(ThirdPartyRegisterService.System);
        services.AddScoped<ThirdPartyRegisterService>();
        services.AddScoped<ICollectionFollowUp, ThirdPartyRegisterFollowUp>();
        return services;
    }
}
