using Controls.Api.Actions;
using Controls.Api.OData;
using Controls.Api.Workspaces;

namespace Controls.Api;

public static class ControlsApiExtensions
{
    /// <summary>The API of the embedded host: workspace binding, the OData feed, the REST actions and their OpenAPI document.</summary>
    public static IHostApplicationBuilder AddControlsApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.AddControlsWorkspaces();
        builder.AddControlsOData();
        builder.AddControlsActions();
        return builder;
    }

    public static WebApplication UseControlsApi(this WebApplication app)
    {
        // Unhandled errors become RFC 7807 problem details without internals; so do bare status codes.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseControlsWorkspaces();
        return app;
    }

    public static WebApplication MapControlsApi(this WebApplication app)
    {
        app.MapOpenApi().AllowWithoutWorkspace();
        app.MapControllers();
        app.MapControlsActions();
        return app;
    }
}
