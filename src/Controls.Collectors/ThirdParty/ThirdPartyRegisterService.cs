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
public sealed class ThirdPartyRegisterService(
    ControlsDbContext db, ICallerContext caller, CollectionRunner runner, CollectionGate gate, ICollectionScheduler scheduler, TimeProvider time)
{
    public async Task<ConnectedSystem> EnsureSystemAsync(CancellationToken cancellationToken)
    {
        var system = await db.Systems.SingleOrDefaultAsync(s => s.Kind == ThirdPartyRegister.Kind && s.Name == ThirdPartyRegister.SystemName, cancellationToken);
        if (system is not null)
        {
            return system;
        }

        system = new ConnectedSystem
        {
            WorkspaceId = caller.WorkspaceId ?? throw new InvalidOperationException("The third-party register needs a workspace."),
            Kind = ThirdPartyRegister.Kind,
            Name = ThirdPartyRegister.SystemName,
            DisplayName = ThirdPartyRegister.DisplayName,
            Schedule = DefaultSchedules.For(SystemKinds.ThirdPartyRegister),
            Enabled = true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Systems.Add(system);
        await db.SaveChangesAsync(cancellationToken);
        await scheduler.SyncSystemAsync(system.Id, cancellationToken);
        return system;
    }

    /// <summary>Records the register and inventory now (and re-evaluates the workspace).</summary>
    public async Task<CollectionRun> CollectAsync(string trigger, CancellationToken cancellationToken)
    {
        var system = await EnsureSystemAsync(cancellationToken);

        // A register run already under way may have read the platforms (or the vendor table) before the change
        // that triggers this one; the runner would hand that run back. Waiting for it to finish first means the
        // run returned here started after the change.
        var semaphore = gate.For(system.Id);
        await semaphore.WaitAsync(cancellationToken);
        semaphore.Release();
        return await runner.RunAsync(system.Id, trigger, cancellationToken);
    }
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
        services.AddScoped<ThirdPartyRegisterService>();
        services.AddScoped<ICollectionFollowUp, ThirdPartyRegisterFollowUp>();
        return services;
    }
}
