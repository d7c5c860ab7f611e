using Controls.Compliance.Collection;
using Controls.Compliance.Evidence;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Controls.Compliance.People;

public sealed class AccountInventoryOptions
{
    public const string Section = "Controls:Accounts";

    /// <summary>A system's account list older than this is stale: a review must not be built on last month's accounts.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(2);
}

/// <summary>Whether a system's accounts are known, and if not, why.</summary>
public enum AccountListState
{
    Known,
    NotCollected,
    Failed,
    Stale,
}

/// <summary>
/// The accounts of one system as its latest collection reported them. Anything but <see cref="AccountListState.Known"/>
/// means the accounts are unknown (never "none"): <see cref="Problem"/> says why, in words a reviewer can act on.
/// </summary>
public sealed record SystemAccounts(
    ConnectedSystem System, AccountListState State, long? RunId, DateTime? CollectedAt, IReadOnlyList<PlatformAccount> Accounts, string? Problem);

/// <summary>
/// The accounts every account-yielding system (any kind with an <see cref="IAccountSource"/>) reported in its
/// latest collection: what access reviews are built from and what training coverage checks privileged accounts against.
/// </summary>
public sealed class AccountInventory(ControlsDbContext db, IEnumerable<IAccountSource> sources, TimeProvider time, IOptions<AccountInventoryOptions> options)
{
    private readonly Dictionary<string, IAccountSource> _sources = sources.ToDictionary(s => s.SystemKind, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Kinds => _sources.Keys;

    public bool Yields(string systemKind) => _sources.ContainsKey(systemKind);

    /// <summary>Every enabled system of the caller's workspace that yields accounts.</summary>
    public async Task<IReadOnlyList<SystemAccounts>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var kinds = _sources.Keys.ToList();
        var systems = await db.Systems.AsNoTracking().Where(s => s.Enabled && kinds.Contains(s.Kind)).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var result = new List<SystemAccounts>();
        foreach (var system in systems)
        {
            result.Add(await ReadAsync(system, cancellationToken));
        }

        return result;
    }

    /// <summary>The system's accounts from its latest finished collection run.</summary>
    public async Task<SystemAccounts> ReadAsync(ConnectedSystem system, CancellationToken cancellationToken)
    {
        var run = await db.CollectionRuns.AsNoTracking()
            .Where(r => r.SystemId == system.Id && r.Outcome != RunOutcome.Running)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return Unknown(system, AccountListState.NotCollected, null, null, $"{system.Name} has not been collected yet, so its accounts are unknown.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var finished = run.FinishedAt ?? run.StartedAt;
        if (now - finished > options.Value.MaxAge)
        {
            return Unknown(system, AccountListState.Stale, run.Id, finished,
                $"The latest collection of {system.Name} (run {run.Id}) finished {finished:yyyy-MM-dd HH:mm} UTC, older than {options.Value.MaxAge.TotalHours:0} hours.");
        }

        return await ReadRunAsync(system, run, cancellationToken);
    }

    /// <summary>The accounts a given finished run recorded (how a decision is verified by the collection that followed it).</summary>
    public async Task<SystemAccounts> ReadRunAsync(ConnectedSystem system, CollectionRun run, CancellationToken cancellationToken)
    {
        var source = _sources.GetValueOrDefault(system.Kind)
            ?? throw new InvalidOperationException($"Systems of kind '{system.Kind}' do not yield accounts.");
        var finished = run.FinishedAt ?? run.StartedAt;
        if (run.Outcome == RunOutcome.Failed)
        {
            return Unknown(system, AccountListState.Failed, run.Id, finished, $"The latest collection of {system.Name} (run {run.Id}) failed: {run.Error}");
        }

        var snapshot = await RunEvidence.LoadAsync(db, run.Id, source.EvidenceKinds, cancellationToken);
        var failed = snapshot.Items.Where(i => i.Outcome == EvidenceOutcome.CollectionFailed).ToList();
        if (failed.Count > 0)
        {
            var reason = failed[0].Read<CollectionFailure>().Reason;
            return Unknown(system, AccountListState.Failed, run.Id, finished,
                $"{system.Name}'s accounts ({failed[0].Kind}) could not be collected in run {run.Id}: {reason}");
        }

        var missing = source.EvidenceKinds.Where(k => !snapshot.OfKind(k).Any()).ToList();
        if (missing.Count > 0)
        {
            return Unknown(system, AccountListState.Failed, run.Id, finished, $"Run {run.Id} of {system.Name} recorded no {string.Join(", ", missing)} evidence.");
        }

        var accounts = source.Extract(system, snapshot).DistinctBy(a => a.AccountKey, StringComparer.Ordinal).OrderBy(a => a.Login, StringComparer.OrdinalIgnoreCase).ToList();
        return new SystemAccounts(system, AccountListState.Known, run.Id, finished, accounts, null);
    }

    private static SystemAccounts Unknown(ConnectedSystem system, AccountListState state, long? runId, DateTime? at, string problem) =>
        new(system, state, runId, at, [], problem);
}
