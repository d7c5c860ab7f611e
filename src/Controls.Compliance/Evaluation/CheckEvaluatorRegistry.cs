using System.Collections.Frozen;
using Controls.Compliance.Catalog;

namespace Controls.Compliance.Evaluation;

/// <summary>
/// The installed evaluators by check id. Startup validation ties them to the catalog both ways: every automated
/// check has evaluation code, and no evaluator measures a check the catalog does not define.
/// </summary>
public sealed class CheckEvaluatorRegistry
{
    private readonly FrozenDictionary<string, ICheckEvaluator> _byId;

    public CheckEvaluatorRegistry(IEnumerable<ICheckEvaluator> evaluators)
    {
        var list = evaluators.ToList();
        var duplicate = list.GroupBy(e => e.CheckId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two evaluators claim check '{duplicate.Key}'.");
        }

        _byId = list.ToFrozenDictionary(e => e.CheckId, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<ICheckEvaluator> All => _byId.Values;

    public ICheckEvaluator? Find(string checkId) => _byId.GetValueOrDefault(checkId);

    public IReadOnlyList<string> Validate(ControlCatalog catalog)
    {
        var problems = new List<string>();
        foreach (var check in catalog.Checks.Where(c => c.Type == CheckType.Automated))
        {
            if (!_byId.ContainsKey(check.Id))
            {
                problems.Add($"{check.SourceFile}: automated check '{check.Id}' has no evaluation code (an ICheckEvaluator with this CheckId).");
            }
        }

        foreach (var evaluator in _byId.Values)
        {
            var check = catalog.FindCheck(evaluator.CheckId);
            if (check is null)
            {
                problems.Add($"{evaluator.GetType().Name} evaluates '{evaluator.CheckId}', which the catalog does not define.");
            }
            else if (check.Type != CheckType.Automated)
            {
                problems.Add($"{evaluator.GetType().Name} evaluates '{evaluator.CheckId}', which the catalog marks as attested.");
            }
        }

        return problems;
    }
}
