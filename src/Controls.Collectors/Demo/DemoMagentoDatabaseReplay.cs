using System.Reflection;
using System.Text.Json;
using Controls.Collectors.Magento.Database;
using Controls.Compliance.Systems;

namespace Controls.Collectors.Demo;

/// <summary>
/// Serves <see cref="DemoNames.MagentoDatabaseAddress"/> from Recordings/acme-outfitters-magento-db.json: the rows the
/// real reader would return from the demo instance's database. Times are recorded as days before now so the sample
/// keeps the same story whenever it is replayed (an admin idle for 200 days stays idle for 200 days). Refused outside
/// demo workspaces, as the demo's REST transports are.
/// </summary>
public sealed class DemoMagentoDatabaseReplay(TimeProvider time) : IMagentoDatabaseReplay
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lazy<DbRecording> _recording = new(Load);

    public bool Serves(string connectionString) =>
        connectionString.Trim().TrimEnd('/').Equals(DemoNames.MagentoDatabaseAddress, StringComparison.OrdinalIgnoreCase);

    public IMagentoDatabaseSession Open(ConnectedSystem system, bool workspaceIsDemo)
    {
        if (!workspaceIsDemo)
        {
            // The address itself is not repeated: the collector scrubs the connection string from messages.
            throw new MagentoDatabaseException(
                $"the database address of '{system.Name}' is the demo's replay of recorded sample rows and is only allowed in the demo workspace; " +
                "set the Database credential part to the instance's real read-only connection string to collect it. Nothing was read");
        }

        return new Session(_recording.Value, time.GetUtcNow().UtcDateTime);
    }

    private static DbRecording Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DemoNames.MagentoDatabaseRecording)
            ?? throw new InvalidOperationException($"The embedded recording {DemoNames.MagentoDatabaseRecording} is missing.");
        return JsonSerializer.Deserialize<DbRecording>(stream, Json)
            ?? throw new InvalidOperationException($"The embedded recording {DemoNames.MagentoDatabaseRecording} is empty.");
    }

    private sealed class Session(DbRecording recording, DateTime now) : IMagentoDatabaseSession
    {
        public string ServerVersion => recording.ServerVersion;

        public Task<IReadOnlyList<MagentoAdminUserRow>> ReadAdminUsersAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<MagentoAdminUserRow> rows = recording.AdminUsers.Select(u => new MagentoAdminUserRow(
                u.UserId, u.Username, u.Email, u.FirstName, u.LastName, u.IsActive, Ago(u.LastLoginDaysAgo), u.LoginCount, u.FailureCount,
                Ago(u.FirstFailureDaysAgo), Ago(u.LockExpiresDaysAgo), Ago(u.CreatedDaysAgo)!.Value, u.RoleName,
                u.RoleGrantsAll ?? u.RoleName == BuiltInAdministratorsRole, u.TwoFactorConfigured)).ToList();
            return Task.FromResult(rows);
        }

        public Task<IReadOnlyList<MagentoIntegrationRow>> ReadIntegrationsAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<MagentoIntegrationRow> rows = recording.Integrations.Select(i => new MagentoIntegrationRow(
                i.IntegrationId, i.Name, i.Email, i.Endpoint, i.Status, i.SetupType, Ago(i.CreatedDaysAgo)!.Value, Ago(i.UpdatedDaysAgo)!.Value,
                i.ConsumerId, Ago(i.ConsumerCreatedDaysAgo), i.AllResources, i.Resources)).ToList();
            return Task.FromResult(rows);
        }

        public Task<IReadOnlyList<MagentoConfigRow>> ReadConfigAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<MagentoConfigRow> rows = recording.Config.Where(r => paths.Contains(r.Path, StringComparer.Ordinal)).ToList();
            return Task.FromResult(rows);
        }

        public Task<MagentoActionLogExtent?> ReadActionLogExtentAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(recording.ActionLog is { } log
                ? new MagentoActionLogExtent(log.Rows, Ago(log.OldestDaysAgo), Ago(log.NewestDaysAgo))
                : null);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        // Magento stores whole seconds; the replay does too, so evidence does not change with sub-second clock noise.
        private DateTime? Ago(double? days) =>
            days is { } d ? new DateTime(now.AddDays(-d).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc) : null;
    }

    /// <summary>Magento's built-in role, which allows Magento_Backend::all; a recording may say otherwise per user.</summary>
    private const string BuiltInAdministratorsRole = "Administrators";

    private sealed record DbRecording(
        string ServerVersion,
        IReadOnlyList<AdminUserRecord> AdminUsers,
        IReadOnlyList<IntegrationRecord> Integrations,
        IReadOnlyList<MagentoConfigRow> Config,
        ActionLogRecord? ActionLog);

    private sealed record AdminUserRecord(
        int UserId,
        string Username,
        string? Email,
        string? FirstName,
        string? LastName,
        bool IsActive,
        double? LastLoginDaysAgo,
        int LoginCount,
        int FailureCount,
        double? FirstFailureDaysAgo,
        double? LockExpiresDaysAgo,
        double CreatedDaysAgo,
        string? RoleName,
        bool? TwoFactorConfigured,
        bool? RoleGrantsAll = null);

    private sealed record IntegrationRecord(
        int IntegrationId,
        string Name,
        string? Email,
        string? Endpoint,
        int Status,
        int SetupType,
        double CreatedDaysAgo,
        double UpdatedDaysAgo,
        int? ConsumerId,
        double? ConsumerCreatedDaysAgo,
        bool AllResources,
        IReadOnlyList<string> Resources);

    private sealed record ActionLogRecord(long Rows, double? OldestDaysAgo, double? NewestDaysAgo);
}
