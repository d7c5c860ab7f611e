using Controls.Compliance.Systems;

namespace Controls.Collectors.Demo;

/// <summary>A system of the demo workspace besides the GitHub organisation: its kind, name, label and replay address.</summary>
public sealed record DemoSystem(string Kind, string Name, string DisplayName, string BaseUrl);

/// <summary>
/// The demo workspace's other systems, each replayed from its own recording through its real collector.
/// Extension point: a platform joins the demo by adding an entry here, a recording in Recordings/ and a transport
/// registered in <see cref="DemoServiceCollectionExtensions"/>. The Magento instance's REST side is ready
/// (<see cref="DemoMagentoTransport"/>, <see cref="DemoNames.MagentoBaseUrl"/>, Recordings/acme-outfitters-magento.json)
/// but it is not listed yet: without a replayed database its database checks, and through its incomplete inventory
/// the third-party register's checks, would be Error in the demo.
/// </summary>
public static class DemoSystems
{
    /// <summary>In collection order: the log store first, so checks that read its evidence find it on their first run.</summary>
    public static readonly IReadOnlyList<DemoSystem> Additional =
    [
        new(SystemKinds.LogStore, DemoNames.LogStore, "Acme Outfitters logs (sample Elasticsearch cluster)", DemoNames.LogStoreBaseUrl),
        new(SystemKinds.Shopify, DemoNames.ShopifyStore, "Acme Outfitters (sample Shopify Plus store)", DemoNames.ShopifyBaseUrl),
    ];
}
