using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl;

namespace Controls.Collectors.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>Quartz.NET with a persistent job store in the Controls database; one schedule per connected system.</summary>
    /// <remarks>
    /// Call after <c>AddControlsCompliance</c>: hosted services start in registration order, and the scheduler
    /// must start after the database is migrated (see <see cref="SchedulingStartup"/>).
    /// </remarks>
    public static IHostApplicationBuilder AddCollectionScheduling(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(SchedulingOptions.Section);
        services.AddOptions<SchedulingOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();

        // Whether Quartz exists at all, and how it is built, is decided now: Quartz is configured at registration.
        var options = section.Get<SchedulingOptions>() ?? new SchedulingOptions();
        if (!options.Enabled)
        {
            services.AddSingleton<ICollectionScheduler, DisabledCollectionScheduler>();
            return builder;
        }

        services.AddSingleton<SchedulerDatabase>();
        services.AddSingleton<ScheduleSynchronizer>();
        services.AddSingleton<SystemLookup>();
        services.AddSingleton<ICollectionScheduler, QuartzCollectionScheduler>();

        builder.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = string.IsNullOrWhiteSpace(options.InstanceName) ? new SchedulingOptions().InstanceName : options.InstanceName;

                // Collectors get their cancellation on shutdown and the host still waits for them (below), so a
                // run stopped by a shutdown is closed as cancelled instead of being found Running next start.
                s.ShutdownJobInterruption = ShutdownJobInterruption.Always;
            });

            // An invalid count is reported by the options validation on start, with the setting's name.
            q.UseDefaultThreadPool(Math.Clamp(options.ThreadCount, 1, SchedulingOptions.MaxThreadCount));
            q.UsePersistentStore(store =>
            {
                // Provider "SQLite-Microsoft" (Microsoft.Data.Sqlite). The connection string comes from DatabaseOptions
                // when the store is first built, so configuration applied after registration is honoured.
                store.UseSqlite(dataSource => dataSource.DataSourceFactory = sp => sp.GetRequiredService<SchedulerDatabase>().CreateDataSource());
                store.UseSerializer<SystemTextJsonObjectSerializer>();

                // Quartz creates whatever QRTZ_ tables are missing, from the schema script shipped inside the Quartz
                // package itself, so the schema always matches the Quartz version in use. It only ever creates.
                store.ProvisionSchema();
                store.ConfigureStore(o =>
                {
                    // Job data are a few ids; stored as strings they stay readable in the database.
                    o.StoreJobDataAsStrings = true;
                });
            });
        });

        // Registered before the Quartz hosted service so it runs between the migration and the scheduler start.
        services.AddHostedService<SchedulingStartup>();
        builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    private sealed class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
    {
        public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
        {
            var errors = SchedulingOptions.Validate(options).ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
