using Microsoft.AspNetCore.OData.Query;

namespace Controls.Api.OData;

/// <summary>
/// The query limits of every /odata entity set. Anything beyond them (a huge $top, a deep $expand, a giant
/// $filter, a function not listed) is answered 400 with OData's message before a query touches the database.
/// </summary>
public sealed class ControlsQueryAttribute : EnableQueryAttribute
{
    public const int DefaultPageSize = 100;
    public const int MaxTopValue = 1000;

    public ControlsQueryAttribute()
    {
        PageSize = DefaultPageSize;
        MaxTop = MaxTopValue;
        MaxSkip = 1_000_000;
        MaxExpansionDepth = 2;
        MaxNodeCount = 100;
        MaxAnyAllExpressionDepth = 2;
        MaxOrderByNodeCount = 5;
        AllowedQueryOptions = AllowedQueryOptions.Filter | AllowedQueryOptions.Select | AllowedQueryOptions.Expand
            | AllowedQueryOptions.OrderBy | AllowedQueryOptions.Top | AllowedQueryOptions.Skip | AllowedQueryOptions.Count
            | AllowedQueryOptions.Apply | AllowedQueryOptions.Format;
        AllowedFunctions = AllowedFunctions.Contains | AllowedFunctions.StartsWith | AllowedFunctions.EndsWith
            | AllowedFunctions.ToLower | AllowedFunctions.ToUpper | AllowedFunctions.Trim | AllowedFunctions.Length
            | AllowedFunctions.Year | AllowedFunctions.Month | AllowedFunctions.Day | AllowedFunctions.Date
            | AllowedFunctions.Any | AllowedFunctions.All;
        AllowedArithmeticOperators = AllowedArithmeticOperators.None;
        AllowedLogicalOperators = AllowedLogicalOperators.All;
        HandleNullPropagation = HandleNullPropagationOption.False;
        EnsureStableOrdering = true;
    }
}
