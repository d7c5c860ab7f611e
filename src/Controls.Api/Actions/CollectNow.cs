using System.Collections.Concurrent;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Controls.Api.Actions;

/// <summary>
/// "Collect now": runs <see cref="CollectionRunner"/> for one system in the background, in its own DI scope
/// bound to the requesting workspace, and hands back the run id as soon as the run row exists.
/// (When the scheduler offers a trigger service this is the one class to switch over.)
/// </summary>
public sealed class CollectNow(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<CollectNow> logger)
{
    public const string Trigger = "manual";

    private readonly ConcurrentDictionary<int, Task> _running = new();

    public async Task<long> StartAsync(int workspaceId, string caller, int systemId, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = Task.Run(() => RunAsync(workspaceId, caller, systemId, started), CancellationToken.None);
        _running[task.Id] = task;
        _ = task.ContinueWith(t => _running.TryRemove(t.Id, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return await started.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes when every run started so far has finished (tests and shutdown wait on it).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);

    private async Task RunAsync(int workspaceId, string caller, int systemId, TaskCompletionSource<long> started)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspaceId, caller);
            var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();

            // The runner saves the Running row before it collects; that first save is when the id is known.
            db.SavedChanges += (_, _) =>
            {
                var run = db.ChangeTracker.Entries<CollectionRun>()
                    .Select(e => e.Entity)
                    .FirstOrDefault(r => r.SystemId == systemId && r.Id > 0);
                if (run is not null)
                {
                    started.TrySetResult(run.Id);
                }
            };
            var finished = await scope.ServiceProvider.GetRequiredService<CollectionRunner>().RunAsync(systemId, Trigger, lifetime.ApplicationStopping);
            started.TrySetResult(finished.Id);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Collect-now for system {SystemId} failed before its run was recorded", systemId);
            started.TrySetException(ex);
        }
    }
}
