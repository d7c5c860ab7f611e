using Controls.Compliance.AccessReviews;
using Controls.Compliance.Collection;
using Controls.Compliance.People;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Controls.Collectors.AccessReviews;

/// <summary>What one scheduled round did: campaigns started, and systems skipped with the reason.</summary>
public sealed record ScheduledRound(IReadOnlyList<(string Workspace, string System, int CampaignId)> Started, IReadOnlyList<(string Workspace, string System, string Reason)> Skipped);

/// <summary>
/// The quarterly round: in every workspace, a campaign for every enabled account-yielding system without an open one,
/// owned by the owner of the system's previous campaign (else the configured default owner). A system whose accounts
/// are unknown gets no campaign (it would review nothing real) but a logged warning; the check fails for it anyway.
/// </summary>
public sealed class ScheduledAccessReviews(IServiceScopeFactory scopes, IOptions<AccessReviewOptions> options, ILogger<ScheduledAccessReviews> logger)
{
    public const string Caller = "scheduler";

    public Task<ScheduledRound> RunAsync(CancellationToken cancellationToken) => RunAsync(privilegedOnly: false, cancellationToken);

    /// <param name="privilegedOnly">Only systems whose latest accounts include an active privileged one (the shorter cadence).</param>
    public async Task<ScheduledRound> RunAsync(bool privilegedOnly, CancellationToken cancellationToken)
    {
        List<Workspace> workspaces;
        await using (var scope = scopes.CreateAsyncScope())
        {
            workspaces = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().ListAsync(cancellationToken);
        }

        var started = new List<(string, string, int)>();
        var skipped = new List<(string, string, string)>();
        foreach (var workspace in workspaces)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspace.Id, Caller);
            var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();
            var inventory = scope.ServiceProvider.GetRequiredService<AccountInventory>();
            var reviews = scope.ServiceProvider.GetRequiredService<AccessReviewService>();
            var kinds = inventory.Kinds.ToList();
            var systems = await db.Systems.AsNoTracking().Where(s => s.Enabled && kinds.Contains(s.Kind)).OrderBy(s => s.Id).ToListAsync(cancellationToken);
            var createdAny = false;
            foreach (var system in systems)
            {
                if (privilegedOnly)
                {
                    var accounts = await inventory.ReadAsync(system, cancellationToken);
                    if (accounts.State == AccountListState.Known && !accounts.Accounts.Any(a => a.Privileged && a.Active))
                    {
                        continue;
                    }
                }

                var previousOwner = await db.AccessReviewCampaigns.AsNoTracking().Where(c => c.SystemId == system.Id)
                    .OrderByDescending(c => c.Id).Select(c => c.Owner).FirstOrDefaultAsync(cancellationToken);
                try
                {
                    var campaign = await reviews.CreateAsync(
                        system.Id, previousOwner ?? options.Value.DefaultOwner, null, AccessReviewService.TriggerScheduled, Caller, cancellationToken);
                    started.Add((workspace.Slug, system.Name, campaign.Id));
                    createdAny = true;
                    logger.LogInformation("Started access review #{CampaignId} of {Kind} system {System} in workspace {Workspace}", campaign.Id, system.Kind, system.Name, workspace.Slug);
                }
                catch (Exception ex) when (ex is AccessReviewConflictException or AccessReviewRuleException)
                {
                    skipped.Add((workspace.Slug, system.Name, ex.Message));
                    logger.LogWarning("No scheduled access review of {Kind} system {System} in workspace {Workspace}: {Reason}", system.Kind, system.Name, workspace.Slug, ex.Message);
                }
            }

            if (createdAny)
            {
                await scope.ServiceProvider.GetRequiredService<IRegisterCollection>()
                    .CollectAsync(SystemKinds.AccessReviewRegister, AccessReviewRegister.TriggerAfterChange, cancellationToken);
            }
        }

        return new ScheduledRound(started, skipped);
    }
}

/// <summary>The Quartz job that runs <see cref="ScheduledAccessReviews"/> on <see cref="AccessReviewOptions.Schedule"/>.</summary>
[DisallowConcurrentExecution]
public sealed class ScheduledAccessReviewJob(ScheduledAccessReviews round, ILogger<ScheduledAccessReviewJob> logger) : IJob
{
    public static readonly JobKey Key = new("access-reviews-quarterly", "access-reviews");
    public static readonly TriggerKey CronKey = new("access-reviews-quarterly-cron", "access-reviews");
    public static readonly TriggerKey PrivilegedCronKey = new("access-reviews-privileged-cron", "access-reviews");
    public const string PrivilegedOnlyKey = "privilegedOnly";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var privilegedOnly = context.MergedJobDataMap.TryGetString(PrivilegedOnlyKey, out var value) && value == "true";
            var result = await round.RunAsync(privilegedOnly, cancellationToken);
            context.Result = $"{result.Started.Count} started, {result.Skipped.Count} skipped";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The scheduled access-review round failed");
            throw new JobExecutionException("The scheduled access-review round failed.", ex) { RefireImmediately = false };
        }
    }
}

/// <summary>
/// Stores the quarterly job and its cron trigger in Quartz's persistent store once the scheduler exists. A trigger
/// whose cron is unchanged is left as stored, so a fire missed while the host was down still fires on start.
/// </summary>
public sealed class AccessReviewScheduleStartup(ISchedulerFactory schedulers, IOptions<AccessReviewOptions> options, ILogger<AccessReviewScheduleStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<ScheduledAccessReviewJob>().WithIdentity(ScheduledAccessReviewJob.Key).StoreDurably()
            .WithDescription("Starts the quarterly access reviews").Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        await ApplyAsync(scheduler, ScheduledAccessReviewJob.CronKey, options.Value.Schedule, privilegedOnly: false, cancellationToken);
        if (options.Value.PrivilegedSchedule is { Length: > 0 } privileged)
        {
            await ApplyAsync(scheduler, ScheduledAccessReviewJob.PrivilegedCronKey, privileged, privilegedOnly: true, cancellationToken);
        }
        else
        {
            await scheduler.UnscheduleJob(ScheduledAccessReviewJob.PrivilegedCronKey, cancellationToken);
        }
    }

    private async Task ApplyAsync(IScheduler scheduler, TriggerKey key, string cron, bool privilegedOnly, CancellationToken cancellationToken)
    {
        var existing = await scheduler.GetTrigger(key, cancellationToken);
        if (existing is ICronTrigger stored && stored.JobDataMap.GetString("schedule") == cron)
        {
            return;
        }

        var trigger = TriggerBuilder.Create().WithIdentity(key).ForJob(ScheduledAccessReviewJob.Key)
            .WithDescription($"Cron {cron} (UTC){(privilegedOnly ? ", systems with privileged accounts" : string.Empty)}")
            .UsingJobData("schedule", cron)
            .UsingJobData(ScheduledAccessReviewJob.PrivilegedOnlyKey, privilegedOnly ? "true" : "false")

            // After downtime a missed round runs once on recovery.
            .WithCronSchedule(cron, b => b.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        if (existing is null)
        {
            await scheduler.ScheduleJob(trigger, default, cancellationToken);
        }
        else
        {
            await scheduler.RescheduleJob(key, trigger, cancellationToken);
        }

        logger.LogInformation("Access reviews{Which} scheduled on cron {Cron} (UTC)", privilegedOnly ? " of systems with privileged accounts" : string.Empty, cron);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class AccessReviewScheduleExtensions
{
    /// <summary>The quarterly round; its Quartz job only when the scheduler is enabled (call after AddCollectionScheduling).</summary>
    public static IHostApplicationBuilder AddAccessReviewSchedule(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ScheduledAccessReviews>();
        var scheduling = builder.Configuration.GetSection(Scheduling.SchedulingOptions.Section).Get<Scheduling.SchedulingOptions>() ?? new Scheduling.SchedulingOptions();
        if (scheduling.Enabled)
        {
            builder.Services.AddHostedService<AccessReviewScheduleStartup>();
        }

        return builder;
    }
}
