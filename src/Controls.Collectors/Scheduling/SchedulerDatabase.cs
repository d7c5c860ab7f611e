using System.Data.Common;
using Controls.Compliance.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.Scheduling;

/// <summary>
/// Quartz's connections to the Controls database: the same SQLite file as the DbContext, so schedules, misfires
/// and run history live and survive together.
/// </summary>
/// <remarks>
/// Two writers share one file. WAL (set persistently on the file, see <see cref="EnsureWalAsync"/>) lets readers
/// and one writer work side by side; for writer against writer, Microsoft.Data.Sqlite retries a busy database until
/// the command timeout instead of failing with SQLITE_BUSY, and Quartz additionally treats SQLite's busy and
/// locked codes as transient. EF's connections wait the same way through their busy_timeout pragma.
/// </remarks>
public sealed class SchedulerDatabase(IOptions<DatabaseOptions> database)
{
    /// <summary>Seconds a Quartz statement waits for another writer's lock before it fails.</summary>
    public const int BusyTimeoutSeconds = 30;

    public string ConnectionString { get; } = new SqliteConnectionStringBuilder(database.Value.ConnectionString)
    {
        DefaultTimeout = BusyTimeoutSeconds,
        Pooling = true,
    }.ToString();

    public DbDataSource CreateDataSource() => SqliteFactory.Instance.CreateDataSource(ConnectionString);

    /// <summary>
    /// The journal mode is a property of the file, so setting it once covers Quartz's connections too. The EF
    /// interceptor sets it on every connection it opens; this makes the scheduler not depend on that having run.
    /// </summary>
    public async Task<string> EnsureWalAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
