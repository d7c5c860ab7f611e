using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData;

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
        // One level: Requirements?$expand=Checks, Evaluations?$expand=Findings. Expanded collections are paged
        // too, and a paged collection inside a paged collection needs SQL APPLY, which SQLite does not have.
        MaxExpansionDepth = 1;
        MaxNodeCount = 100;
        MaxAnyAllExpressionDepth = 2;
        MaxOrderByNodeCount = 5;
        AllowedQueryOptions = AllowedQueryOptions.Filter | AllowedQueryOptions.Select | AllowedQueryOptions.Expand
            | AllowedQueryOptions.OrderBy | AllowedQueryOptions.Top | AllowedQueryOptions.Skip | AllowedQueryOptions.Count
            | AllowedQueryOptions.Apply | AllowedQueryOptions.Format | AllowedQueryOptions.SkipToken;
        AllowedFunctions = AllowedFunctions.Contains | AllowedFunctions.StartsWith | AllowedFunctions.EndsWith
            | AllowedFunctions.ToLower | AllowedFunctions.ToUpper | AllowedFunctions.Trim | AllowedFunctions.Length
            | AllowedFunctions.Year | AllowedFunctions.Month | AllowedFunctions.Day | AllowedFunctions.Date
            | AllowedFunctions.Any | AllowedFunctions.All;
        AllowedArithmeticOperators = AllowedArithmeticOperators.None;
        AllowedLogicalOperators = AllowedLogicalOperators.All;
        HandleNullPropagation = HandleNullPropagationOption.False;
        EnsureStableOrdering = true;
    }

    public override void OnActionExecuting(ActionExecutingContext actionExecutingContext)
    {
        base.OnActionExecuting(actionExecutingContext);
        StripInnerError(actionExecutingContext.Result);
    }

    public override void OnActionExecuted(ActionExecutedContext actionExecutedContext)
    {
        base.OnActionExecuted(actionExecutedContext);
        StripInnerError(actionExecutedContext.Result);
    }

    // The message already names what is wrong with the query; the inner error would add the server's stack trace.
    private static void StripInnerError(IActionResult? result)
    {
        switch (result)
        {
            case ObjectResult { Value: ODataError error }:
                error.InnerError = null;
                break;
            case ObjectResult { Value: SerializableError serializable } objectResult when serializable.TryGetValue("Message", out var message):
                objectResult.Value = new ODataError { Code = "400", Message = message?.ToString() };
                break;
        }
    }
}
