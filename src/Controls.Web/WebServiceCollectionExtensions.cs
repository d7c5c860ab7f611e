using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Controls.Web;

public static class WebServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddControlsWeb(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorPages();
        return builder;
    }

    public static WebApplication MapControlsWeb(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
