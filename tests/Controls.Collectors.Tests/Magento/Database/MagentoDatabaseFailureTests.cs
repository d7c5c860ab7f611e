using Controls.Collectors.Magento.Database;
using Controls.Testing.MariaDb;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Controls.Collectors.Tests.Magento.Database;

/// <summary>
/// What goes wrong on a real server: refused logins, nothing listening, narrow grants, missing tables, a user granted
/// too much. Every failure is a <see cref="MagentoDatabaseException"/> whose message is safe to record.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class MagentoDatabaseFailureTests(MagentoDatabaseFixture fixture) : IAsyncLifetime
{
    private readonly MySqlMagentoDatabaseReader _reader = new(Options.Create(new MagentoDatabaseOptions()));

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Open_WithAWrongPassword_FailsWithAccessDeniedAndNeverShowsThePassword()
    {
        const string wrongPassword = "Wr0ng-Secret-Pa55word";
        var connectionString = fixture.Database.ConnectionString(MagentoDatabaseFixture.ReadOnlyUser, wrongPassword);

        var ex = await Assert.ThrowsAsync<MagentoDatabaseException>(() => _reader.OpenAsync(connectionString, CancellationToken.None));

        Assert.Equal(1045, ex.ErrorNumber);
        Assert.Contains("Access denied", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{fixture.Server.Port}/magento", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(MagentoDatabaseFixture.ReadOnlyPassword, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_WhenNothingListensOnThePort_FailsWithAMessageNamingOnlyTheTarget()
    {
        var reader = new MySqlMagentoDatabaseReader(Options.Create(new MagentoDatabaseOptions { ConnectTimeout = TimeSpan.FromSeconds(2) }));
        var port = MariaDbServer.FreePort();
        var connectionString = $"Server=127.0.0.1;Port={port};Database=magento;User ID=controls_ro;Password=Unreachable-Secret-1;SslMode=None";

        var ex = await Assert.ThrowsAsync<MagentoDatabaseException>(() => reader.OpenAsync(connectionString, CancellationToken.None));

        Assert.Contains($"127.0.0.1:{port}/magento", ex.Message, StringComparison.Ordinal);
        Assert.Equal((int)MySqlErrorCode.UnableToConnectToHost, ex.ErrorNumber);
        Assert.DoesNotContain("Unreachable-Secret-1", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Server=127.0.0.1;Database=magento;User ID=ro;Password=Secret-In-Bad-String;Frobnicate=yes")]
    [InlineData("Server=127.0.0.1;Database=magento;User ID=ro;Password=Secret;In-Bad=String;Port=notanumber")]
    [InlineData("Server=127.0.0.1;Database=magento;User ID=ro;Password=Secret-In-Bad-String;Table Prefix=mg-;")]
    [InlineData("Server=127.0.0.1;User ID=ro;Password=Secret-In-Bad-String")]
    public async Task Open_WithAnInvalidConnectionString_FailsWithoutEchoingIt(string connectionString)
    {
        var ex = await Assert.ThrowsAsync<MagentoDatabaseException>(() => _reader.OpenAsync(connectionString, CancellationToken.None));

        Assert.DoesNotContain("Secret", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("In-Bad", ex.ToString(), StringComparison.Ordinal);
        Assert.Null(ex.ErrorNumber);
    }

    [Fact]
    public async Task AUserWithoutSelectOnOneTable_FailsOnlyTheReadThatNeedsIt()
    {
        var db = fixture.Database;
        await db.CreateReadOnlyUserAsync("ro_no_config", "no-config-pw-1", exceptTables: ["core_config_data"]);
        await db.AddAdminUserAsync(new MagentoAdminUser("alice"));
        await db.AddIntegrationAsync(new MagentoIntegration("Erp"));
        await db.AddConfigAsync("admin/security/session_lifetime", "900");

        await using var session = await _reader.OpenAsync(db.ConnectionString("ro_no_config", "no-config-pw-1"), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<MagentoDatabaseException>(() => session.ReadConfigAsync(["admin/security/session_lifetime"], CancellationToken.None));
        Assert.Equal(1142, ex.ErrorNumber);
        Assert.Contains("core_config_data", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("no-config-pw-1", ex.ToString(), StringComparison.Ordinal);

        // The same session goes on serving the reads the user is granted.
        Assert.Single(await session.ReadAdminUsersAsync(CancellationToken.None));
        Assert.Single(await session.ReadIntegrationsAsync(CancellationToken.None));
        Assert.NotNull(await session.ReadActionLogExtentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AUserWithoutSelectOnTheTwoFactorTable_FailsTheAdminUsersReadInsteadOfReportingUnknown()
    {
        var db = fixture.Database;
        await db.CreateReadOnlyUserAsync("ro_no_tfa_grant", "no-tfa-grant-pw-1", exceptTables: ["tfa_user_config"]);
        await db.AddAdminUserAsync(new MagentoAdminUser("alice"));

        await using var session = await _reader.OpenAsync(db.ConnectionString("ro_no_tfa_grant", "no-tfa-grant-pw-1"), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<MagentoDatabaseException>(() => session.ReadAdminUsersAsync(CancellationToken.None));
        Assert.Equal(1142, ex.ErrorNumber);
    }

    [Fact]
    public async Task TableLevelGrantsOnOpenSource_CannotCoverTheMissingActionLog_SoItsReadIsDeniedRatherThanAbsent()
    {
        // Granting SELECT per table is only possible for tables that exist; MariaDB then answers 1142 (denied), not 1146
        // (missing), for the action log. The reader reports the denial instead of guessing the table is absent.
        var db = await fixture.Server.CreateMagentoDatabaseAsync(withoutTables: ["magento_logging_event"]);
        await db.CreateReadOnlyUserAsync("ro_oss_tables", "oss-tables-pw-1");

        await using var session = await _reader.OpenAsync(db.ConnectionString("ro_oss_tables", "oss-tables-pw-1"), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<MagentoDatabaseException>(() => session.ReadActionLogExtentAsync(CancellationToken.None));
        Assert.Equal(1142, ex.ErrorNumber);
        Assert.Empty(await session.ReadAdminUsersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AMissingRequiredTable_FailsOnlyThatRead()
    {
        var db = await fixture.Server.CreateMagentoDatabaseAsync();
        await fixture.Server.CreateUserAsync("ro_missing", "missing-pw-1", [$"SELECT ON `{db.Name}`.*"]);
        await db.AddAdminUserAsync(new MagentoAdminUser("alice"));
        await db.DropTableAsync("integration");

        await using var session = await _reader.OpenAsync(db.ConnectionString("ro_missing", "missing-pw-1"), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<MagentoDatabaseException>(() => session.ReadIntegrationsAsync(CancellationToken.None));
        Assert.Equal(1146, ex.ErrorNumber);
        Assert.Contains("integration", ex.Message, StringComparison.Ordinal);
        Assert.Single(await session.ReadAdminUsersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TheSession_RefusesWritesEvenForAUserGrantedAllPrivileges()
    {
        var db = fixture.Database;
        await db.CreateAllPrivilegesUserAsync("careless_admin", "careless-pw-1");
        await db.AddAdminUserAsync(new MagentoAdminUser("alice"));

        await using var session = (MySqlMagentoDatabaseSession)await _reader.OpenAsync(
            db.ConnectionString("careless_admin", "careless-pw-1"), CancellationToken.None);
        Assert.Single(await session.ReadAdminUsersAsync(CancellationToken.None));

        string[] writes =
        [
            "UPDATE admin_user SET is_active = 0",
            "DELETE FROM core_config_data",
            "INSERT INTO core_config_data (scope, scope_id, path, value) VALUES ('default', 0, 'x/y/z', '1')",
        ];
        foreach (var write in writes)
        {
            await using var command = session.Connection.CreateCommand();
            command.CommandText = write;
            var ex = await Assert.ThrowsAsync<MySqlException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(MySqlErrorCode.CannotExecuteInReadOnlyTransaction, ex.ErrorCode);
        }

        // The same user on an ordinary connection could have written: the refusal came from the session, not the grants.
        await using (var ordinary = new MySqlConnection(fixture.Server.ConnectionString("careless_admin", "careless-pw-1", db.Name)))
        {
            await ordinary.OpenAsync();
            await using var command = ordinary.CreateCommand();
            command.CommandText = "UPDATE admin_user SET lognum = lognum WHERE 1 = 0";
            await command.ExecuteNonQueryAsync();
        }

        Assert.True(Assert.Single(await session.ReadAdminUsersAsync(CancellationToken.None)).IsActive);
        Assert.Equal(0, await db.CountAsync("core_config_data"));
    }

    [Fact]
    public async Task AReadBlockedLongerThanTheCommandTimeout_FailsAsADatabaseFailure_AndTheSessionGoesOn()
    {
        var db = fixture.Database;
        await db.AddAdminUserAsync(new MagentoAdminUser("alice"));
        await db.AddConfigAsync("admin/security/session_lifetime", "900");
        var reader = new MySqlMagentoDatabaseReader(Options.Create(new MagentoDatabaseOptions { CommandTimeout = TimeSpan.FromSeconds(1) }));
        await using var session = await reader.OpenAsync(fixture.ReadOnlyConnectionString, CancellationToken.None);

        // Another client holds a write lock on admin_user (as a long migration would), so the SELECT waits past the timeout.
        await using (var locker = await db.OpenAdminConnectionAsync())
        {
            await using var lockCommand = locker.CreateCommand();
            lockCommand.CommandText = "LOCK TABLES admin_user WRITE";
            await lockCommand.ExecuteNonQueryAsync();

            var ex = await Assert.ThrowsAsync<MagentoDatabaseException>(() => session.ReadAdminUsersAsync(CancellationToken.None));
            Assert.Contains("Timeout", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.StartsWith("Reading Magento admin users failed", ex.Message, StringComparison.Ordinal);
        }

        Assert.Single(await session.ReadConfigAsync(["admin/security/session_lifetime"], CancellationToken.None));
    }

    [Fact]
    public async Task Open_WhenCancelled_ThrowsOperationCanceledRatherThanADatabaseFailure()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _reader.OpenAsync(fixture.ReadOnlyConnectionString, cancelled.Token));
    }
}
