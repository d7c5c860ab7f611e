using Controls.Compliance.Systems;

namespace Controls.Collectors.Magento.Database;

/// <summary>
/// Recorded database rows (the demo's) chosen by their connection-string address instead of a MySQL connection, the
/// database counterpart of <see cref="Client.IMagentoTransport"/>. The collector asks each registered replay whether it
/// serves the configured address; any other connection string goes to <see cref="IMagentoDatabaseReader"/> unchanged.
/// </summary>
public interface IMagentoDatabaseReplay
{
    /// <summary>Whether this replay answers <paramref name="connectionString"/> (a <c>replay://</c> address, never a real connection string).</summary>
    bool Serves(string connectionString);

    /// <summary>
    /// A session over the recorded rows. Throws <see cref="MagentoDatabaseException"/> when the system's workspace is not a
    /// demo: recorded sample rows must never stand in for a real store's database.
    /// </summary>
    IMagentoDatabaseSession Open(ConnectedSystem system, bool workspaceIsDemo);
}
