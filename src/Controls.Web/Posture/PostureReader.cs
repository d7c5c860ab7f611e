using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Posture;

/// <summary>
/// Loads the caller workspace's statuses once per request: the requirement read model, the current result of
/// every check × system, and attestation validity — three queries whatever the catalog size.
/// </summary>
public sealed class PostureReader(ControlsDbContext db, ControlCatalog catalog, TimeProvider time)
{
    public async Task<PostureSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var statuses = await db.RequirementStatuses.AsNoTracking().ToListAsync(cancellationToken);
        var current = await db.CheckEvaluations.AsNoTracking().Where(e => e.IsCurrent).ToListAsync(cancellationToken);
        var attestations = await db.Attestations.AsNoTracking()
            .Select(a => new { a.CheckId, a.ValidUntil })
            .ToListAsync(cancellationToken);
        var validUntil = attestations
            .GroupBy(a => a.CheckId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(a => a.ValidUntil), StringComparer.Ordinal);
        return new PostureSnapshot(catalog, statuses, current, validUntil, time.GetUtcNow().UtcDateTime);
    }
}

/// <summary>
/// The statuses as shown. The read models are refreshed when an evaluation runs; if none has run since a
/// passing result's evidence aged past its freshness window (the scheduler stopped, an attestation expired
/// overnight), the page shows Stale instead of the recorded Pass — a Pass is never shown on expired evidence.
/// </summary>
public sealed class PostureSnapshot
{
    private readonly ControlCatalog _catalog;
    private readonly Dictionary<RequirementKey, RequirementStatus> _requirements;
    private readonly ILookup<string, CheckEvaluation> _currentByCheck;
    private readonly IReadOnlyDictionary<string, DateTime> _attestedUntil;
    private readonly HashSet<string> _checksWithExpiredPass = new(StringComparer.Ordinal);

    public PostureSnapshot(
        ControlCatalog catalog,
        IReadOnlyList<RequirementStatus> statuses,
        IReadOnlyList<CheckEvaluation> current,
        IReadOnlyDictionary<string, DateTime> attestedUntil,
        DateTime now)
    {
        _catalog = catalog;
        _attestedUntil = attestedUntil;
        Now = now;
        Current = current;
        _requirements = statuses.ToDictionary(s => new RequirementKey(s.FrameworkId, s.RequirementId));
        _currentByCheck = current.ToLookup(e => e.CheckId, StringComparer.Ordinal);
        EvaluatedAt = statuses.Count == 0 ? null : statuses.Max(s => s.UpdatedAt);
        foreach (var evaluation in current.Where(IsExpiredPass))
        {
            _checksWithExpiredPass.Add(evaluation.CheckId);
        }
    }

    public DateTime Now { get; }

    /// <summary>When the read models were last refreshed; null when the workspace was never evaluated.</summary>
    public DateTime? EvaluatedAt { get; }

    public IReadOnlyList<CheckEvaluation> Current { get; }

    /// <summary>Passing results whose evidence has expired since the last evaluation.</summary>
    public int ExpiredPassCount => Current.Count(IsExpiredPass);

    public IEnumerable<CheckEvaluation> CurrentFor(string checkId) => _currentByCheck[checkId];

    public RequirementStatus? Recorded(RequirementKey key) => _requirements.GetValueOrDefault(key);

    /// <summary>The requirement's status as shown: NeedsEvidence when never evaluated, Stale when a Pass rests on expired evidence.</summary>
    public CheckStatus StatusOf(RequirementKey key)
    {
        if (!_requirements.TryGetValue(key, out var recorded))
        {
            return CheckStatus.NeedsEvidence;
        }

        if (recorded.Status == CheckStatus.Pass && _catalog.ChecksEvidencing(key).Any(c => _checksWithExpiredPass.Contains(c.Id)))
        {
            return CheckStatus.Stale;
        }

        return recorded.Status;
    }

    public bool IsDowngraded(RequirementKey key) =>
        _requirements.TryGetValue(key, out var recorded) && recorded.Status != StatusOf(key);

    public CheckStatus StatusOf(CheckEvaluation evaluation) => IsExpiredPass(evaluation) ? CheckStatus.Stale : evaluation.Status;

    public bool IsExpiredPass(CheckEvaluation evaluation)
    {
        if (evaluation.Status != CheckStatus.Pass)
        {
            return false;
        }

        var expiresAt = ExpiresAt(evaluation);
        return expiresAt is null || expiresAt <= Now;
    }

    /// <summary>When the evidence behind a result stops being fresh; null when the result names no evidence time.</summary>
    public DateTime? ExpiresAt(CheckEvaluation evaluation)
    {
        var check = _catalog.FindCheck(evaluation.CheckId);
        if (check is null || evaluation.EvidenceCollectedAt is not { } collectedAt)
        {
            return null;
        }

        if (check.Type == CheckType.Attested && _attestedUntil.TryGetValue(check.Id, out var until))
        {
            return until;
        }

        return collectedAt + check.Freshness;
    }

    /// <summary>Counts of a framework's requirements per status as shown.</summary>
    public FrameworkPosture FrameworkPosture(FrameworkDefinition framework)
    {
        var counts = new Dictionary<CheckStatus, int>();
        foreach (var requirement in framework.Requirements)
        {
            var status = StatusOf(requirement.Key);
            counts[status] = counts.GetValueOrDefault(status) + 1;
        }

        return new FrameworkPosture(framework, counts);
    }
}

public sealed record FrameworkPosture(FrameworkDefinition Framework, IReadOnlyDictionary<CheckStatus, int> Counts)
{
    public int Total => Framework.Requirements.Count;

    public int Count(CheckStatus status) => Counts.GetValueOrDefault(status);

    /// <summary>Requirements not excluded: the denominator of the passing percentage.</summary>
    public int Applicable => Total - Count(CheckStatus.NotApplicable);
}
