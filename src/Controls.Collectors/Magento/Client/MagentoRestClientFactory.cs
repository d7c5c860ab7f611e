using Controls.Compliance.Systems;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.Magento.Client;

/// <summary>Builds the client for one connected instance: its base address, its credential, the options.</summary>
public sealed class MagentoRestClientFactory(IHttpClientFactory http, IOptions<MagentoOptions> options, TimeProvider time, IEnumerable<IMagentoTransport> transports)
{
    public const string HttpClientName = "magento";

    /// <summary>Whether a transport other than the network (the demo's recording) serves this system's address.</summary>
    public bool IsReplayed(ConnectedSystem system) =>
        !string.IsNullOrWhiteSpace(system.BaseUrl) && Uri.TryCreate(system.BaseUrl, UriKind.Absolute, out var address) && Transport(address) is not null;

    public IMagentoRestClient Create(ConnectedSystem system, MagentoCredential credential, bool workspaceIsDemo = false)
    {
        var baseUrl = BaseUrl(system);
        var client = Transport(baseUrl) is { } transport
            ? new HttpClient(transport.CreateHandler(system, workspaceIsDemo), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan }
            : http.CreateClient(HttpClientName);
        return new MagentoRestClient(client, baseUrl, system.Name, credential, options.Value, time);
    }

    private IMagentoTransport? Transport(Uri address) => transports.FirstOrDefault(t => t.Serves(address));

    /// <summary>The store's base address with a trailing slash; the REST API lives under it at rest/….</summary>
    public static Uri BaseUrl(ConnectedSystem system)
    {
        if (string.IsNullOrWhiteSpace(system.BaseUrl))
        {
            throw new InvalidOperationException($"Magento instance '{system.Name}' has no BaseUrl (the store's base address, e.g. https://shop.example.com/).");
        }

        return new Uri(system.BaseUrl.TrimEnd('/') + "/");
    }
}
