using Controls.Web.Posture;
using Controls.Web.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Controls.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>The path the embedded stylesheet and scripts are served under (the Razor class library convention).</summary>
    public const string ContentPath = "/_content/Controls.Web";

    public static IHostApplicationBuilder AddControlsWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebOptions>()
            .Configure<IConfiguration>((o, configuration) =>
                o.DefaultWorkspace = configuration[WebOptions.DefaultWorkspaceKey] is { Length: > 0 } slug ? slug : o.DefaultWorkspace)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DefaultWorkspace), $"{WebOptions.DefaultWorkspaceKey} must name a workspace slug.")
            .ValidateOnStart();
        services.AddScoped<CurrentWorkspace>();
        services.AddScoped<WorkspacePageFilter>();
        services.AddScoped<PostureReader>();
        services.AddScoped<SystemsReader>();
        services.AddScoped<CheckDetailsReader>();
        services.AddRazorPages(options =>
            options.Conventions.ConfigureFilter(new ServiceFilterAttribute(typeof(WorkspacePageFilter))));
        return builder;
    }

    public static WebApplication MapControlsWeb(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(WebServiceCollectionExtensions).Assembly, "Controls.Web.wwwroot"),
            RequestPath = ContentPath,
        });
        app.MapRazorPages();
        return app;
    }
}
