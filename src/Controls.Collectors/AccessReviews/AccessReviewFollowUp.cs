using Controls.Compliance.AccessReviews;
using Controls.Compliance.Collection;
using Controls.Compliance.People;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.AccessReviews;

/// <summary>
/// Closes the loop after every collection of an account-yielding platform: revocations and changes the new accounts
/// prove carried out are marked verified (by that run), and the access-review register is re-collected so the
/// ledger and the check see the verification, and the platform's new accounts, at once.
/// </summary>
public sealed class AccessReviewFollowUp(
    IServiceScopeFactory scopes, ICallerContext caller, IEnumerable<IAccountSource> sources, IEnumerable<ICollector> collectors) : ICollectionFollowUp
{
    public async Task RunFinishedAsync(ConnectedSystem system, CollectionRun run, CancellationToken cancellationToken)
    {
        if (!sources.Any(s => s.SystemKind == system.Kind)
            || !collectors.Any(c => c.SystemKind == SystemKinds.AccessReviewRegister)
            || caller.WorkspaceId is not { } workspaceId)
        {
            return;
        }

        // A scope of its own: the finished run's context has tracked the platform's evidence and run rows.
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspaceId, caller.Caller);
        await scope.ServiceProvider.GetRequiredService<AccessReviewService>().VerifyAsync(system, run, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<IRegisterCollection>()
            .CollectAsync(SystemKinds.AccessReviewRegister, AccessReviewRegister.TriggerAfterCollection, cancellationToken);
    }
}
