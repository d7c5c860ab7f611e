using Controls.Collectors.Magento.Database;

namespace Controls.Collectors.Tests.Magento;

/// <summary>
/// An in-process stand-in for <see cref="IMagentoDatabaseReader"/> returning canned rows or throwing
/// <see cref="MagentoDatabaseException"/>. Only until the MySqlConnector reader and its MariaDB-backed tests land from
/// the database branch; the REST side is tested against the loopback FakeMagentoServer.
/// </summary>
internal sealed class TestMagentoDatabase : IMagentoDatabaseReader
{
    public List<string> ConnectionStrings { get; } = [];

    public MagentoDatabaseException? OpenFailure { get; set; }

    /// <summary>Failures by read: "admin-users", "integrations", "config", "action-log".</summary>
    public Dictionary<string, MagentoDatabaseException> ReadFailures { get; } = new(StringComparer.Ordinal);

    public List<MagentoAdminUserRow> AdminUsers { get; } = [];

    public List<MagentoIntegrationRow> Integrations { get; } = [];

    public List<MagentoConfigRow> Config { get; } = [];

    public MagentoActionLogExtent? ActionLog { get; set; }

    public Task<IMagentoDatabaseSession> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        ConnectionStrings.Add(connectionString);
        if (OpenFailure is not null)
        {
            throw OpenFailure;
        }

        return Task.FromResult<IMagentoDatabaseSession>(new Session(this));
    }

    private sealed class Session(TestMagentoDatabase db) : IMagentoDatabaseSession
    {
        public string ServerVersion => "10.11.6-MariaDB-0+deb12u1";

        public Task<IReadOnlyList<MagentoAdminUserRow>> ReadAdminUsersAsync(CancellationToken cancellationToken) =>
            Answer<IReadOnlyList<MagentoAdminUserRow>>("admin-users", db.AdminUsers);

        public Task<IReadOnlyList<MagentoIntegrationRow>> ReadIntegrationsAsync(CancellationToken cancellationToken) =>
            Answer<IReadOnlyList<MagentoIntegrationRow>>("integrations", db.Integrations);

        public Task<IReadOnlyList<MagentoConfigRow>> ReadConfigAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken) =>
            Answer<IReadOnlyList<MagentoConfigRow>>("config", db.Config.Where(r => paths.Contains(r.Path)).ToList());

        public Task<MagentoActionLogExtent?> ReadActionLogExtentAsync(CancellationToken cancellationToken) =>
            Answer("action-log", db.ActionLog);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private Task<T> Answer<T>(string read, T value) =>
            db.ReadFailures.TryGetValue(read, out var failure) ? Task.FromException<T>(failure) : Task.FromResult(value);
    }
}
