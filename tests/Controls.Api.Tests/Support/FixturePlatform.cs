using System.Collections.Concurrent;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;

namespace Controls.Api.Tests.Support;

public sealed record FixtureRepository(string Name, string? Owner, bool CredentialPresented);

/// <summary>
/// What the "fixture" platform reports per system name. The collector and evaluator below run through the real
/// runner, ledger and evaluation service, so API tests see real runs, evidence, Pass/Fail results and findings.
/// (The GitHub collector gets loopback fakes of its own; the API only needs some collector to drive.)
/// </summary>
public sealed class FixturePlatform
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<(string Name, string? Owner)>> _repositories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _outages = new(StringComparer.Ordinal);

    public void Serve(string systemName, params (string Name, string? Owner)[] repositories) => _repositories[systemName] = repositories;

    public void FailWith(string systemName, string reason) => _outages[systemName] = reason;

    public void Reset()
    {
        _repositories.Clear();
        _outages.Clear();
    }

    public IReadOnlyList<(string Name, string? Owner)> RepositoriesOf(string systemName) => _repositories.GetValueOrDefault(systemName) ?? [];

    public string? OutageOf(string systemName) => _outages.GetValueOrDefault(systemName);
}

public sealed class FixtureCollector(FixturePlatform platform) : ICollector
{
    public const string Kind = "fixture";
    public const string RepositoryEvidence = "fixture.repository";

    public string SystemKind => Kind;

    public Task CollectAsync(CollectionContext context, CancellationToken cancellationToken)
    {
        if (platform.OutageOf(context.System.Name) is { } reason)
        {
            throw new CollectionAbortedException(reason);
        }

        foreach (var (name, owner) in platform.RepositoriesOf(context.System.Name))
        {
            context.RequestCount++;
            context.Record(RepositoryEvidence, $"{context.System.Name}/{name}", new FixtureRepository(name, owner, context.Credential is not null));
        }

        return Task.CompletedTask;
    }
}

public sealed class FixtureOwnershipEvaluator : ICheckEvaluator
{
    public const string Id = "fixture.repository-owned";

    public string CheckId => Id;

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [FixtureCollector.RepositoryEvidence];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var findings = evidence.All<FixtureRepository>(FixtureCollector.RepositoryEvidence)
            .Where(r => string.IsNullOrEmpty(r.Content.Owner))
            .Select(r => new FindingDraft(r.Subject, "The repository names no owner."))
            .ToList();
        return CheckVerdict.FromFindings(findings, "Every repository names an owner.", $"{findings.Count} repository(ies) name no owner.");
    }
}
