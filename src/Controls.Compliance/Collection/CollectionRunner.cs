using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Compliance.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Controls.Compliance.Collection;

public sealed class CollectionOptions
{
    public const string Section = "Controls:Collection";

    /// <summary>A run that takes longer is cancelled and recorded as Failed.</summary>
    public TimeSpan RunTimeout { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>One collection per system at a time, whether the schedule or "collect now" started it.</summary>
public sealed class CollectionGate
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, SemaphoreSlim> _gates = new();

    public SemaphoreSlim For(int systemId) => _gates.GetOrAdd(systemId, _ => new SemaphoreSlim(1, 1));
}

/// <summary>
/// Runs one collection end to end: opens a run record, lets the system's collector observe, appends what it saw
/// to the ledger, closes the run with its outcome and re-evaluates the workspace. A collector failure is
/// recorded — never thrown past this point, never hidden.
/// </summary>
public sealed class CollectionRunner(
    ControlsDbContext db,
    IEnumerable<ICollector> collectors,
    CredentialProvider credentials,
    EvidenceLedger ledger,
    EvaluationService evaluation,
    CollectionGate gate,
    TimeProvider time,
    IOptions<CollectionOptions> options,
    IEnumerable<ICollectionFollowUp> followUps,
    ILogger<CollectionRunner> logger)
{
    public async Task<CollectionRun> RunAsync(int systemId, string trigger, CancellationToken cancellationToken)
    {
        var semaphore = gate.For(systemId);
        if (!await semaphore.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            // Another run of this system is in progress: report that one rather than start a second.
            return await db.CollectionRuns.AsNoTracking()
                .Where(r => r.SystemId == systemId && r.Outcome == RunOutcome.Running)
                .OrderByDescending(r => r.Id)
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new InvalidOperationException($"A collection of system {systemId} is already starting.");
        }

        try
        {
            return await RunExclusiveAsync(systemId, trigger, cancellationToken);
        }
        finally
        {
            semaphore.Release();
        }
    }

    private async Task<CollectionRun> RunExclusiveAsync(int systemId, string trigger, CancellationToken cancellationToken)
    {
        var system = await db.Systems.SingleOrDefaultAsync(s => s.Id == systemId, cancellationToken)
            ?? throw new KeyNotFoundException($"System {systemId} does not exist in this workspace.");

        var running = await db.CollectionRuns.FirstOrDefaultAsync(r => r.SystemId == systemId && r.Outcome == RunOutcome.Running, cancellationToken);
        if (running is not null)
        {
            return running;
        }

        var run = new CollectionRun
        {
            WorkspaceId = system.WorkspaceId,
            SystemId = system.Id,
            Trigger = trigger,
            StartedAt = time.GetUtcNow().UtcDateTime,
            Outcome = RunOutcome.Running,
        };
        db.CollectionRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        var credential = credentials.Resolve(system);
        var context = new CollectionContext(system, credential, run.Id);
        string? error = null;
        var collector = collectors.FirstOrDefault(c => c.SystemKind == system.Kind);
        if (collector is null)
        {
            error = $"No collector is installed for systems of kind '{system.Kind}'.";
        }
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.RunTimeout);
            try
            {
                await collector.CollectAsync(context, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = $"Collection timed out after {options.Value.RunTimeout}.";
            }
            catch (OperationCanceledException)
            {
                error = "Collection was cancelled because the host is stopping.";
            }
            catch (Exception ex)
            {
                error = Redact(ex is CollectionAbortedException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}", credential);
                logger.LogWarning("Collection run {RunId} for system {SystemId} ({Kind}) failed: {Error}", run.Id, system.Id, system.Kind, error);
            }
        }

        // Whatever was observed before a failure is still a true observation: it is kept, and the run's
        // outcome tells evaluation not to trust the snapshot as complete.
        var finishedAt = time.GetUtcNow().UtcDateTime;
        var (head, hash, newContent) = await ledger.AppendAsync(system.WorkspaceId, system.Id, run.Id, finishedAt, context.Items, CancellationToken.None);
        var failures = context.Items.Count(i => i.Outcome == EvidenceOutcome.CollectionFailed);
        run.FinishedAt = finishedAt;
        run.RequestCount = context.RequestCount;
        run.NotModifiedCount = context.NotModifiedCount;
        run.EvidenceCount = context.Items.Count;
        run.NewContentCount = newContent;
        run.CollectionErrorCount = failures;
        run.HeadSequence = context.Items.Count > 0 || head > 0 ? head : null;
        run.HeadHash = run.HeadSequence is null ? null : hash;
        run.Error = error;
        run.Outcome = error is not null ? RunOutcome.Failed : failures > 0 ? RunOutcome.PartiallySucceeded : RunOutcome.Succeeded;
        await db.SaveChangesAsync(CancellationToken.None);

        logger.LogInformation(
            "Collection run {RunId} for {Kind} system {SystemName}: {Outcome}, {Requests} requests ({NotModified} not modified), {Evidence} evidence records ({NewContent} new content), {Failures} collection errors",
            run.Id, system.Kind, system.Name, run.Outcome, run.RequestCount, run.NotModifiedCount, run.EvidenceCount, run.NewContentCount, run.CollectionErrorCount);

        await evaluation.EvaluateWorkspaceAsync(CancellationToken.None);
        foreach (var followUp in followUps)
        {
            try
            {
                await followUp.RunFinishedAsync(system, run, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The run is recorded and evaluated; a derived collection failing must not make it look failed.
                logger.LogWarning(ex, "Follow-up {FollowUp} after collection run {RunId} failed", followUp.GetType().Name, run.Id);
            }
        }

        return run;
    }

    /// <summary>Defence in depth: exception messages from HTTP stacks can echo headers or URLs.</summary>
    private static string Redact(string message, Secret? credential)
    {
        var redacted = credential is null ? message : message.Replace(credential.Reveal(), "***", StringComparison.Ordinal);
        return redacted.Length > 3900 ? redacted[..3900] + "…" : redacted;
    }
}
