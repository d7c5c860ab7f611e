using Controls.Compliance.Persistence;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Scheduling;

/// <summary>Checks a "collect now" request against the caller's workspace, through the ordinary workspace filter.</summary>
public sealed class SystemLookup(IServiceScopeFactory scopes)
{
    public async Task RequireCollectableAsync(int workspaceId, int systemId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspaceId, CollectSystemJob.Caller);
        var kind = await scope.ServiceProvider.GetRequiredService<ControlsDbContext>().Systems
            .Where(s => s.Id == systemId)
            .Select(s => s.Kind)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"System {systemId} does not exist in workspace {workspaceId}.");
        if (string.Equals(kind, ScheduleSynchronizer.ManualKind, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"System {systemId} holds uploaded evidence; there is no collector to run.");
        }
    }
}
