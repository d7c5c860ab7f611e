using Controls.Compliance.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace Controls.Web.Workspaces;

/// <summary>
/// Binds every page request to one workspace before the page queries anything: the database filters all
/// workspace-owned rows by the caller context, so an unbound request would silently show empty pages.
/// The workspace comes from the host (a middleware that already set the caller context), else <c>?workspace=slug</c>,
/// else <c>Controls:DefaultWorkspace</c>. An unknown slug gets an explicit "no such workspace" page, never
/// another workspace's data.
/// </summary>
public sealed class WorkspacePageFilter(
    CallerContext caller,
    WorkspaceDirectory directory,
    CurrentWorkspace current,
    IOptions<WebOptions> options,
    IModelMetadataProvider metadata) : IAsyncPageFilter
{
    public const string QueryKey = "workspace";

    /// <summary>How the web UI is recorded as the caller until authentication exists.</summary>
    public const string WebCaller = "local-user";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var cancellationToken = context.HttpContext.RequestAborted;
        var all = await directory.ListAsync(cancellationToken);
        var requested = context.HttpContext.Request.Query[QueryKey].ToString().Trim();

        if (caller.WorkspaceId is { } boundId)
        {
            var bound = all.SingleOrDefault(w => w.Id == boundId);
            if (bound is null || (requested.Length > 0 && !string.Equals(requested, bound.Slug, StringComparison.Ordinal)))
            {
                // The host bound this request to another workspace; showing it under the requested name would mislead.
                current.ListOnly(all);
                context.Result = Problem(context, StatusCodes.Status409Conflict, requested, bound?.Slug);
                return;
            }

            current.Resolve(bound, all);
            await next();
            return;
        }

        var slug = requested.Length > 0 ? requested : options.Value.DefaultWorkspace;
        var workspace = all.SingleOrDefault(w => string.Equals(w.Slug, slug, StringComparison.Ordinal));
        if (workspace is null)
        {
            current.ListOnly(all);
            context.Result = Problem(context, StatusCodes.Status404NotFound, slug, null);
            return;
        }

        caller.Set(workspace.Id, WebCaller);
        current.Resolve(workspace, all);
        await next();
    }

    private PartialViewResult Problem(PageHandlerExecutingContext context, int status, string requested, string? boundSlug) =>
        new()
        {
            ViewName = "_WorkspaceProblem",
            StatusCode = status,
            ViewData = new ViewDataDictionary<WorkspaceProblem>(metadata, context.ModelState)
            {
                Model = new WorkspaceProblem(requested, boundSlug),
            },
        };
}

/// <summary>Why a page could not be shown for the requested workspace.</summary>
public sealed record WorkspaceProblem(string RequestedSlug, string? BoundSlug);
