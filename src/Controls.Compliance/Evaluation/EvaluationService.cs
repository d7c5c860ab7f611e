using System.Collections.Concurrent;
using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;
using Controls.Compliance.Evidence;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Controls.Compliance.Evaluation;

/// <summary>Serialises evaluations per workspace so two finishing runs never write two "current" results.</summary>
public sealed class EvaluationGate
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _gates = new();

    public SemaphoreSlim For(int workspaceId) => _gates.GetOrAdd(workspaceId, _ => new SemaphoreSlim(1, 1));
}

/// <summary>
/// Turns the caller workspace's evidence into a result per check × system, appends changed results to the
/// evaluation history, and refreshes the requirement-status and gap read models.
/// </summary>
public sealed class EvaluationService(
    ControlsDbContext db,
    ICallerContext caller,
    ControlCatalog catalog,
    CheckEvaluatorRegistry evaluators,
    EvaluationGate gate,
    TimeProvider time)
{
    private const int Chunk = 400;

    public async Task EvaluateWorkspaceAsync(CancellationToken cancellationToken)
    {
        var workspaceId = caller.WorkspaceId ?? throw new InvalidOperationException("Evaluation needs a workspace.");
        var semaphore = gate.For(workspaceId);
        await semaphore.WaitAsync(cancellationToken);
        try
        {
            var inputs = await LoadInputsAsync(workspaceId, cancellationToken);
            var results = Evaluate(inputs);
            await PersistAsync(inputs, results, cancellationToken);
        }
        finally
        {
            semaphore.Release();
        }
    }

    /// <summary>Pure evaluation over loaded inputs; public so the rules can be tested and benchmarked without I/O.</summary>
    public IReadOnlyList<EvaluationResult> Evaluate(EvaluationInputs inputs)
    {
        var results = new List<EvaluationResult>();
        foreach (var check in catalog.Checks)
        {
            if (check.Type == CheckType.Attested)
            {
                results.Add(EvaluateAttested(check, inputs));
                continue;
            }

            var systems = inputs.Systems.Where(s => check.SystemKinds.Contains(s.Kind)).ToList();
            if (systems.Count == 0)
            {
                results.Add(inputs.IsExcluded(check.Id, null, out var why)
                    ? Result(check, null, CheckStatus.NotApplicable, $"Not applicable: {why}")
                    : Result(check, null, CheckStatus.NeedsEvidence, $"No connected {string.Join(" or ", check.SystemKinds)} system provides evidence for this check."));
                continue;
            }

            foreach (var system in systems)
            {
                results.Add(EvaluateOnSystem(check, system, inputs));
            }
        }

        return results;
    }

    private static EvaluationResult EvaluateAttested(CheckDefinition check, EvaluationInputs inputs)
    {
        if (inputs.IsExcluded(check.Id, null, out var why))
        {
            return Result(check, null, CheckStatus.NotApplicable, $"Not applicable: {why}");
        }

        var latest = inputs.Attestations.Where(a => a.CheckId == check.Id).MaxBy(a => a.ValidUntil);
        if (latest is null)
        {
            return Result(check, null, CheckStatus.NeedsEvidence, $"No evidence uploaded. Needed: {check.Attestation?.Evidence}");
        }

        if (latest.ValidUntil <= inputs.Now)
        {
            return Result(check, null, CheckStatus.NeedsEvidence,
                $"The last upload ('{latest.Title}', owner {latest.Owner}) expired on {latest.ValidUntil:yyyy-MM-dd}.");
        }

        return Result(check, null, CheckStatus.Pass,
            $"'{latest.Title}' attested by {latest.Owner}, valid until {latest.ValidUntil:yyyy-MM-dd}.", collectedAt: latest.UploadedAt);
    }

    private EvaluationResult EvaluateOnSystem(CheckDefinition check, ConnectedSystem system, EvaluationInputs inputs)
    {
        if (inputs.IsExcluded(check.Id, system.Id, out var why))
        {
            return Result(check, system, CheckStatus.NotApplicable, $"Not applicable: {why}");
        }

        if (!inputs.LatestRuns.TryGetValue(system.Id, out var run))
        {
            return Result(check, system, CheckStatus.NeedsEvidence, $"{system.Name} has not been collected yet.");
        }

        if (run.Outcome == RunOutcome.Failed)
        {
            return Result(check, system, CheckStatus.Error, $"The last collection of {system.Name} failed: {run.Error}", run,
                [new FindingDraft(system.Name, $"Collection run {run.Id} failed: {run.Error}")]);
        }

        var evaluator = evaluators.Find(check.Id);
        if (evaluator is null)
        {
            return Result(check, system, CheckStatus.Error, "No evaluation code is installed for this check.", run);
        }

        var snapshot = inputs.Snapshots.GetValueOrDefault(run.Id) ?? new EvidenceSnapshot([]);
        var failures = snapshot.Items
            .Where(i => i.Outcome == EvidenceOutcome.CollectionFailed && evaluator.EvidenceKinds.Contains(i.Kind))
            .ToList();
        if (failures.Count > 0)
        {
            var findings = failures.Select(f => new FindingDraft(f.Subject, $"{f.Kind} could not be collected: {DescribeFailure(f)}")).ToList();
            return Result(check, system, CheckStatus.Error, $"{failures.Count} piece(s) of evidence this check needs could not be collected.", run, findings);
        }

        if (inputs.Now - run.FinishedAt!.Value > check.Freshness)
        {
            return Result(check, system, CheckStatus.Stale,
                $"The newest evidence from {system.Name} is from {run.FinishedAt:yyyy-MM-dd HH:mm} UTC, older than the {FormatWindow(check.Freshness)} freshness window.", run);
        }

        if (evaluator.WorkspaceEvidence.Count > 0)
        {
            var (blocked, borrowed) = BorrowWorkspaceEvidence(check, evaluator, system, run, inputs);
            if (blocked is not null)
            {
                return blocked;
            }

            snapshot = snapshot.With(borrowed);
        }

        try
        {
            var verdict = evaluator.Evaluate(snapshot, inputs.ParametersFor(check));
            return Result(check, system, verdict.Passed ? CheckStatus.Pass : CheckStatus.Fail, verdict.Summary, run, verdict.Findings);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or NullReferenceException)
        {
            return Result(check, system, CheckStatus.Error, $"The evidence could not be evaluated: {ex.Message}", run);
        }
    }

    /// <summary>
    /// Gathers the evidence a check reads from the workspace's other systems. A source that failed, is stale, or has
    /// not been collected yet stops the evaluation with Error, Stale or NeedsEvidence: a check must not pass (or fail)
    /// on another system's evidence that is not there.
    /// </summary>
    private static (EvaluationResult? Blocked, List<EvidenceItem> Items) BorrowWorkspaceEvidence(
        CheckDefinition check, ICheckEvaluator evaluator, ConnectedSystem system, CollectionRun run, EvaluationInputs inputs)
    {
        var items = new List<EvidenceItem>();
        foreach (var need in evaluator.WorkspaceEvidence)
        {
            foreach (var source in inputs.Systems.Where(s => s.Id != system.Id && s.Kind == need.SystemKind))
            {
                if (!inputs.LatestRuns.TryGetValue(source.Id, out var sourceRun))
                {
                    return (Result(check, system, CheckStatus.NeedsEvidence, $"{source.Name} ({source.Kind}), which this check also reads, has not been collected yet.", run), items);
                }

                if (sourceRun.Outcome == RunOutcome.Failed)
                {
                    return (Result(check, system, CheckStatus.Error, $"The last collection of {source.Name}, which this check also reads, failed: {sourceRun.Error}", run,
                        [new FindingDraft(source.Name, $"Collection run {sourceRun.Id} failed: {sourceRun.Error}")]), items);
                }

                if (inputs.Now - sourceRun.FinishedAt!.Value > check.Freshness)
                {
                    return (Result(check, system, CheckStatus.Stale,
                        $"The newest evidence from {source.Name}, which this check also reads, is from {sourceRun.FinishedAt:yyyy-MM-dd HH:mm} UTC, older than the {FormatWindow(check.Freshness)} freshness window.", run), items);
                }

                var sourceItems = (inputs.Snapshots.GetValueOrDefault(sourceRun.Id) ?? new EvidenceSnapshot([])).Items
                    .Where(i => need.EvidenceKinds.Contains(i.Kind))
                    .ToList();
                var failed = sourceItems.Where(i => i.Outcome == EvidenceOutcome.CollectionFailed).ToList();
                if (failed.Count > 0)
                {
                    return (Result(check, system, CheckStatus.Error,
                        $"{failed.Count} piece(s) of evidence this check reads from {source.Name} could not be collected.", run,
                        failed.Select(f => new FindingDraft($"{source.Name}/{f.Subject}", $"{f.Kind} could not be collected: {DescribeFailure(f)}")).ToList()), items);
                }

                items.AddRange(sourceItems.Select(i => i with { SourceSystem = source.Name }));
            }
        }

        return (null, items);
    }

    private static string DescribeFailure(EvidenceItem item)
    {
        var failure = item.Read<CollectionFailure>();
        return failure.HttpStatus is { } status ? $"{failure.Reason} (HTTP {status})" : failure.Reason;
    }

    private static string FormatWindow(TimeSpan window) =>
        window.TotalHours < 48 ? $"{window.TotalHours:0}-hour" : $"{window.TotalDays:0}-day";

    private static EvaluationResult Result(
        CheckDefinition check,
        ConnectedSystem? system,
        CheckStatus status,
        string summary,
        CollectionRun? run = null,
        IReadOnlyList<FindingDraft>? findings = null,
        DateTime? collectedAt = null) =>
        new(check, system, status, summary, run?.Id, collectedAt ?? run?.FinishedAt, findings ?? []);

    public async Task<EvaluationInputs> LoadInputsAsync(int workspaceId, CancellationToken cancellationToken)
    {
        var workspace = await db.Workspaces.SingleAsync(w => w.Id == workspaceId, cancellationToken);
        var systems = await db.Systems.AsNoTracking().Where(s => s.Enabled).ToListAsync(cancellationToken);
        var latestRunIds = await db.CollectionRuns
            .Where(r => r.Outcome != RunOutcome.Running)
            .GroupBy(r => r.SystemId)
            .Select(g => g.Max(r => r.Id))
            .ToListAsync(cancellationToken);
        var runs = new Dictionary<int, CollectionRun>();
        foreach (var chunk in latestRunIds.Chunk(Chunk))
        {
            foreach (var run in await db.CollectionRuns.AsNoTracking().Where(r => chunk.Contains(r.Id)).ToListAsync(cancellationToken))
            {
                runs[run.SystemId] = run;
            }
        }

        // Only systems an automated check reads: uploaded files (kind "manual") are never loaded here.
        var measuredKinds = catalog.Checks.Where(c => c.Type == CheckType.Automated).SelectMany(c => c.SystemKinds)
            .Concat(evaluators.All.SelectMany(e => e.WorkspaceEvidence).Select(n => n.SystemKind))
            .ToHashSet(StringComparer.Ordinal);
        var measuredSystems = systems.Where(s => measuredKinds.Contains(s.Kind)).Select(s => s.Id).ToHashSet();
        var snapshots = await LoadSnapshotsAsync(
            runs.Values.Where(r => r.Outcome != RunOutcome.Failed && measuredSystems.Contains(r.SystemId)).Select(r => r.Id).ToList(),
            cancellationToken);
        var exclusions = await db.Exclusions.AsNoTracking().ToListAsync(cancellationToken);
        var overrides = await db.ParameterOverrides.AsNoTracking().ToListAsync(cancellationToken);
        var attestations = await db.Attestations.AsNoTracking().ToListAsync(cancellationToken);
        return new EvaluationInputs(workspace, time.GetUtcNow().UtcDateTime, systems, runs, snapshots, exclusions, overrides, attestations);
    }

    private async Task<Dictionary<long, EvidenceSnapshot>> LoadSnapshotsAsync(List<long> runIds, CancellationToken cancellationToken)
    {
        var records = new List<EvidenceRecord>();
        foreach (var chunk in runIds.Chunk(Chunk))
        {
            records.AddRange(await db.EvidenceRecords.AsNoTracking().Where(e => chunk.Contains(e.RunId)).ToListAsync(cancellationToken));
        }

        var contents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in records.Select(r => r.ContentSha256).Distinct().Chunk(Chunk))
        {
            foreach (var content in await db.EvidenceContents.AsNoTracking().Where(c => chunk.Contains(c.Sha256)).ToListAsync(cancellationToken))
            {
                contents[content.Sha256] = content.Json;
            }
        }

        return records
            .GroupBy(r => r.RunId)
            .ToDictionary(
                g => g.Key,
                g => new EvidenceSnapshot(g.OrderBy(r => r.Sequence)
                    .Select(r => new EvidenceItem(r.Id, r.Kind, r.Subject, r.Outcome, r.CollectedAt, contents.GetValueOrDefault(r.ContentSha256, "null")))
                    .ToList()));
    }

    private async Task PersistAsync(EvaluationInputs inputs, IReadOnlyList<EvaluationResult> results, CancellationToken cancellationToken)
    {
        var now = inputs.Now;
        var workspaceId = inputs.Workspace.Id;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var current = await db.CheckEvaluations.Where(e => e.IsCurrent).ToListAsync(cancellationToken);
        var currentByKey = current.ToDictionary(e => (e.CheckId, e.SystemId));
        var confirmed = new List<long>();
        var stillCurrent = new HashSet<long>();
        var currentRows = new Dictionary<(string, int?), CheckEvaluation>();
        foreach (var result in results)
        {
            var key = (result.Check.Id, result.System?.Id);
            var fingerprint = result.Fingerprint();
            if (currentByKey.TryGetValue(key, out var existing) && existing.Fingerprint == fingerprint)
            {
                confirmed.Add(existing.Id);
                stillCurrent.Add(existing.Id);
                currentRows[key] = existing;
                continue;
            }

            var evaluation = new CheckEvaluation
            {
                WorkspaceId = workspaceId,
                CheckId = result.Check.Id,
                SystemId = result.System?.Id,
                Status = result.Status,
                Summary = Truncate(result.Summary, 2000),
                EvaluatedAt = now,
                ConfirmedAt = now,
                RunId = result.RunId,
                EvidenceCollectedAt = result.EvidenceCollectedAt,
                Fingerprint = fingerprint,
                IsCurrent = true,
                Findings = result.Findings.Select(f => new Finding
                {
                    WorkspaceId = workspaceId,
                    CheckId = result.Check.Id,
                    SystemId = result.System?.Id,
                    Status = result.Status,
                    Resource = Truncate(f.Resource, 400),
                    Message = Truncate(f.Message, 2000),
                    DetectedAt = now,
                }).ToList(),
            };
            db.CheckEvaluations.Add(evaluation);
            currentRows[key] = evaluation;
        }

        foreach (var old in current.Where(e => !stillCurrent.Contains(e.Id)))
        {
            old.IsCurrent = false;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var chunk in confirmed.Chunk(Chunk))
        {
            await db.CheckEvaluations.Where(e => chunk.Contains(e.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConfirmedAt, now), cancellationToken);
        }

        await RefreshReadModelsAsync(inputs, results, currentRows, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task RefreshReadModelsAsync(
        EvaluationInputs inputs,
        IReadOnlyList<EvaluationResult> results,
        Dictionary<(string, int?), CheckEvaluation> currentRows,
        CancellationToken cancellationToken)
    {
        var now = inputs.Now;
        var workspaceId = inputs.Workspace.Id;
        var openSince = await db.Gaps.AsNoTracking()
            .Select(g => new { g.CheckId, g.SystemId, g.OpenSince })
            .ToListAsync(cancellationToken);
        var openSinceByKey = openSince.ToDictionary(g => (g.CheckId, g.SystemId), g => g.OpenSince);
        await db.RequirementStatuses.ExecuteDeleteAsync(cancellationToken);
        await db.Gaps.ExecuteDeleteAsync(cancellationToken);

        // ExecuteDelete bypasses the change tracker: rows a previous evaluation in this scope added are still
        // tracked and would collide with the fresh ones (same RequirementStatus keys).
        foreach (var stale in db.ChangeTracker.Entries().Where(e => e.Entity is RequirementStatus or Gap).ToList())
        {
            stale.State = EntityState.Detached;
        }

        var byCheck = results.ToLookup(r => r.Check.Id, StringComparer.Ordinal);
        foreach (var requirement in catalog.Requirements)
        {
            var statuses = catalog.ChecksEvidencing(requirement.Key).SelectMany(c => byCheck[c.Id]).Select(r => r.Status).ToList();
            db.RequirementStatuses.Add(new RequirementStatus
            {
                WorkspaceId = workspaceId,
                FrameworkId = requirement.FrameworkId,
                RequirementId = requirement.Id,
                Status = StatusRollup.Combine(statuses),
                PassCount = statuses.Count(s => s == CheckStatus.Pass),
                FailCount = statuses.Count(s => s == CheckStatus.Fail),
                ErrorCount = statuses.Count(s => s == CheckStatus.Error),
                StaleCount = statuses.Count(s => s == CheckStatus.Stale),
                NeedsEvidenceCount = statuses.Count(s => s == CheckStatus.NeedsEvidence),
                NotApplicableCount = statuses.Count(s => s == CheckStatus.NotApplicable),
                UpdatedAt = now,
            });
        }

        foreach (var result in results.Where(r => r.Status is not (CheckStatus.Pass or CheckStatus.NotApplicable)))
        {
            var check = result.Check;
            var rate = inputs.Workspace.HourlyRate;
            var key = (check.Id, result.System?.Id);
            db.Gaps.Add(new Gap
            {
                WorkspaceId = workspaceId,
                CheckId = check.Id,
                CheckTitle = check.Title,
                SystemId = result.System?.Id,
                SystemName = result.System?.DisplayName ?? result.System?.Name,
                Status = result.Status,
                Surface = check.PrimarySurface,
                Surfaces = string.Join(", ", check.Surfaces),
                Remediation = check.Remediation,
                HoursLow = check.Retrofit.HoursLow,
                HoursHigh = check.Retrofit.HoursHigh,
                CostLow = (decimal)check.Retrofit.HoursLow * rate,
                CostHigh = (decimal)check.Retrofit.HoursHigh * rate,
                FindingCount = result.Findings.Count,
                Requirements = Truncate(string.Join(", ", check.Evidences), 4000),
                OpenSince = openSinceByKey.TryGetValue(key, out var since) ? since : currentRows[key].EvaluatedAt,
                UpdatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}

public sealed record EvaluationResult(
    CheckDefinition Check,
    ConnectedSystem? System,
    CheckStatus Status,
    string Summary,
    long? RunId,
    DateTime? EvidenceCollectedAt,
    IReadOnlyList<FindingDraft> Findings)
{
    public string Fingerprint()
    {
        var findings = Findings.Select(f => f.Resource + "\u001f" + f.Message).Order(StringComparer.Ordinal);
        return CanonicalJson.Sha256Hex(string.Join('\u001e', [Status.ToString(), Summary, .. findings]));
    }
}

/// <summary>Everything one evaluation pass reads, loaded up front.</summary>
public sealed record EvaluationInputs(
    Workspace Workspace,
    DateTime Now,
    IReadOnlyList<ConnectedSystem> Systems,
    IReadOnlyDictionary<int, CollectionRun> LatestRuns,
    IReadOnlyDictionary<long, EvidenceSnapshot> Snapshots,
    IReadOnlyList<Exclusion> Exclusions,
    IReadOnlyList<ParameterOverride> Overrides,
    IReadOnlyList<Attestation> Attestations)
{
    public bool IsExcluded(string checkId, int? systemId, out string justification)
    {
        var exclusion = Exclusions.FirstOrDefault(e => e.CheckId == checkId && (e.SystemId is null || e.SystemId == systemId));
        justification = exclusion?.Justification ?? string.Empty;
        return exclusion is not null;
    }

    public CheckParameters ParametersFor(CheckDefinition check)
    {
        var values = check.Parameters.ToDictionary(p => p.Name, p => p.DefaultValue, StringComparer.Ordinal);
        foreach (var o in Overrides.Where(o => o.CheckId == check.Id && values.ContainsKey(o.Name)))
        {
            values[o.Name] = o.ValueJson;
        }

        return new CheckParameters(values);
    }
}
