using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Controls.Testing.MariaDb;

/// <summary>
/// One private MariaDB server per test run with a Magento database ("magento", no prefix) and a read-only user granted
/// SELECT on exactly its tables. Use it as an xunit collection fixture (tests in the collection run one at a time) and
/// call <see cref="ResetAsync"/> at the start of each test; tests needing another shape (a table prefix, Magento Open
/// Source without the action log, narrower grants) create their own database on <see cref="Server"/>.
/// Fails, never skips, when mariadb-server is not installed.
/// </summary>
public sealed class MagentoDatabaseFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string ReadOnlyUser = "controls_ro";

    // Characters that need care in a connection string and in SQL, so quoting mistakes show up in tests.
    public const string ReadOnlyPassword = "Ro-pässword;with'quote\"7";

    private MariaDbServer? _server;
    private MagentoDatabase? _database;

    public MariaDbServer Server => _server ?? throw new InvalidOperationException("The MariaDB fixture has not started.");

    public MagentoDatabase Database => _database ?? throw new InvalidOperationException("The MariaDB fixture has not started.");

    /// <summary>What an operator would configure: the read-only user on the "magento" database.</summary>
    public string ReadOnlyConnectionString => Database.ConnectionString(ReadOnlyUser, ReadOnlyPassword);

    public async Task InitializeAsync()
    {
        _server = await MariaDbServer.StartAsync();
        _database = await _server.CreateMagentoDatabaseAsync("magento");
        await _database.CreateReadOnlyUserAsync(ReadOnlyUser, ReadOnlyPassword);

        // Shown with xunit diagnostic messages on (dotnet test -- xUnit.DiagnosticMessages=true).
        diagnostics.OnMessage(new DiagnosticMessage(
            $"MariaDB {_server.ServerVersion} on 127.0.0.1:{_server.Port} ready in {_server.StartupTime.TotalSeconds:0.0}s (data directory {_server.Directory})."));
    }

    public Task ResetAsync() => Database.ResetAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
