namespace Controls.Collectors.Demo;

public sealed class DemoOptions
{
    public const string Section = "Controls:Demo";

    /// <summary>Creates the demo workspace at start and collects it once from recorded GitHub responses.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>The names the demo uses, shared by the seeder, the replay transport and the tests.</summary>
public static class DemoNames
{
    public const string WorkspaceSlug = "demo";

    public const string WorkspaceName = "Demo — Acme Outfitters (sample data)";

    public const string GitHubOrganization = "acme-outfitters";

    /// <summary>Not a network address: only <see cref="DemoGitHubTransport"/> serves it, and only for demo workspaces.</summary>
    public const string GitHubBaseUrl = "replay://demo-github/";

    public const string Caller = "demo-seeder";

    /// <summary>The demo Shopify Plus store (a myshopify domain, as real stores are named).</summary>
    public const string ShopifyStore = "acme-outfitters.myshopify.com";

    /// <summary>Not a network address: only <see cref="DemoShopifyTransport"/> serves it, and only for demo workspaces.</summary>
    public const string ShopifyBaseUrl = "replay://demo-shopify/";

    public const string ShopifyRecording = "Controls.Collectors.Demo.Recordings.acme-outfitters-shopify.json";

    /// <summary>The demo Elasticsearch cluster the storefront and audit logs are shipped to.</summary>
    public const string LogStore = "acme-outfitters-logs";

    /// <summary>Not a network address: only <see cref="DemoLogStoreTransport"/> serves it, and only for demo workspaces.</summary>
    public const string LogStoreBaseUrl = "replay://demo-logs/";

    public const string LogStoreRecording = "Controls.Collectors.Demo.Recordings.acme-outfitters-logs.json";

    /// <summary>The demo Adobe Commerce instance (the wholesale shop), a label as Magento systems are named.</summary>
    public const string MagentoInstance = "acme-outfitters-b2b";

    /// <summary>Not a network address: only <see cref="DemoMagentoTransport"/> serves it, and only for demo workspaces.</summary>
    public const string MagentoBaseUrl = "replay://demo-magento/";

    public const string MagentoRecording = "Controls.Collectors.Demo.Recordings.acme-outfitters-magento.json";

    /// <summary>
    /// The demo instance's credential name: its only part is <see cref="MagentoDatabaseAddress"/> (Database), set as an
    /// in-memory configuration value by <see cref="DemoServiceCollectionExtensions.AddDemoWorkspace"/>. Prefixed "demo-"
    /// so it cannot collide with a real instance's credential.
    /// </summary>
    public const string MagentoCredentialName = "demo-acme-outfitters-b2b";

    /// <summary>Not a connection string: only <see cref="DemoMagentoDatabaseReplay"/> serves it, and only for demo workspaces.</summary>
    public const string MagentoDatabaseAddress = "replay://demo-magento-db";

    public const string MagentoDatabaseRecording = "Controls.Collectors.Demo.Recordings.acme-outfitters-magento-db.json";
}
