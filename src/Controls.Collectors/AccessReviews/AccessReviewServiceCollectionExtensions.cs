using Controls.Collectors.AccessReviews;
using Controls.Collectors.Registers;
using Controls.Compliance.AccessReviews;
using Controls.Compliance.Collection;
using Microsoft.Extensions.DependencyInjection;

// In the root namespace so the composition root needs only its one AddAccessReviews() line.
namespace Controls.Collectors;

public static class AccessReviewServiceCollectionExtensions
{
    /// <summary>Access-review campaigns, the register collected from them, the verification follow-up and the quarterly job.</summary>
    public static IServiceCollection AddAccessReviews(this IServiceCollection services)
    {
        services.AddOptions<AccessReviewOptions>().BindConfiguration(AccessReviewOptions.Section)
            .Validate(o => o.DueDays > 0, "Controls:AccessReviews:DueDays must be positive.")
            .Validate(o => Scheduling.ScheduleSynchronizer.IsValidSchedule(o.Schedule), "Controls:AccessReviews:Schedule must be a valid Quartz cron expression.")
            .Validate(o => o.PrivilegedSchedule is null || Scheduling.ScheduleSynchronizer.IsValidSchedule(o.PrivilegedSchedule),
                "Controls:AccessReviews:PrivilegedSchedule must be a valid Quartz cron expression when set.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DefaultOwner), "Controls:AccessReviews:DefaultOwner must name someone.")
            .ValidateOnStart();
        services.AddRegisterSystem(AccessReviewRegister.System);
        services.AddScoped<AccessReviewService>();
        services.AddScoped<ICollector, AccessReviewRegisterCollector>();
        services.AddScoped<ICollectionFollowUp, AccessReviewFollowUp>();
        return services;
    }
}
