using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace Controls.Api.OData;

/// <summary>
/// Which navigation collections a read-model projection must fill. Navigations are correlated subqueries;
/// filling all of them on every request would run the whole graph for a plain <c>/odata/Frameworks</c>, so a
/// projection binds only the ones the query expands, plus any a $filter, $orderby or $apply mentions (an
/// <c>any()</c> over a navigation must have something to look at).
/// </summary>
public sealed partial class ExpansionPlan
{
    /// <summary>Deeper than any query the validation limits (expansion depth, any/all depth) allow.</summary>
    private const int MaxReferencedDepth = 3;

    private static readonly IReadOnlyDictionary<string, ExpansionPlan> NoChildren = new Dictionary<string, ExpansionPlan>();

    private readonly IReadOnlyDictionary<string, ExpansionPlan> _expanded;
    private readonly IReadOnlySet<string> _referenced;
    private readonly int _depth;

    private ExpansionPlan(IReadOnlyDictionary<string, ExpansionPlan> expanded, IReadOnlySet<string> referenced, int depth)
    {
        _expanded = expanded;
        _referenced = referenced;
        _depth = depth;
    }

    public static ExpansionPlan None { get; } = new(NoChildren, new HashSet<string>(), 0);

    public bool Includes(string navigation) =>
        _expanded.ContainsKey(navigation) || (_depth < MaxReferencedDepth && _referenced.Contains(navigation));

    public ExpansionPlan Into(string navigation) =>
        new(_expanded.GetValueOrDefault(navigation)?._expanded ?? NoChildren, _referenced, _depth + 1);

    public static ExpansionPlan From(ODataQueryOptions options)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in new[] { options.RawValues.Filter, options.RawValues.OrderBy, options.RawValues.Apply, options.RawValues.Compute, options.RawValues.Expand })
        {
            if (!string.IsNullOrEmpty(text))
            {
                foreach (Match match in Identifier().Matches(text))
                {
                    referenced.Add(match.Value);
                }
            }
        }

        IReadOnlyDictionary<string, ExpansionPlan> expanded = NoChildren;
        try
        {
            if (options.SelectExpand?.SelectExpandClause is { } clause)
            {
                expanded = FromClause(clause, referenced, 0);
            }
        }
        catch (ODataException)
        {
            // An invalid $expand is reported as 400 by query validation; the projection does not need it.
        }

        return new ExpansionPlan(expanded, referenced, 0);
    }

    private static Dictionary<string, ExpansionPlan> FromClause(SelectExpandClause clause, HashSet<string> referenced, int depth)
    {
        var result = new Dictionary<string, ExpansionPlan>(StringComparer.Ordinal);
        foreach (var item in clause.SelectedItems.OfType<ExpandedNavigationSelectItem>())
        {
            var name = item.PathToNavigationProperty.LastSegment switch
            {
                NavigationPropertySegment segment => segment.NavigationProperty.Name,
                var other => other.Identifier,
            };
            var children = item.SelectAndExpand is null ? NoChildren : FromClause(item.SelectAndExpand, referenced, depth + 1);
            result[name] = new ExpansionPlan(children, referenced, depth + 1);
        }

        return result;
    }

    [GeneratedRegex("[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Identifier();
}
