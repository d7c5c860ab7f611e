using Controls.Collectors.Magento.Database;
using Controls.Testing.MariaDb;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.Tests.Magento.Database;

/// <summary>
/// The reader against a real MariaDB server with Magento's table layout, through a user granted SELECT only. The server's
/// default time zone is +02:00, so every exact time below also proves the reader reads Magento's TIMESTAMPs in UTC.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class MagentoDatabaseReadTests(MagentoDatabaseFixture fixture) : IAsyncLifetime
{
    private static readonly DateTime Noon = new(2025, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    private readonly MySqlMagentoDatabaseReader _reader = new(Options.Create(new MagentoDatabaseOptions()));

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Open_ReportsTheServerVersion()
    {
        await using var session = await _reader.OpenAsync(fixture.ReadOnlyConnectionString, CancellationToken.None);

        Assert.Matches(@"^\d+\.\d+\.\d+-MariaDB", session.ServerVersion);
    }

    [Fact]
    public async Task EveryRead_WorksWithTheDocumentedTableGrants_AndOnlyTwoColumnsOfOauthConsumer()
    {
        // The grants of Database/README.md § Grants, column-level on oauth_consumer so the consumer key and secret
        // stay out of reach: every read must still work.
        var db = fixture.Database;
        const string user = "ro_documented";
        await db.Server.CreateUserAsync(user, MagentoDatabaseFixture.ReadOnlyPassword,
        [
            .. db.Tables.Where(t => t != "oauth_consumer" && t != "oauth_token").Select(t => $"SELECT ON `{db.Name}`.{db.Table(t)}"),
            $"SELECT (entity_id, created_at) ON `{db.Name}`.{db.Table("oauth_consumer")}",
        ]);
        var admin = await db.AddAdminUserAsync(new MagentoAdminUser("alice") { LastLoginAt = Noon });
        await db.AssignAdminRoleAsync(admin, await db.AddAdminRoleAsync("Administrators", ["Magento_Backend::all"]));
        await db.AddIntegrationAsync(new MagentoIntegration("ERP") { ConsumerCreatedAt = Noon, AllowedResources = ["Magento_Sales::sales"] });
        await db.AddActionLogEventAsync(new MagentoActionLogEvent(Noon));

        await using var session = await _reader.OpenAsync(db.ConnectionString(user, MagentoDatabaseFixture.ReadOnlyPassword), CancellationToken.None);

        Assert.Equal("alice", Assert.Single(await session.ReadAdminUsersAsync(CancellationToken.None)).Username);
        var integration = Assert.Single(await session.ReadIntegrationsAsync(CancellationToken.None));
        Assert.Equal(Noon, integration.ConsumerCreatedAt);
        Assert.Equal(["Magento_Sales::sales"], integration.Resources);
        Assert.Empty(await session.ReadConfigAsync(["admin/security/session_lifetime"], CancellationToken.None));
        Assert.Equal(1, (await session.ReadActionLogExtentAsync(CancellationToken.None))!.Rows);
    }

    [Fact]
    public async Task ReadAdminUsers_ReturnsActiveAndInactiveUsersWithLoginsFailuresAndLocks()
    {
        var db = fixture.Database;
        var active = await db.AddAdminUserAsync(new MagentoAdminUser("alice")
        {
            FirstName = "Alice",
            LastName = "Admin",
            Email = "alice@example.test",
            LastLoginAt = Noon,
            LoginCount = 42,
            CreatedAt = new DateTime(2023, 5, 1, 8, 15, 30, DateTimeKind.Utc),
        });
        var locked = await db.AddAdminUserAsync(new MagentoAdminUser("bob")
        {
            IsActive = false,
            FailureCount = 6,
            FirstFailureAt = Noon.AddMinutes(-30),
            LockExpiresAt = Noon.AddMinutes(30),
            Email = null,
        });

        await using var session = await _reader.OpenAsync(fixture.ReadOnlyConnectionString, CancellationToken.None);
        var users = await session.ReadAdminUsersAsync(CancellationToken.None);

        Assert.Equal([active, locked], users.Select(u => u.UserId));
        var alice = users[0];
        Assert.Equal("alice", alice.Username);
        Assert.Equal("alice@example.test", alice.Email);
        Assert.Equal("Alice", alice.FirstName);
        Assert.Equal("Admin", alice.LastName);
        Assert.True(alice.IsActive);
        Assert.Equal(Noon, alice.LastLoginAt);
        Assert.Equal(DateTimeKind.Utc, alice.LastLoginAt!.Value.Kind);
        Assert.Equal(42, alice.LoginCount);
        Assert.Equal(0, alice.FailureCount);
        Assert.Null(alice.FirstFailureAt);
        Assert.Null(alice.LockExpiresAt);
        Assert.Equal(new DateTime(2023, 5, 1, 8, 15, 30, DateTimeKind.Utc), alice.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, alice.CreatedAt.Kind);

        var bob = users[1];
        Assert.False(bob.IsActive);
        Assert.Null(bob.Email);
        Assert.Null(bob.LastLoginAt);
        Assert.Equal(0, bob.LoginCount);
        Assert.Equal(6, bob.FailureCount);
        Assert.Equal(Noon.AddMinutes(-30), bob.FirstFailureAt);
        Assert.Equal(Noon.AddMinutes(30), bob.LockExpiresAt);
        Assert.Equal(DateTimeKind.Utc, bob.LockExpiresAt!.Value.Kind);
    }

    [Fact]
    public async Task ReadAdminUsers_NamesEachUsersRole_AndNoneForAUserWithoutOne()
    {
        var db = fixture.Database;
        var administrators = await db.AddAdminRoleAsync("Administrators", ["Magento_Backend::all"]);
        var support = await db.AddAdminRoleAsync("Support", ["Magento_Sales::sales", "Magento_Customer::manage"]);
        var alice = await db.AddAdminUserAsync(new MagentoAdminUser("alice"));
        var carol = await db.AddAdminUserAsync(new MagentoAdminUser("carol"));
        var dave = await db.AddAdminUserAsync(new MagentoAdminUser("dave"));
        await db.AssignAdminRoleAsync(alice, administrators);
        await db.AssignAdminRoleAsync(carol, support);

        // A user role of another user type (1, integration) whose user_id equals an admin's is not that admin's role.
        await db.ExecuteAsync(
            $"INSERT INTO {db.Table("authorization_role")} (parent_id, tree_level, role_type, user_id, user_type, role_name) " +
            $"VALUES ({administrators}, 2, 'U', {dave}, '1', 'not-an-admin')");

        await using var session = await _reader.OpenAsync(fixture.ReadOnlyConnectionString, CancellationToken.None);
        var users = (await session.ReadAdminUsersAsync(CancellationToken.None)).ToDictionary(u => u.UserId);

        Assert.Equal("Administrators", users[alice].RoleName);
        Assert.Equal("Support", users[carol].RoleName);
        Assert.Null(users[dave].RoleName);
    }

    [Fact]
    public async Task ReadAdminUsers_ReportsTwoFactorConfiguredOnlyForUsersWithAProviderConfiguration()
    {
        var db = fixture.Database;
        var configured = await db.AddAdminUserAsync(new MagentoAdminUser("alice"));
        var chosenButNotConfigured = await db.AddAdminUserAsync(new MagentoAdminUser("bob"));
        var never = await db.AddAdminUserAsync(new MagentoAdminUser("carol"));
        await db.AddTwoFactorConfigAsync(configured, encodedConfig: "0:3:q2FhZ0ZyZ1pQYkVkR2x0QnN0V0xvZz09");
        await db.AddTwoFactorConfigAsync(chosenButNotConfigured, encodedConfig: null, providers: "[\"google\"]");

        await using var session = await _reader.OpenAsync(fixture.ReadOnlyConnectionString, CancellationToken.None);
        var users = (await session.ReadAdminUsersAsync(CancellationToken.None)).ToDictionary(u => u.UserId);

        Assert.True(users[configured].TwoFactorConfigured);
        Assert.False(users[chosenButNotConfigured].TwoFactorConfigured);
        Assert.False(users[never].TwoFactorConfigured);
    }

    [Fact]
    public async Task ReadAdminUsers_WhenTheTwoFactorTableDoesNotExist_ReportsTwoFactorUnknown()
    {
        var db = await fixture.Server.CreateMagentoDatabaseAsync(withoutTables: ["tfa_user_config"]);

        // Database-wide SELECT: a table-level grant cannot name a table that does not exist (that answers 1142, see the failure tests).
        await fixture.Server.CreateUserAsync("ro_no_tfa", "no-tfa-pw-123", [$"SELECT ON `{db.Name}`.*"]);
        var alice = await db.AddAdminUserAsync(new MagentoAdminUser("alice"));

        await using var session = await _reader.OpenAsync(db.ConnectionString("ro_no_tfa", "no-tfa-pw-123"), CancellationToken.None);
        var user = Assert.Single(await session.ReadAdminUsersAsync(CancellationToken.None));

        Assert.Equal(alice, user.UserId);
        Assert.Null(user.TwoFactorConfigured);
    }

    [Fact]
    public async Task ReadIntegrations_ReturnsTheConsumerAndOnlyTheAllowedResources()
    {
        var db = fixture.Database;
        var erp = await db.AddIntegrationAsync(new MagentoIntegration("Erp")
        {
            Email = "erp@example.test",
            Endpoint = "https://erp.example.test/magento",
            Status = 1,
            SetupType = 0,
            CreatedAt = new DateTime(2024, 6, 1, 10, 0, 0, DateTimeKind.Utc),
            UpdatedAt = new DateTime(2024, 6, 2, 11, 0, 0, DateTimeKind.Utc),
            ConsumerCreatedAt = new DateTime(2024, 6, 1, 10, 0, 5, DateTimeKind.Utc),
            AllowedResources = ["Magento_Sales::sales", "Magento_Catalog::catalog"],
            DeniedResources = ["Magento_Customer::manage", "Magento_Backend::all"],
        });

        await using var session = await _reader.OpenAsync(fixture.ReadOnlyConnectionString, CancellationToken.None);
        var integration = Assert.Single(await session.ReadIntegrationsAsync(CancellationToken.None));

        Assert.Equal(erp, integration.IntegrationId);
        Assert.Equal("Erp", integration.Name);
        Assert.Equal("erp@example.test", integration.Email);
        Assert.Equal("https://erp.example.test/magento", integration.Endpoint);
        Assert.Equal(1, integration.Status);
        Assert.Equal(0, integration.SetupType);
        Assert.Equal(new DateTime(2024, 6, 1, 10, 0, 0, DateTimeKind.Utc), integration.CreatedAt);
        Assert.Equal(new DateTime(2024, 6, 2, 11, 0, 0, DateTimeKind.Utc), integration.UpdatedAt);
        Assert.Equal(DateTimeKind.Utc, integration.UpdatedAt.Kind);
        Assert.NotNull(integration.ConsumerId);
        Assert.Equal(new DateTime(2024, 6, 1, 10, 0, 5, DateTimeKind.Utc), integration.ConsumerCreatedAt);
        Assert.False(integration.AllResources);
        Assert.Equal(["Magento_Catalog::catalog", "Magento_Sales::sales"], integration.Resources);
    }

    [Fact]
    public async Task ReadIntegrations_WhenTheRoleAllowsBackendAll_ReportsAllResources()
    {
        var db = fixture.Database;
        await db.AddIntegrationAsync(new MagentoIntegration("Everything") { AllowedResources = ["Magento_Backend::all"], SetupType = 1, Status = 2 });

        await using var session = await _reader.OpenAsync(fixture.ReadOnlyConnectionString, CancellationToken.None);
        var integration = Assert.Single(await session.ReadIntegrationsAsync(CancellationToken.None));

        Assert.True(integration.AllResources);
        Assert.Equal(["Magento_Backend::all"], integration.Resources);
        Assert.Equal(2, integration.Status);
        Assert.Equal(1, integration.SetupType);
    }

    [Fact]
    public async Task ReadIntegrations_WithoutConsumerOrRole_ReportsNoConsumerAndNoResources()
    {
        var db = fixture.Database;
        await db.AddIntegrationAsync(new MagentoIntegration("Draft") { WithConsumer = false, WithRole = false, Status = 0, UpdatedAt = null });

        await using var session = await _reader.OpenAsync(fixture.ReadOnlyConnectionString, CancellationToken.None);
        var integration = Assert.Single(await session.ReadIntegrationsAsync(CancellationToken.None));

        Assert.Null(integration.ConsumerId);
        Assert.Null(integration.ConsumerCreatedAt);
        Assert.False(integration.AllResources);
        Assert.Empty(integration.Resources);
        Assert.Null(integration.Endpoint);

        // Magento's column default for updated_at is the zero date: no time, reported as MinValue (UTC).
        Assert.Equal(DateTime.MinValue, integration.UpdatedAt);
        Assert.Equal(DateTimeKind.Utc, integration.UpdatedAt.Kind);
    }

    [Fact]
    public async Task ReadConfig_ReturnsTheRequestedPathsInEveryScope()
    {
        var db = fixture.Database;
        await db.AddConfigAsync("admin/security/session_lifetime", "900");
        await db.AddConfigAsync("admin/security/session_lifetime", "3600", "websites", 1);
        await db.AddConfigAsync("admin/security/lockout_failures", "6");
        await db.AddConfigAsync("admin/security/password_lifetime", null, "stores", 2);
        await db.AddConfigAsync("web/secure/base_url", "https://shop.example.test/");

        await using var session = await _reader.OpenAsync(fixture.ReadOnlyConnectionString, CancellationToken.None);
        var rows = await session.ReadConfigAsync(
            ["admin/security/session_lifetime", "admin/security/lockout_failures", "admin/security/password_lifetime", "not/set/anywhere"],
            CancellationToken.None);

        Assert.Equal(
            [
                new MagentoConfigRow("default", 0, "admin/security/lockout_failures", "6"),
                new MagentoConfigRow("stores", 2, "admin/security/password_lifetime", null),
                new MagentoConfigRow("default", 0, "admin/security/session_lifetime", "900"),
                new MagentoConfigRow("websites", 1, "admin/security/session_lifetime", "3600"),
            ],
            rows);
    }

    [Fact]
    public async Task ReadConfig_WithNoPaths_ReturnsNothing()
    {
        await fixture.Database.AddConfigAsync("admin/security/session_lifetime", "900");

        await using var session = await _reader.OpenAsync(fixture.ReadOnlyConnectionString, CancellationToken.None);

        Assert.Empty(await session.ReadConfigAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task ReadActionLogExtent_ReturnsTheCountAndTheOldestAndNewestEventInUtc()
    {
        var db = fixture.Database;
        await db.AddActionLogEventAsync(new MagentoActionLogEvent(Noon));
        await db.AddActionLogEventAsync(new MagentoActionLogEvent(Noon.AddDays(-200)) { Action = "save", EventCode = "sales_orders" });
        await db.AddActionLogEventAsync(new MagentoActionLogEvent(Noon.AddDays(-3)));

        await using var session = await _reader.OpenAsync(fixture.ReadOnlyConnectionString, CancellationToken.None);
        var extent = await session.ReadActionLogExtentAsync(CancellationToken.None);

        Assert.NotNull(extent);
        Assert.Equal(3, extent.Rows);
        Assert.Equal(Noon.AddDays(-200), extent.OldestAt);
        Assert.Equal(Noon, extent.NewestAt);
        Assert.Equal(DateTimeKind.Utc, extent.OldestAt!.Value.Kind);
    }

    [Fact]
    public async Task ReadActionLogExtent_WhenTheLogIsEmpty_ReturnsZeroRowsAndNoTimes()
    {
        await using var session = await _reader.OpenAsync(fixture.ReadOnlyConnectionString, CancellationToken.None);

        Assert.Equal(new MagentoActionLogExtent(0, null, null), await session.ReadActionLogExtentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadActionLogExtent_OnMagentoOpenSourceWithoutTheLoggingTable_ReturnsNull()
    {
        var db = await fixture.Server.CreateMagentoDatabaseAsync(withoutTables: ["magento_logging_event"]);

        // Database-wide SELECT, as an operator would grant on Open Source (a table-level grant cannot name a missing table).
        await fixture.Server.CreateUserAsync("ro_open_source", "open-source-pw-1", [$"SELECT ON `{db.Name}`.*"]);
        await db.AddAdminUserAsync(new MagentoAdminUser("alice"));

        await using var session = await _reader.OpenAsync(db.ConnectionString("ro_open_source", "open-source-pw-1"), CancellationToken.None);

        Assert.Null(await session.ReadActionLogExtentAsync(CancellationToken.None));
        Assert.Single(await session.ReadAdminUsersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EveryRead_UsesTheTablePrefixFromTheConnectionString()
    {
        var db = await fixture.Server.CreateMagentoDatabaseAsync(tablePrefix: "mg_");
        await db.CreateReadOnlyUserAsync("ro_prefixed", "prefixed-pw-1");
        var alice = await db.AddAdminUserAsync(new MagentoAdminUser("alice"));
        var role = await db.AddAdminRoleAsync("Administrators", ["Magento_Backend::all"]);
        await db.AssignAdminRoleAsync(alice, role);
        await db.AddTwoFactorConfigAsync(alice, "0:3:configured");
        await db.AddIntegrationAsync(new MagentoIntegration("Erp") { AllowedResources = ["Magento_Sales::sales"] });
        await db.AddConfigAsync("admin/security/session_lifetime", "900");
        await db.AddActionLogEventAsync(new MagentoActionLogEvent(Noon));

        var connectionString = db.ConnectionString("ro_prefixed", "prefixed-pw-1");
        Assert.Contains("Table Prefix=mg_", connectionString, StringComparison.Ordinal);

        await using var session = await _reader.OpenAsync(connectionString, CancellationToken.None);

        var user = Assert.Single(await session.ReadAdminUsersAsync(CancellationToken.None));
        Assert.Equal("Administrators", user.RoleName);
        Assert.True(user.TwoFactorConfigured);
        Assert.Equal(["Magento_Sales::sales"], Assert.Single(await session.ReadIntegrationsAsync(CancellationToken.None)).Resources);
        Assert.Equal("900", Assert.Single(await session.ReadConfigAsync(["admin/security/session_lifetime"], CancellationToken.None)).Value);
        Assert.Equal(1, (await session.ReadActionLogExtentAsync(CancellationToken.None))!.Rows);
    }
}
