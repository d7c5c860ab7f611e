using Controls.Compliance.Workspaces;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Controls.Api.Workspaces;

public sealed class WorkspaceOptions
{
    public const string Section = "Controls";

    /// <summary>The workspace a request without an <c>X-Controls-Workspace</c> header works in.</summary>
    public string DefaultWorkspace { get; set; } = "demo";
}

/// <summary>Marks an endpoint that serves no workspace data (health, $metadata, the OpenAPI document).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithoutWorkspaceAttribute : Attribute
{
}

/// <summary>
/// Binds each request to a workspace and a caller before anything queries: the workspace named by the
/// <c>X-Controls-Workspace</c> header, else the <c>workspace</c> query parameter, else <c>Controls:DefaultWorkspace</c>. Until authentication exists the
/// host listens on loopback only and every caller is the local user; adding authentication changes this class
/// and nothing else, because the DbContext's query filters do all the workspace filtering.
/// </summary>
public sealed class WorkspaceMiddleware(RequestDelegate next, IOptionsMonitor<WorkspaceOptions> options)
{
    public const string Header = "X-Controls-Workspace";
    public const string QueryParameter = "workspace";
    public const string LocalCaller = "local-user";

    public async Task InvokeAsync(HttpContext context, WorkspaceDirectory directory, CallerContext caller)
    {
        // Web pages bind their workspace themselves (Controls.Web can be hosted without this API) and answer an
        // unknown one with a page, not a problem document.
        if (!IsApiRequest(context.Request.Path) || IsWorkspaceFree(context))
        {
            await next(context);
            return;
        }

        var slug = SlugFor(context.Request, options.CurrentValue.DefaultWorkspace);
        var workspace = slug.Length <= 64 ? await directory.FindAsync(slug, context.RequestAborted) : null;
        if (workspace is null)
        {
            await WriteProblemAsync(
                context,
                StatusCodes.Status404NotFound,
                "Unknown workspace",
                $"Workspace '{(slug.Length <= 64 ? slug : slug[..64] + "…")}' does not exist. Name an existing one in the {Header} header or the ?{QueryParameter}= parameter.");
            return;
        }

        caller.Set(workspace.Id, LocalCaller);
        await next(context);
    }

    // Written directly: the problem-details service picks writers by endpoint, and an OData endpoint's would write nothing.
    internal static Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = status, Title = title, Detail = detail },
            (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json",
            context.RequestAborted);
    }

    /// <summary>
    /// Header first (API clients), then <c>?workspace=</c> (browser links and Excel feed URLs, which cannot set
    /// headers), then the configured default.
    /// </summary>
    private static string SlugFor(HttpRequest request, string defaultWorkspace)
    {
        var header = request.Headers[Header].ToString().Trim();
        if (header.Length > 0)
        {
            return header;
        }

        var query = request.Query[QueryParameter].ToString().Trim();
        return query.Length > 0 ? query : defaultWorkspace;
    }

    private static bool IsApiRequest(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/odata", StringComparison.OrdinalIgnoreCase);

    private static bool IsWorkspaceFree(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AllowWithoutWorkspaceAttribute>() is not null)
        {
            return true;
        }

        // The OData service and metadata documents describe the model, which is the same for every workspace.
        var path = context.Request.Path;
        return path.Equals("/odata", StringComparison.OrdinalIgnoreCase)
            || path.Equals("/odata/", StringComparison.OrdinalIgnoreCase)
            || path.Equals("/odata/$metadata", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// The API has no authentication yet and listens on loopback, so any web page the local user visits could
/// post to it (a multipart form needs no CORS preflight). Browsers send Origin on cross-origin writes; a
/// write whose Origin is not this host is refused.
/// </summary>
public sealed class CrossOriginWriteGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && origin.Length > 0
            && (!Uri.TryCreate(origin, UriKind.Absolute, out var originUri) || !string.Equals(originUri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)))
        {
            await WorkspaceMiddleware.WriteProblemAsync(
                context,
                StatusCodes.Status403Forbidden,
                "Cross-origin write refused",
                "Changes are accepted only from this host's own pages and from non-browser clients.");
            return;
        }

        await next(context);
    }
}

public static class WorkspaceServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddControlsWorkspaces(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkspaceOptions>().Bind(builder.Configuration.GetSection(WorkspaceOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DefaultWorkspace), "Controls:DefaultWorkspace must name a workspace.")
            .ValidateOnStart();
        return builder;
    }

    public static IApplicationBuilder UseControlsWorkspaces(this IApplicationBuilder app) =>
        app.UseMiddleware<CrossOriginWriteGuard>().UseMiddleware<WorkspaceMiddleware>();

    public static TBuilder AllowWithoutWorkspace<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AllowWithoutWorkspaceAttribute());
}
