namespace Controls.Collectors.Magento.Database;

/// <summary>
/// Reads what Magento's REST API does not expose (admin users, integrations and their ACL, action-log and admin-session
/// configuration) from the Magento database over an optional, read-only MySQL/MariaDB connection. Each method is one
/// piece of evidence, so a missing table (e.g. <c>magento_logging_event</c> on Magento Open Source) fails only the
/// evidence that needed it. Implementations throw <see cref="MagentoDatabaseException"/> with a message that never
/// contains the connection string or its password.
/// </summary>
public interface IMagentoDatabaseReader
{
    /// <summary>Opens (and checks) a read-only session. Throws <see cref="MagentoDatabaseException"/> when unreachable or refused.</summary>
    Task<IMagentoDatabaseSession> OpenAsync(string connectionString, CancellationToken cancellationToken);
}

public interface IMagentoDatabaseSession : IAsyncDisposable
{
    /// <summary>The server's version string (e.g. "10.11.6-MariaDB-0+deb12u1"), for the evidence.</summary>
    string ServerVersion { get; }

    /// <summary><c>admin_user</c>, joined with <c>tfa_user_config</c> when that table exists (TwoFactorConfigured null otherwise).</summary>
    Task<IReadOnlyList<MagentoAdminUserRow>> ReadAdminUsersAsync(CancellationToken cancellationToken);

    /// <summary><c>integration</c> joined with <c>oauth_consumer</c>, and the ACL resources the integration's role is allowed.</summary>
    Task<IReadOnlyList<MagentoIntegrationRow>> ReadIntegrationsAsync(CancellationToken cancellationToken);

    /// <summary>Rows of <c>core_config_data</c> whose path is one of <paramref name="paths"/> (all scopes).</summary>
    Task<IReadOnlyList<MagentoConfigRow>> ReadConfigAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken);

    /// <summary>Oldest and newest <c>magento_logging_event.time</c> and the row count (Adobe Commerce action log); null when the table does not exist.</summary>
    Task<MagentoActionLogExtent?> ReadActionLogExtentAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One <c>admin_user</c> row. Times are UTC (Magento stores UTC in these columns). <see cref="RoleGrantsAll"/>: the
/// admin's role allows <c>Magento_Backend::all</c>.
/// </summary>
public sealed record MagentoAdminUserRow(
    int UserId,
    string Username,
    string? Email,
    string? FirstName,
    string? LastName,
    bool IsActive,
    DateTime? LastLoginAt,
    int LoginCount,
    int FailureCount,
    DateTime? FirstFailureAt,
    DateTime? LockExpiresAt,
    DateTime CreatedAt,
    string? RoleName,
    bool RoleGrantsAll,
    bool? TwoFactorConfigured);

/// <summary>
/// One <c>integration</c> row. Status: 0 inactive, 1 active, 2 recalled (needs reauthorize). SetupType: 0 manual, 1 from config.
/// AllResources is true when the integration's role is granted <c>Magento_Backend::all</c>.
/// </summary>
public sealed record MagentoIntegrationRow(
    int IntegrationId,
    string Name,
    string? Email,
    string? Endpoint,
    int Status,
    int SetupType,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int? ConsumerId,
    DateTime? ConsumerCreatedAt,
    bool AllResources,
    IReadOnlyList<string> Resources);

public sealed record MagentoConfigRow(string Scope, int ScopeId, string Path, string? Value);

public sealed record MagentoActionLogExtent(long Rows, DateTime? OldestAt, DateTime? NewestAt);

/// <summary>A database read failed; the message is safe to record (no connection string, no password).</summary>
public sealed class MagentoDatabaseException : Exception
{
    public MagentoDatabaseException(string message)
        : base(message)
    {
    }

    public MagentoDatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MagentoDatabaseException()
    {
    }

    /// <summary>The MySQL error number when the server answered (1045 access denied, 1146 table missing, 1142 command denied…).</summary>
    public int? ErrorNumber { get; init; }
}
