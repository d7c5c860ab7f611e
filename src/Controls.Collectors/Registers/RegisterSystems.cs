using Controls.Collectors.Scheduling;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Controls.Collectors.Registers;

/// <summary>The identity of a register system: one per workspace, collected from Controls' own tables.</summary>
public sealed record RegisterSystemSpec(string Kind, string Name, string DisplayName);

/// <summary>
/// Registers are systems whose "platform" is Controls itself (the vendor register, the incident register): what
/// people record through the API becomes evidence in the same hash-chained ledger, on a schedule and right after
/// every change, so the history auditors see is the ledger's, and checks evaluate it like any platform's evidence.
/// </summary>
public sealed class RegisterSystems(
    ControlsDbContext db, ICallerContext caller, CollectionRunner runner, CollectionGate gate, ICollectionScheduler scheduler, TimeProvider time)
{
    /// <summary>Kinds that are registers: never created by hand through the systems API.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        SystemKinds.ThirdPartyRegister,
        SystemKinds.IncidentRegister,
        SystemKinds.AccessReviewRegister,
        SystemKinds.TrainingRegister,
        SystemKinds.ReadinessRegister,
    };

    /// <summary>The workspace's register system of this kind, created (enabled, on its kind's default schedule) when missing.</summary>
    public async Task<ConnectedSystem> EnsureAsync(RegisterSystemSpec spec, CancellationToken cancellationToken)
    {
        var system = await db.Systems.SingleOrDefaultAsync(s => s.Kind == spec.Kind && s.Name == spec.Name, cancellationToken);
        if (system is not null)
        {
            return system;
        }

        system = new ConnectedSystem
        {
            WorkspaceId = caller.WorkspaceId ?? throw new InvalidOperationException($"The {spec.DisplayName} needs a workspace."),
            Kind = spec.Kind,
            Name = spec.Name,
            DisplayName = spec.DisplayName,
            Schedule = DefaultSchedules.For(spec.Kind),
            Enabled = true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Systems.Add(system);
        await db.SaveChangesAsync(cancellationToken);
        await scheduler.SyncSystemAsync(system.Id, cancellationToken);
        return system;
    }

    /// <summary>Records the register now (and re-evaluates the workspace), in a run that started after the caller's change.</summary>
    public async Task<CollectionRun> CollectAsync(RegisterSystemSpec spec, string trigger, CancellationToken cancellationToken)
    {
        var system = await EnsureAsync(spec, cancellationToken);

        // A run already under way may have read the tables before the change that triggers this one, and the runner
        // would hand that run back; waiting for it first means the run returned here saw the change.
        var semaphore = gate.For(system.Id);
        await semaphore.WaitAsync(cancellationToken);
        semaphore.Release();
        return await runner.RunAsync(system.Id, trigger, cancellationToken);
    }
}
