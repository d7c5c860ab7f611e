namespace Controls.Collectors.Scheduling;

/// <summary>Section <c>Controls:Scheduling</c>: the Quartz scheduler that runs every connected system's collector on its cron.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Controls:Scheduling";

    /// <summary>
    /// Off in tests and demos that drive collection themselves. Read when the services are registered, because
    /// it decides whether Quartz is registered at all.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Quartz scheduler name; it is also the SCHED_NAME key of every row in the QRTZ_ tables, so renaming it orphans the stored schedules.</summary>
    public string InstanceName { get; set; } = "controls";

    /// <summary>Collections that may run at once. Each is I/O bound, but they share one SQLite writer, so a few is plenty.</summary>
    public int ThreadCount { get; set; } = 2;

    public const int MaxThreadCount = 16;

    internal static IEnumerable<string> Validate(SchedulingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.InstanceName))
        {
            yield return $"{Section}:InstanceName is required.";
        }
        else if (options.InstanceName.Length > 100)
        {
            // QRTZ_*.SCHED_NAME is a 120-character column.
            yield return $"{Section}:InstanceName must be at most 100 characters.";
        }

        if (options.ThreadCount is < 1 or > MaxThreadCount)
        {
            yield return $"{Section}:ThreadCount must be between 1 and {MaxThreadCount}.";
        }
    }
}
