using Microsoft.Data.Sqlite;
using Respawn;

namespace Controls.Testing.Database;

/// <summary>
/// A real SQLite database file in its own temp directory, and a Respawn reset that empties every table except
/// the migration history and the catalog (which the host synchronises once at start and tests only read).
/// The schema must exist before <see cref="ResetAsync"/> is first called (start the host, or migrate).
/// </summary>
public sealed class DatabaseFixture : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> PreservedTables =
    [
        "__EFMigrationsHistory", "Frameworks", "Requirements", "RequirementMappings", "Checks", "CheckRequirements", "TrainingModules",
    ];

    private Respawner? _respawner;

    public DatabaseFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "controls-tests", Guid.NewGuid().ToString("n"));
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "controls.db");

        // Pooling off: the file is deleted at the end, and a pooled handle would keep it open.
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString();
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public string ConnectionString { get; }

    /// <summary>A separate connection, for what tests do behind the application's back (tampering with a record).</summary>
    public async Task<SqliteConnection> OpenConnectionAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000;";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    public async Task ResetAsync()
    {
        await using var connection = await OpenConnectionAsync();
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = new SqliteDbAdapter(),
            TablesToIgnore = PreservedTables.Select(t => new Respawn.Graph.Table(t)).ToArray(),
            WithReseed = false,
        });
        await _respawner.ResetAsync(connection);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A handle still closing on a slow machine; the OS temp cleaner gets it.
        }

        return ValueTask.CompletedTask;
    }
}
