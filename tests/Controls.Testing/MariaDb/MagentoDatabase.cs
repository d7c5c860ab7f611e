using System.Reflection;
using MySqlConnector;
using Respawn;

namespace Controls.Testing.MariaDb;

/// <summary>
/// One database on a <see cref="MariaDbServer"/> with Magento's table layout (optionally prefixed, optionally without some
/// tables), typed seeding helpers that write rows the way Magento does, users with chosen grants, and a Respawn reset.
/// </summary>
public sealed class MagentoDatabase
{
    /// <summary>Every table of the layout, unprefixed, in creation order.</summary>
    public static readonly IReadOnlyList<string> AllTables =
    [
        "admin_user", "authorization_role", "authorization_rule", "oauth_consumer", "oauth_token", "integration",
        "core_config_data", "tfa_user_config", "magento_logging_event",
    ];

    private Respawner? _respawner;

    private MagentoDatabase(MariaDbServer server, string name, string tablePrefix, IReadOnlyList<string> tables)
    {
        Server = server;
        Name = name;
        TablePrefix = tablePrefix;
        Tables = tables;
    }

    public MariaDbServer Server { get; }

    public string Name { get; }

    public string TablePrefix { get; }

    /// <summary>Unprefixed names of the tables this database has.</summary>
    public IReadOnlyList<string> Tables { get; }

    internal static async Task<MagentoDatabase> CreateAsync(
        MariaDbServer server, string name, string tablePrefix, IReadOnlyCollection<string> withoutTables, CancellationToken cancellationToken)
    {
        var unknown = withoutTables.Except(AllTables, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Not part of the Magento layout: {string.Join(", ", unknown)}", nameof(withoutTables));
        }

        var tables = AllTables.Where(t => !withoutTables.Contains(t, StringComparer.Ordinal)).ToList();
        await server.ExecuteAsync($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4", cancellationToken: cancellationToken);

        var schema = await ReadSchemaAsync(cancellationToken);
        await using var connection = await server.OpenAdminConnectionAsync(name, cancellationToken);
        foreach (var statement in schema.Split("\n;;", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var table = AllTables.FirstOrDefault(t => statement.Contains($"CREATE TABLE `{{prefix}}{t}`", StringComparison.Ordinal));
            if (table is null || !tables.Contains(table, StringComparer.Ordinal))
            {
                continue;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = statement.Replace("{prefix}", tablePrefix, StringComparison.Ordinal);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new MagentoDatabase(server, name, tablePrefix, tables);
    }

    /// <summary>The table's real (prefixed) name, quoted.</summary>
    public string Table(string name) => $"`{TablePrefix}{name}`";

    /// <summary>
    /// The connection string Controls would be configured with for <paramref name="user"/>: MySqlConnector keys plus
    /// <c>Table Prefix</c> when this database has one.
    /// </summary>
    public string ConnectionString(string user, string password)
    {
        var connectionString = Server.ConnectionString(user, password, Name);
        return TablePrefix.Length == 0 ? connectionString : $"{connectionString};Table Prefix={TablePrefix}";
    }

    /// <summary>A user granted SELECT on each of this database's tables except <paramref name="exceptTables"/> (unprefixed).</summary>
    public Task CreateReadOnlyUserAsync(string user, string password, IReadOnlyCollection<string>? exceptTables = null, CancellationToken cancellationToken = default) =>
        Server.CreateUserAsync(
            user,
            password,
            Tables.Where(t => exceptTables is null || !exceptTables.Contains(t, StringComparer.Ordinal)).Select(t => $"SELECT ON `{Name}`.{Table(t)}"),
            cancellationToken);

    /// <summary>A user granted everything on this database: what a careless operator might hand out.</summary>
    public Task CreateAllPrivilegesUserAsync(string user, string password, CancellationToken cancellationToken = default) =>
        Server.CreateUserAsync(user, password, [$"ALL PRIVILEGES ON `{Name}`.*"], cancellationToken);

    /// <summary>Root on this database with Magento's session settings (UTC, empty sql_mode).</summary>
    public Task<MySqlConnection> OpenAdminConnectionAsync(CancellationToken cancellationToken = default) =>
        Server.OpenAdminConnectionAsync(Name, cancellationToken);

    public Task ExecuteAsync(string sql, CancellationToken cancellationToken = default) =>
        Server.ExecuteAsync(sql, Name, cancellationToken);

    public async Task<long> CountAsync(string table, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAdminConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {Table(table)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task DropTableAsync(string table, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"DROP TABLE {Table(table)}", cancellationToken);

    /// <summary>Empties every table (Respawn's MySQL adapter), keeping the layout and the users.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAdminConnectionAsync(cancellationToken);
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.MySql,
            SchemasToInclude = [Name],
            WithReseed = false,
        });
        await _respawner.ResetAsync(connection);
    }

    /// <summary>Inserts an admin user; returns its user_id.</summary>
    public async Task<int> AddAdminUserAsync(MagentoAdminUser user, CancellationToken cancellationToken = default)
    {
        return await InsertAsync(
            "admin_user",
            new()
            {
                ["firstname"] = user.FirstName,
                ["lastname"] = user.LastName,
                ["email"] = user.Email,
                ["username"] = user.Username,
                ["password"] = user.PasswordHash,
                ["created"] = user.CreatedAt,
                ["modified"] = user.CreatedAt,
                ["logdate"] = user.LastLoginAt,
                ["lognum"] = user.LoginCount,
                ["is_active"] = user.IsActive ? 1 : 0,
                ["failures_num"] = user.FailureCount,
                ["first_failure"] = user.FirstFailureAt,
                ["lock_expires"] = user.LockExpiresAt,
            },
            cancellationToken);
    }

    /// <summary>
    /// An admin role (authorization_role of role_type 'G') with its rules: <paramref name="allowedResources"/> allowed
    /// (<c>Magento_Backend::all</c> for Administrators). Returns its role_id.
    /// </summary>
    public async Task<int> AddAdminRoleAsync(string roleName, IReadOnlyList<string> allowedResources, CancellationToken cancellationToken = default)
    {
        var roleId = await InsertAsync(
            "authorization_role",
            new()
            {
                ["parent_id"] = 0,
                ["tree_level"] = 1,
                ["sort_order"] = 1,
                ["role_type"] = "G",
                ["user_id"] = 0,
                ["user_type"] = "2",
                ["role_name"] = roleName,
            },
            cancellationToken);
        await AddRulesAsync(roleId, allowedResources, [], cancellationToken);
        return roleId;
    }

    /// <summary>Puts the admin user in the role, as Magento does: a role_type 'U' row under the group role.</summary>
    public async Task AssignAdminRoleAsync(int userId, int roleId, CancellationToken cancellationToken = default)
    {
        await InsertAsync(
            "authorization_role",
            new()
            {
                ["parent_id"] = roleId,
                ["tree_level"] = 2,
                ["sort_order"] = 0,
                ["role_type"] = "U",
                ["user_id"] = userId,
                ["user_type"] = "2",
                ["role_name"] = $"user-{userId}",
            },
            cancellationToken);
    }

    /// <summary>
    /// A <c>tfa_user_config</c> row. <paramref name="encodedConfig"/> stands for Magento's encrypted provider settings
    /// (non-empty once the user configured a provider); <paramref name="providers"/> the chosen provider codes.
    /// </summary>
    public Task AddTwoFactorConfigAsync(int userId, string? encodedConfig, string? providers = "[\"google\"]", CancellationToken cancellationToken = default) =>
        InsertAsync(
            "tfa_user_config",
            new()
            {
                ["user_id"] = userId,
                ["encoded_providers"] = providers,
                ["encoded_config"] = encodedConfig,
                ["default_provider"] = null,
            },
            cancellationToken);

    /// <summary>Inserts an integration, its OAuth consumer and its ACL role and rules; returns the integration_id.</summary>
    public async Task<int> AddIntegrationAsync(MagentoIntegration integration, CancellationToken cancellationToken = default)
    {
        int? consumerId = null;
        if (integration.WithConsumer)
        {
            consumerId = await InsertAsync(
                "oauth_consumer",
                new()
                {
                    ["created_at"] = integration.ConsumerCreatedAt,
                    ["updated_at"] = integration.ConsumerCreatedAt,
                    ["name"] = $"Integration{integration.Name}",
                    ["key"] = Guid.NewGuid().ToString("n"),
                    ["secret"] = Guid.NewGuid().ToString("n"),
                    ["callback_url"] = null,
                    ["rejected_callback_url"] = string.Empty,
                },
                cancellationToken);
        }

        var columns = new Dictionary<string, object?>
        {
            ["name"] = integration.Name,
            ["email"] = integration.Email,
            ["endpoint"] = integration.Endpoint,
            ["status"] = integration.Status,
            ["consumer_id"] = consumerId,
            ["created_at"] = integration.CreatedAt,
            ["setup_type"] = integration.SetupType,
        };
        if (integration.UpdatedAt is { } updatedAt)
        {
            columns["updated_at"] = updatedAt;
        }

        var integrationId = await InsertAsync("integration", columns, cancellationToken);
        if (integration.WithRole)
        {
            var roleId = await InsertAsync(
                "authorization_role",
                new()
                {
                    ["parent_id"] = 0,
                    ["tree_level"] = 1,
                    ["sort_order"] = 0,
                    ["role_type"] = "U",
                    ["user_id"] = integrationId,
                    ["user_type"] = "1",
                    ["role_name"] = integrationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                cancellationToken);
            await AddRulesAsync(roleId, integration.AllowedResources, integration.DeniedResources, cancellationToken);
        }

        return integrationId;
    }

    /// <summary>A <c>core_config_data</c> row (scope default/websites/stores).</summary>
    public Task AddConfigAsync(string path, string? value, string scope = "default", int scopeId = 0, CancellationToken cancellationToken = default) =>
        InsertAsync(
            "core_config_data",
            new() { ["scope"] = scope, ["scope_id"] = scopeId, ["path"] = path, ["value"] = value },
            cancellationToken);

    public Task AddActionLogEventAsync(MagentoActionLogEvent logEvent, CancellationToken cancellationToken = default) =>
        InsertAsync(
            "magento_logging_event",
            new()
            {
                ["ip"] = 2130706433L,
                ["x_forwarded_ip"] = 0L,
                ["event_code"] = logEvent.EventCode,
                ["time"] = logEvent.Time,
                ["action"] = logEvent.Action,
                ["info"] = logEvent.Info,
                ["status"] = logEvent.Status,
                ["user"] = logEvent.User,
                ["user_id"] = logEvent.UserId,
                ["fullaction"] = logEvent.FullAction,
            },
            cancellationToken);

    private async Task AddRulesAsync(int roleId, IReadOnlyList<string> allowed, IReadOnlyList<string> denied, CancellationToken cancellationToken)
    {
        foreach (var (resource, permission) in allowed.Select(r => (r, "allow")).Concat(denied.Select(r => (r, "deny"))))
        {
            await InsertAsync(
                "authorization_rule",
                new() { ["role_id"] = roleId, ["resource_id"] = resource, ["privileges"] = null, ["permission"] = permission },
                cancellationToken);
        }
    }

    private async Task<int> InsertAsync(string table, Dictionary<string, object?> columns, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAdminConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var names = columns.Keys.ToList();
        command.CommandText =
            $"INSERT INTO {Table(table)} ({string.Join(", ", names.Select(n => $"`{n}`"))}) " +
            $"VALUES ({string.Join(", ", names.Select((_, i) => $"@v{i}"))})";
        for (var i = 0; i < names.Count; i++)
        {
            command.Parameters.AddWithValue($"@v{i}", columns[names[i]] ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
        return checked((int)command.LastInsertedId);
    }

    private static async Task<string> ReadSchemaAsync(CancellationToken cancellationToken)
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Controls.Testing.MariaDb.magento-schema.sql")
            ?? throw new InvalidOperationException("The embedded Magento schema (MariaDb/magento-schema.sql) is missing from Controls.Testing.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
