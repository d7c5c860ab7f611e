using Controls.Compliance.Systems;

namespace Controls.Collectors.Shopify.Client;

/// <summary>
/// Serves Shopify traffic for base addresses that are not a real store (the demo's recorded responses). It replaces
/// only the innermost handler: the GraphQL client, cost bucket and throttling run unchanged above it.
/// </summary>
public interface IShopifyTransport
{
    bool Serves(Uri baseAddress);

    /// <summary>Throws <see cref="Compliance.Collection.CollectionAbortedException"/> when the system may not use this transport.</summary>
    HttpMessageHandler CreateHandler(ConnectedSystem system, bool workspaceIsDemo);
}
