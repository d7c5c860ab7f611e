using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;
using Controls.Web.Presentation;

namespace Controls.Web.Posture;

public static class GapReading
{
    /// <summary>The requirements a gap blocks, from the read model's "framework/id, framework/id" column.</summary>
    public static IReadOnlyList<RequirementKey> Requirements(Gap gap) =>
        gap.Requirements
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(r => RequirementKey.TryParse(r, out var key) ? key : (RequirementKey?)null)
            .OfType<RequirementKey>()
            .ToList();

    public static IReadOnlyList<string> Surfaces(Gap gap) =>
        gap.Surfaces.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Worst status first, then the gaps that block most requirements, then the dearest.</summary>
    public static IEnumerable<Gap> InPriorityOrder(IEnumerable<Gap> gaps) =>
        gaps.OrderBy(g => StatusDisplay.Severity(g.Status))
            .ThenByDescending(g => Requirements(g).Count)
            .ThenByDescending(g => g.CostHigh)
            .ThenBy(g => g.CheckId, StringComparer.Ordinal)
            .ThenBy(g => g.SystemName, StringComparer.Ordinal);
}

/// <summary>Sums over a list of gaps: what closing all of them costs.</summary>
public sealed record GapTotals(int Count, double HoursLow, double HoursHigh, decimal CostLow, decimal CostHigh, int Findings)
{
    public static GapTotals Of(IReadOnlyCollection<Gap> gaps) =>
        new(gaps.Count, gaps.Sum(g => g.HoursLow), gaps.Sum(g => g.HoursHigh), gaps.Sum(g => g.CostLow), gaps.Sum(g => g.CostHigh), gaps.Sum(g => g.FindingCount));
}

/// <summary>The frameworks in the order people ask about them: the current ISO edition first.</summary>
public static class FrameworkOrder
{
    private static readonly string[] Preferred = [FrameworkIds.Iso27001V2022, FrameworkIds.Iso27001V2013, FrameworkIds.Soc2];

    public static IEnumerable<FrameworkDefinition> Of(ControlCatalog catalog) =>
        catalog.Frameworks.OrderBy(f => Array.IndexOf(Preferred, f.Id) is var i && i >= 0 ? i : Preferred.Length).ThenBy(f => f.Id, StringComparer.Ordinal);
}
