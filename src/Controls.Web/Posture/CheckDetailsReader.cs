using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Compliance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Posture;

/// <summary>
/// Everything a control or check page shows about a set of checks — current results per system, their findings,
/// the status history and the ledger records behind the current results — in a fixed number of queries.
/// </summary>
public sealed class CheckDetailsReader(ControlsDbContext db, CheckEvaluatorRegistry evaluators)
{
    /// <summary>History rows shown per page; an audit period of daily changes fits comfortably.</summary>
    public const int HistoryLimit = 300;

    /// <summary>Evidence records listed per page; the ledger holds the rest and the API exports it.</summary>
    public const int EvidenceLimit = 200;

    private const int Chunk = 400;

    public async Task<CheckDetails> LoadAsync(IReadOnlyCollection<CheckDefinition> checks, PostureSnapshot posture, CancellationToken cancellationToken)
    {
        var checkIds = checks.Select(c => c.Id).ToList();
        var current = checks.SelectMany(c => posture.CurrentFor(c.Id)).ToList();
        var currentIds = current.Select(e => e.Id).ToList();

        var systemNames = await db.Systems.AsNoTracking()
            .Select(s => new { s.Id, Name = s.DisplayName ?? s.Name })
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

        var findings = new List<Finding>();
        foreach (var chunk in currentIds.Chunk(Chunk))
        {
            findings.AddRange(await db.Findings.AsNoTracking().Where(f => chunk.Contains(f.EvaluationId)).ToListAsync(cancellationToken));
        }

        var history = await db.CheckEvaluations.AsNoTracking()
            .Where(e => checkIds.Contains(e.CheckId))
            .OrderByDescending(e => e.EvaluatedAt).ThenByDescending(e => e.Id)
            .Take(HistoryLimit + 1)
            .ToListAsync(cancellationToken);

        var attestations = await db.Attestations.AsNoTracking()
            .Where(a => checkIds.Contains(a.CheckId))
            .OrderByDescending(a => a.UploadedAt)
            .ToListAsync(cancellationToken);

        var evidence = await LoadEvidenceAsync(checks, current, attestations, systemNames, cancellationToken);
        return new CheckDetails(
            current,
            findings.ToLookup(f => f.EvaluationId),
            history.Take(HistoryLimit).ToList(),
            history.Count > HistoryLimit,
            attestations,
            evidence.Take(EvidenceLimit).ToList(),
            evidence.Count,
            systemNames);
    }

    /// <summary>
    /// The records behind each current result: for an automated check, the records of the evaluated run of the
    /// kinds its evaluator reads; for an attested check, the uploaded file's record.
    /// </summary>
    private async Task<List<EvidenceRow>> LoadEvidenceAsync(
        IReadOnlyCollection<CheckDefinition> checks,
        IReadOnlyList<CheckEvaluation> current,
        IReadOnlyList<Attestation> attestations,
        IReadOnlyDictionary<int, string> systemNames,
        CancellationToken cancellationToken)
    {
        var kindsByCheck = checks
            .Where(c => c.Type == CheckType.Automated)
            .ToDictionary(c => c.Id, c => evaluators.Find(c.Id)?.EvidenceKinds ?? [], StringComparer.Ordinal);
        var runIds = current.Where(e => e.RunId is not null && kindsByCheck.ContainsKey(e.CheckId)).Select(e => e.RunId!.Value).Distinct().ToList();
        var kinds = kindsByCheck.Values.SelectMany(k => k).Distinct(StringComparer.Ordinal).ToList();
        var attestationRecordIds = attestations.Select(a => a.EvidenceRecordId).Distinct().ToList();

        var records = new List<EvidenceRecord>();
        foreach (var chunk in runIds.Chunk(Chunk))
        {
            records.AddRange(await db.EvidenceRecords.AsNoTracking()
                .Where(r => chunk.Contains(r.RunId) && kinds.Contains(r.Kind))
                .OrderBy(r => r.Sequence)
                .ToListAsync(cancellationToken));
        }

        foreach (var chunk in attestationRecordIds.Chunk(Chunk))
        {
            records.AddRange(await db.EvidenceRecords.AsNoTracking().Where(r => chunk.Contains(r.Id)).ToListAsync(cancellationToken));
        }

        var byRun = records.ToLookup(r => r.RunId);
        var byId = records.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First());
        var rows = new List<EvidenceRow>();
        foreach (var evaluation in current.OrderBy(e => e.CheckId, StringComparer.Ordinal).ThenBy(e => e.SystemId))
        {
            if (evaluation.RunId is { } runId && kindsByCheck.TryGetValue(evaluation.CheckId, out var checkKinds))
            {
                rows.AddRange(byRun[runId]
                    .Where(r => checkKinds.Contains(r.Kind))
                    .Select(r => new EvidenceRow(evaluation.CheckId, r, systemNames.GetValueOrDefault(r.SystemId, $"system {r.SystemId}"))));
            }
        }

        foreach (var attestation in attestations)
        {
            if (byId.TryGetValue(attestation.EvidenceRecordId, out var record))
            {
                rows.Add(new EvidenceRow(attestation.CheckId, record, systemNames.GetValueOrDefault(record.SystemId, $"system {record.SystemId}")));
            }
        }

        return rows;
    }
}

public sealed record EvidenceRow(string CheckId, EvidenceRecord Record, string SystemName);

public sealed record CheckDetails(
    IReadOnlyList<CheckEvaluation> Current,
    ILookup<long, Finding> FindingsByEvaluation,
    IReadOnlyList<CheckEvaluation> History,
    bool HistoryTruncated,
    IReadOnlyList<Attestation> Attestations,
    IReadOnlyList<EvidenceRow> Evidence,
    int EvidenceTotal,
    IReadOnlyDictionary<int, string> SystemNames)
{
    public string SystemName(int? systemId) =>
        systemId is { } id ? SystemNames.GetValueOrDefault(id, $"system {id}") : "Workspace";

    public IEnumerable<Finding> Findings => Current.SelectMany(e => FindingsByEvaluation[e.Id]);
}
