using System.Text.Json;
using Controls.Compliance.Evidence;

namespace Controls.Compliance.Evaluation;

/// <summary>
/// The code half of an automated check (the catalog entry is the other half). It lives in the folder of the
/// collector that gathers its evidence and is found by assembly scanning, so adding a check touches nothing else.
/// It only decides Pass or Fail: missing, failed and stale evidence are ruled out before it is called.
/// </summary>
public interface ICheckEvaluator
{
    string CheckId { get; }

    /// <summary>The evidence kinds it reads. A collection failure on any of them makes the check Error.</summary>
    IReadOnlyCollection<string> EvidenceKinds { get; }

    /// <summary>
    /// Evidence this check also reads from the workspace's other systems (their latest runs): e.g. a platform whose
    /// own audit trail is short needs the log store's indices to see whether an export exists. Those items arrive in
    /// the same snapshot with <see cref="EvidenceItem.SourceSystem"/> set. A failed or stale source makes the check
    /// Error or Stale like its own evidence would; no source system at all is for the evaluator to judge.
    /// </summary>
    IReadOnlyCollection<WorkspaceEvidenceNeed> WorkspaceEvidence => [];

    CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters);
}

/// <summary>Evidence kinds read from every other system of <paramref name="SystemKind"/> in the workspace.</summary>
public sealed record WorkspaceEvidenceNeed(string SystemKind, IReadOnlyCollection<string> EvidenceKinds);

public sealed record FindingDraft(string Resource, string Message);

public sealed record CheckVerdict(bool Passed, string Summary, IReadOnlyList<FindingDraft> Findings)
{
    public static CheckVerdict Pass(string summary) => new(true, summary, []);

    public static CheckVerdict Fail(string summary, IReadOnlyList<FindingDraft> findings) => new(false, summary, findings);

    /// <summary>Pass when there are no findings, Fail listing them otherwise.</summary>
    public static CheckVerdict FromFindings(IReadOnlyList<FindingDraft> findings, string passSummary, string failSummary) =>
        findings.Count == 0 ? Pass(passSummary) : Fail(failSummary, findings);
}

/// <summary>One piece of evidence; <paramref name="SourceSystem"/> is null for the evaluated system's own, else the name of the other system it came from.</summary>
public sealed record EvidenceItem(long RecordId, string Kind, string Subject, EvidenceOutcome Outcome, DateTime CollectedAt, string Json, string? SourceSystem = null)
{
    public T Read<T>() => JsonSerializer.Deserialize<T>(Json, CanonicalJson.SerializerOptions)
        ?? throw new InvalidOperationException($"Evidence {Kind} for {Subject} is empty.");
}

/// <summary>The evidence of one system's latest finished collection run, by kind.</summary>
public sealed class EvidenceSnapshot(IReadOnlyList<EvidenceItem> items)
{
    private readonly ILookup<string, EvidenceItem> _byKind = items.ToLookup(i => i.Kind, StringComparer.Ordinal);

    public IReadOnlyList<EvidenceItem> Items => items;

    public IEnumerable<EvidenceItem> OfKind(string kind) => _byKind[kind];

    /// <summary>Collected items of a kind, deserialised; failures are excluded (they have already made the check Error).</summary>
    public IEnumerable<(string Subject, T Content)> All<T>(string kind) =>
        _byKind[kind].Where(i => i.Outcome == EvidenceOutcome.Collected).Select(i => (i.Subject, i.Read<T>()));

    /// <summary>The same snapshot with other systems' items added (see <see cref="ICheckEvaluator.WorkspaceEvidence"/>).</summary>
    public EvidenceSnapshot With(IEnumerable<EvidenceItem> more) => new([.. items, .. more]);

    public T? Single<T>(string kind)
        where T : class =>
        _byKind[kind].Where(i => i.Outcome == EvidenceOutcome.Collected).Select(i => i.Read<T>()).FirstOrDefault();
}

/// <summary>A check's parameters: catalog defaults, overridden per workspace.</summary>
public sealed class CheckParameters(IReadOnlyDictionary<string, string> valuesJson)
{
    public static readonly CheckParameters Empty = new(new Dictionary<string, string>());

    public int GetInt(string name) => Get<int>(name);

    public double GetNumber(string name) => Get<double>(name);

    public bool GetBool(string name) => Get<bool>(name);

    public string GetString(string name) => Get<string>(name);

    public IReadOnlyList<string> GetStrings(string name) => Get<List<string>>(name);

    private T Get<T>(string name) =>
        valuesJson.TryGetValue(name, out var json)
            ? JsonSerializer.Deserialize<T>(json, CanonicalJson.SerializerOptions)!
            : throw new KeyNotFoundException($"Parameter '{name}' is not declared in the catalog.");
}
