using Controls.Compliance.Systems;

namespace Controls.Collectors.Magento.Client;

/// <summary>
/// Something other than the network that answers a Magento instance's REST API — the demo workspace's recording.
/// The factory asks each registered transport whether it serves a system's base address before using HTTP.
/// </summary>
public interface IMagentoTransport
{
    bool Serves(Uri baseAddress);

    /// <summary>Throws <see cref="Compliance.Collection.CollectionAbortedException"/> when the system may not use this transport.</summary>
    HttpMessageHandler CreateHandler(ConnectedSystem system, bool workspaceIsDemo);
}
