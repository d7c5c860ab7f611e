using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Controls.Collectors.Magento.Database;

/// <summary>
/// <see cref="IMagentoDatabaseReader"/> over MySqlConnector (MySQL 8 and MariaDB 10.4+, what Magento 2.4 supports).
/// Read-only by construction: the session only ever sends the SELECTs below, and the server is told the session is
/// read-only before the first of them, so even a user mis-granted write privileges cannot change the store through it.
/// </summary>
public sealed class MySqlMagentoDatabaseReader(IOptions<MagentoDatabaseOptions> options) : IMagentoDatabaseReader
{
    public async Task<IMagentoDatabaseSession> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = MagentoConnectionString.Parse(connectionString, options.Value);
        var connection = new MySqlConnection(target.Builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await MySqlMagentoDatabaseSession.MakeReadOnlyAsync(connection, cancellationToken);
            return new MySqlMagentoDatabaseSession(connection, target);
        }
        catch (Exception ex) when (MySqlMagentoDatabaseSession.IsFailure(ex, cancellationToken))
        {
            await connection.DisposeAsync();
            throw MySqlMagentoDatabaseSession.Wrap($"Connecting to the Magento database at {target.Target}", ex, target);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>One connection in read-only mode. Not thread-safe: one read at a time, as the collector does.</summary>
internal sealed class MySqlMagentoDatabaseSession(MySqlConnection connection, MagentoConnectionString target) : IMagentoDatabaseSession
{
    private const string AllResourcesId = "Magento_Backend::all";

    // authorization_role.user_type holds Magento\Authorization\Model\UserContextInterface::USER_TYPE_* as text.
    private const string UserTypeIntegration = "1";
    private const string UserTypeAdmin = "2";

    // MariaDB's handshake announces "5.5.5-10.11.6-MariaDB-…" for the sake of old replication clients; the prefix is not its version.
    public string ServerVersion { get; } =
        connection.ServerVersion.StartsWith("5.5.5-", StringComparison.Ordinal) && connection.ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase)
            ? connection.ServerVersion["5.5.5-".Length..]
            : connection.ServerVersion;

    /// <summary>For tests that prove the session refuses writes; production code never sends anything but the reads here.</summary>
    internal MySqlConnection Connection => connection;

    internal static async Task MakeReadOnlyAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        // Every later statement runs in autocommit mode, i.e. in its own transaction, which is now READ ONLY: INSERT,
        // UPDATE and DELETE fail with error 1792. Magento itself sets time_zone to UTC on its connections and writes
        // UTC wall-clock values into TIMESTAMP columns; reading in the same zone returns exactly what Magento wrote,
        // whatever the server's default zone is.
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "SET SESSION TRANSACTION READ ONLY; SET SESSION time_zone = '+00:00';";
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        // Trust, but verify: MariaDB (before 11.1) names the variable tx_read_only, MySQL 8 transaction_read_only.
        var variable = connection.ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase)
            ? "@@SESSION.tx_read_only"
            : "@@SESSION.transaction_read_only";
        await using var check = connection.CreateCommand();
        check.CommandText = $"SELECT {variable};";
        var readOnly = Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (readOnly != 1)
        {
            throw new MagentoDatabaseException("The database server did not put the session in read-only mode; nothing was read.");
        }
    }

    public async Task<IReadOnlyList<MagentoAdminUserRow>> ReadAdminUsersAsync(CancellationToken cancellationToken)
    {
        const string What = "Reading Magento admin users";
        try
        {
            var roles = new Dictionary<int, (string? Name, bool GrantsAll)>();

            // A role granting Magento_Backend::all is an administrator whatever it is called: that, not the name
            // "Administrators", is what makes the account privileged for access reviews.
            await using (var command = Command(
                $"""
                SELECT u.user_id, g.role_name,
                       EXISTS (SELECT 1 FROM {target.Table("authorization_rule")} ru
                               WHERE ru.role_id = g.role_id AND ru.resource_id = 'Magento_Backend::all' AND ru.permission = 'allow')
                FROM {target.Table("authorization_role")} u
                JOIN {target.Table("authorization_role")} g ON g.role_id = u.parent_id AND g.role_type = 'G'
                WHERE u.role_type = 'U' AND u.user_type = '{UserTypeAdmin}'
                ORDER BY u.role_id
                """))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    // Magento keeps one user role per admin; should there be more, the first one created wins.
                    roles.TryAdd(Int(reader, 0), (NullableString(reader, 1), Int(reader, 2) != 0));
                }
            }

            var twoFactor = await ReadTwoFactorAsync(cancellationToken);

            var users = new List<MagentoAdminUserRow>();
            await using (var command = Command(
                $"""
                SELECT user_id, username, email, firstname, lastname, is_active, logdate, lognum, failures_num,
                       first_failure, lock_expires, created
                FROM {target.Table("admin_user")}
                ORDER BY user_id
                """))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var userId = Int(reader, 0);
                    users.Add(new MagentoAdminUserRow(
                        UserId: userId,
                        Username: NullableString(reader, 1) ?? string.Empty,
                        Email: NullableString(reader, 2),
                        FirstName: NullableString(reader, 3),
                        LastName: NullableString(reader, 4),
                        IsActive: Int(reader, 5) != 0,
                        LastLoginAt: NullableUtc(reader, 6),
                        LoginCount: Int(reader, 7),
                        FailureCount: reader.IsDBNull(8) ? 0 : Int(reader, 8),
                        FirstFailureAt: NullableUtc(reader, 9),
                        LockExpiresAt: NullableUtc(reader, 10),
                        CreatedAt: Utc(reader, 11),
                        RoleName: roles.GetValueOrDefault(userId).Name,
                        RoleGrantsAll: roles.GetValueOrDefault(userId).GrantsAll,
                        TwoFactorConfigured: twoFactor is null ? null : twoFactor.Contains(userId)));
                }
            }

            return users;
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            throw Wrap(What, ex, target);
        }
    }

    /// <summary>Users with a configured 2FA provider, or null when the table does not exist (Magento_TwoFactorAuth disabled or removed).</summary>
    private async Task<HashSet<int>?> ReadTwoFactorAsync(CancellationToken cancellationToken)
    {
        try
        {
            var configured = new HashSet<int>();
            await using var command = Command(
                $"SELECT user_id, encoded_config FROM {target.Table("tfa_user_config")}");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // encoded_config holds the providers' settings, encrypted since 2.4 (plain JSON before), so which provider is
                // active cannot be read here; a non-empty configuration means the user went through 2FA setup.
                if (!IsEmptyConfig(NullableString(reader, 1)))
                {
                    configured.Add(Int(reader, 0));
                }
            }

            return configured;
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.NoSuchTable)
        {
            return null;
        }
    }

    private static bool IsEmptyConfig(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Trim() is "[]" or "{}" or "null";

    public async Task<IReadOnlyList<MagentoIntegrationRow>> ReadIntegrationsAsync(CancellationToken cancellationToken)
    {
        const string What = "Reading Magento integrations";
        try
        {
            // An integration's ACL is a user role (role_type 'U', user_type integration, user_id = integration_id) whose
            // authorization_rule rows say allow or deny per resource; only the allowed ones are the grant.
            var resources = new Dictionary<int, List<string>>();
            await using (var command = Command(
                $"""
                SELECT r.user_id, ru.resource_id
                FROM {target.Table("authorization_role")} r
                JOIN {target.Table("authorization_rule")} ru ON ru.role_id = r.role_id
                WHERE r.role_type = 'U' AND r.user_type = '{UserTypeIntegration}' AND ru.permission = 'allow'
                  AND ru.resource_id IS NOT NULL
                ORDER BY r.user_id, ru.resource_id
                """))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var integrationId = Int(reader, 0);
                    if (!resources.TryGetValue(integrationId, out var list))
                    {
                        resources[integrationId] = list = [];
                    }

                    var resource = reader.GetString(1);
                    if (!list.Contains(resource, StringComparer.Ordinal))
                    {
                        list.Add(resource);
                    }
                }
            }

            var integrations = new List<MagentoIntegrationRow>();
            await using (var command = Command(
                $"""
                SELECT i.integration_id, i.name, i.email, i.endpoint, i.status, i.setup_type, i.created_at, i.updated_at,
                       i.consumer_id, c.created_at
                FROM {target.Table("integration")} i
                LEFT JOIN {target.Table("oauth_consumer")} c ON c.entity_id = i.consumer_id
                ORDER BY i.integration_id
                """))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var integrationId = Int(reader, 0);
                    IReadOnlyList<string> allowed = resources.TryGetValue(integrationId, out var list) ? list : [];
                    integrations.Add(new MagentoIntegrationRow(
                        IntegrationId: integrationId,
                        Name: NullableString(reader, 1) ?? string.Empty,
                        Email: NullIfEmpty(NullableString(reader, 2)),
                        Endpoint: NullIfEmpty(NullableString(reader, 3)),
                        Status: Int(reader, 4),
                        SetupType: Int(reader, 5),
                        CreatedAt: Utc(reader, 6),
                        UpdatedAt: Utc(reader, 7),
                        ConsumerId: reader.IsDBNull(8) ? null : Int(reader, 8),
                        ConsumerCreatedAt: NullableUtc(reader, 9),
                        AllResources: allowed.Contains(AllResourcesId, StringComparer.Ordinal),
                        Resources: allowed));
                }
            }

            return integrations;
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            throw Wrap(What, ex, target);
        }
    }

    public async Task<IReadOnlyList<MagentoConfigRow>> ReadConfigAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
    {
        const string What = "Reading Magento configuration (core_config_data)";
        var distinct = paths.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return [];
        }

        try
        {
            await using var command = Command(string.Empty);
            var names = new List<string>(distinct.Count);
            for (var i = 0; i < distinct.Count; i++)
            {
                var name = $"@p{i}";
                names.Add(name);
                command.Parameters.AddWithValue(name, distinct[i]);
            }

            command.CommandText =
                $"""
                SELECT scope, scope_id, path, value
                FROM {target.Table("core_config_data")}
                WHERE path IN ({string.Join(", ", names)})
                ORDER BY path, scope, scope_id
                """;

            var rows = new List<MagentoConfigRow>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new MagentoConfigRow(
                    Scope: reader.GetString(0),
                    ScopeId: Int(reader, 1),
                    Path: reader.GetString(2),
                    Value: NullableString(reader, 3)));
            }

            return rows;
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            throw Wrap(What, ex, target);
        }
    }

    public async Task<MagentoActionLogExtent?> ReadActionLogExtentAsync(CancellationToken cancellationToken)
    {
        const string What = "Reading the Magento action log extent (magento_logging_event)";
        try
        {
            await using var command = Command($"SELECT COUNT(*), MIN(`time`), MAX(`time`) FROM {target.Table("magento_logging_event")}");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new MagentoActionLogExtent(0, null, null);
            }

            return new MagentoActionLogExtent(
                Rows: Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                OldestAt: NullableUtc(reader, 1),
                NewestAt: NullableUtc(reader, 2));
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.NoSuchTable)
        {
            // Magento Open Source has no Magento_Logging module, hence no action log: not a failure, an absence.
            return null;
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            throw Wrap(What, ex, target);
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private MySqlCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>What is wrapped into a <see cref="MagentoDatabaseException"/>: anything but the caller's own cancellation.</summary>
    internal static bool IsFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not MagentoDatabaseException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested);

    internal static MagentoDatabaseException Wrap(string what, Exception ex, MagentoConnectionString target)
    {
        if (ex is MagentoDatabaseException already)
        {
            return already;
        }

        var number = ex is MySqlException mysql ? mysql.Number : (int?)null;

        // The server's and MySqlConnector's messages name the user and the host at most (e.g. "Access denied for user
        // 'x'@'y' (using password: YES)"), never the password; it is scrubbed anyway in case a message ever echoes it.
        var detail = Scrub(ex.Message, target.Password);
        var message = number is { } n and > 0
            ? $"{what} failed: {detail} (MySQL error {n})."
            : $"{what} failed: {detail}";
        return new MagentoDatabaseException(message, ex) { ErrorNumber = number is > 0 ? number : null };
    }

    private static string Scrub(string message, string? password) =>
        password is { Length: >= 4 } ? message.Replace(password, "***", StringComparison.Ordinal) : message;

    private static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static DateTime? NullableUtc(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var value = reader.GetDateTime(ordinal);

        // ConvertZeroDateTime turns '0000-00-00 00:00:00' (Magento's DEFAULT 0) into MinValue: no date, not year 1.
        return value == DateTime.MinValue ? null : DateTime.SpecifyKind(value, DateTimeKind.Utc);
    }

    private static DateTime Utc(DbDataReader reader, int ordinal) =>
        NullableUtc(reader, ordinal) ?? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
}
