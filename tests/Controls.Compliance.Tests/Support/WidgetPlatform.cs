using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;

namespace Controls.Compliance.Tests.Support;

/// <summary>
/// The test catalog's platform. Its "state" is whatever the test puts in <see cref="Widgets"/>; the collector
/// reports it like a real one would, including per-item failures and whole-run failures.
/// </summary>
public sealed class WidgetPlatform
{
    public Dictionary<string, bool> Widgets { get; } = new() { ["w1"] = true, ["w2"] = true };

    public Exception? FailWith { get; set; }

    public bool FailWidgetListing { get; set; }
}

public sealed record WidgetEvidence(string Name, bool Locked);

public sealed class WidgetCollector(WidgetPlatform platform) : ICollector
{
    public const string Kind = "widgets.widget";

    public string SystemKind => TestCatalog.SystemKind;

    public Task CollectAsync(CollectionContext context, CancellationToken cancellationToken)
    {
        context.RequestCount++;
        if (platform.FailWith is { } failure)
        {
            throw failure;
        }

        if (platform.FailWidgetListing)
        {
            context.RecordFailure(Kind, context.System.Name, new CollectionFailure("Listing widgets was forbidden", 403));
            return Task.CompletedTask;
        }

        foreach (var (name, locked) in platform.Widgets)
        {
            context.Record(Kind, $"{context.System.Name}/{name}", new WidgetEvidence(name, locked));
        }

        return Task.CompletedTask;
    }
}

public sealed class WidgetsLockedEvaluator : ICheckEvaluator
{
    public string CheckId => TestCatalog.AutomatedCheck;

    public IReadOnlyCollection<string> EvidenceKinds => [WidgetCollector.Kind];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var unlocked = evidence.All<WidgetEvidence>(WidgetCollector.Kind)
            .Where(w => !w.Content.Locked)
            .Select(w => new FindingDraft(w.Subject, $"widget `{w.Content.Name}` is unlocked"))
            .ToList();
        return unlocked.Count <= parameters.GetInt("maxUnlocked")
            ? CheckVerdict.Pass("All widgets are locked.")
            : CheckVerdict.Fail($"{unlocked.Count} widget(s) unlocked.", unlocked);
    }
}
