using Controls.Compliance.Systems;

namespace Controls.Collectors.Demo;

/// <summary>A system of the demo workspace besides the GitHub organisation: its kind, name, label and replay address.</summary>
public sealed record DemoSystem(string Kind, string Name, string DisplayName, string BaseUrl);

/// <summary>
/// The demo workspace's other systems, each replayed from its own recording through its real collector.
/// Extension point: a platform joins the demo by adding an entry here, a recording in Recordings/ and a transport
/// registered in <see cref="DemoServiceCollectionExtensions"/> (the Magento demo instance, once its collector lands:
/// Kind "magento", e.g. "replay://demo-magento/").
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
