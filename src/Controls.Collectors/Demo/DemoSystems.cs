using Controls.Compliance.Systems;

namespace Controls.Collectors.Demo;

/// <summary>A system of the demo workspace besides the GitHub organisation: its kind, name, label, replay address and (optional) credential name.</summary>
public sealed record DemoSystem(string Kind, string Name, string DisplayName, string BaseUrl, string? CredentialName = null);

/// <summary>
/// The demo workspace's other systems, each replayed from its own recording through its real collector.
/// Extension point: a platform joins the demo by adding an entry here, a recording in Recordings/ and a transport
/// registered in <see cref="DemoServiceCollectionExtensions"/>. The Magento instance replays its REST API
/// (<see cref="DemoMagentoTransport"/>, Recordings/acme-outfitters-magento.json) and its read-only database
/// (<see cref="DemoMagentoDatabaseReplay"/>, Recordings/acme-outfitters-magento-db.json, reached through the credential
/// part <see cref="DemoNames.MagentoCredentialName"/>:Database), so its database checks and the third-party register's
/// inventory are complete.
/// </summary>
public static class DemoSystems
{
    /// <summary>In collection order: the log store first, so checks that read its evidence find it on their first run.</summary>
    public static readonly IReadOnlyList<DemoSystem> Additional =
    [
        new(SystemKinds.LogStore, DemoNames.LogStore, "Acme Outfitters logs (sample Elasticsearch cluster)", DemoNames.LogStoreBaseUrl),
        new(SystemKinds.Shopify, DemoNames.ShopifyStore, "Acme Outfitters (sample Shopify Plus store)", DemoNames.ShopifyBaseUrl),
        new(SystemKinds.Magento, DemoNames.MagentoInstance, "Acme Outfitters Wholesale (sample Adobe Commerce instance)", DemoNames.MagentoBaseUrl, DemoNames.MagentoCredentialName),
    ];
}
