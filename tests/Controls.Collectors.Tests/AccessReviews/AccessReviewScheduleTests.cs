using Controls.Collectors.AccessReviews;
using Controls.Collectors.Tests.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Controls.Collectors.Tests.AccessReviews;

/// <summary>The quarterly round is a job in Quartz's persistent store, on the configured cron (UTC).</summary>
public sealed class AccessReviewScheduleTests
{
    [Fact]
    public async Task Host_WithTheScheduler_StoresTheQuarterlyJobOnTheFirstDayOfEachQuarterAt0600Utc()
    {
        await using var environment = new SchedulingTestEnvironment();
        var host = await environment.StartHostAsync();

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.NotNull(await scheduler.GetJobDetail(ScheduledAccessReviewJob.Key));
        var trigger = Assert.IsType<ICronTrigger>(await scheduler.GetTrigger(ScheduledAccessReviewJob.CronKey), exactMatch: false);
        Assert.Equal("0 0 6 1 1,4,7,10 ?", trigger.CronExpressionString);
        Assert.Equal(TimeZoneInfo.Utc.Id, trigger.TimeZone.Id);
        var next = trigger.GetFireTimeAfter(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 6, 0, 0, TimeSpan.Zero), next);
        Assert.Null(await scheduler.GetTrigger(ScheduledAccessReviewJob.PrivilegedCronKey));

        await environment.StopAsync(host);
    }

    [Fact]
    public async Task Host_WithAConfiguredSchedule_ReschedulesTheStoredTrigger()
    {
        await using var environment = new SchedulingTestEnvironment();
        await environment.StopAsync(await environment.StartHostAsync());
        var host = environment.BuildHost(settings: new Dictionary<string, string?>
        {
            ["Controls:AccessReviews:Schedule"] = "0 0 6 1 * ?",
            ["Controls:AccessReviews:PrivilegedSchedule"] = "0 0 6 15 * ?",
        });
        await host.StartAsync().WaitAsync(SchedulingTestEnvironment.Patience);

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = Assert.IsType<ICronTrigger>(await scheduler.GetTrigger(ScheduledAccessReviewJob.CronKey), exactMatch: false);
        Assert.Equal("0 0 6 1 * ?", trigger.CronExpressionString);
        var privileged = Assert.IsType<ICronTrigger>(await scheduler.GetTrigger(ScheduledAccessReviewJob.PrivilegedCronKey), exactMatch: false);
        Assert.Equal("0 0 6 15 * ?", privileged.CronExpressionString);
        Assert.Equal("true", privileged.JobDataMap.GetString(ScheduledAccessReviewJob.PrivilegedOnlyKey));

        await environment.StopAsync(host);
    }
}
