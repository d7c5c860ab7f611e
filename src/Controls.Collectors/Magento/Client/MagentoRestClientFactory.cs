using Controls.Compliance.Systems;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.Magento.Client;

/// <summary>Builds the client for one connected instance: its base address, its credential, the options.</summary>
public sealed class MagentoRestClientFactory(IHttpClientFactory http, IOptions<MagentoOptions> options, TimeProvider time)
{
    public const string HttpClientName = "magento";

    public IMagentoRestClient Create(ConnectedSystem system, MagentoCredential credential) =>
        new MagentoRestClient(http.CreateClient(HttpClientName), BaseUrl(system), system.Name, credential, options.Value, time);

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
