using Controls.Compliance.Evaluation;
using Controls.Compliance.Systems;

namespace Controls.Compliance.ThirdParty;

/// <summary>The per-workspace "third-party" system: its ledger holds the vendor register and the inventory as they stood at each run.</summary>
public static class ThirdPartyRegister
{
    public const string Kind = SystemKinds.ThirdPartyRegister;
    public const string SystemName = "third-party-register";
    public const string DisplayName = "Third-party register";

    public const string RegisterEvidenceKind = "third-party.vendor-register";
    public const string InventoryEvidenceKind = "third-party.inventory";

    /// <summary>The subject of the register evidence (inventory evidence is per source system: its name).</summary>
    public const string RegisterSubject = "register";

    public const string TriggerAfterCollection = "after-collection";
    public const string TriggerRegisterEdit = "register-edit";
}

/// <summary>What an installed item can reach. Strings, not an enum: they are stored in evidence and read by checks.</summary>
public static class DataReach
{
    public const string Customer = "customer";
    public const string Payment = "payment";
    public const string Order = "order";
    public const string Product = "product";
    public const string Content = "content";
    public const string Storefront = "storefront";
    public const string SourceCode = "source-code";
    public const string Secrets = "secrets";
    public const string Administration = "administration";
    public const string Other = "other";
}

/// <summary>Kinds of inventory item.</summary>
public static class InventoryItemKinds
{
    public const string ShopifyApp = "shopify-app";
    public const string GitHubApp = "github-app";
    public const string MagentoModule = "magento-module";
    public const string MagentoIntegration = "magento-integration";
}

/// <summary>
/// One installed third-party item as a platform reports it. <paramref name="Key"/> is stable across runs (handle,
/// slug, module name) and identifies the item for first-seen tracking; <paramref name="VendorHint"/> is the developer
/// or namespace the platform names, used to match a vendor.
/// </summary>
public sealed record InventoryEntry(
    string Kind,
    string Key,
    string Name,
    string? VendorHint,
    IReadOnlyList<string> Access,
    IReadOnlyList<string> DataReach,
    DateTimeOffset? InstalledAt,
    long SourceRecordId);

/// <summary>
/// Turns one platform's collected evidence into inventory entries. One class per platform (GitHub, Shopify,
/// Magento...), registered in DI: the register collector reads every system of <see cref="SystemKind"/>.
/// </summary>
public interface IThirdPartyInventorySource
{
    string SystemKind { get; }

    /// <summary>Evidence kinds read; if any failed to collect on the source's latest run, that system's inventory is a failure.</summary>
    IReadOnlyCollection<string> EvidenceKinds { get; }

    IEnumerable<InventoryEntry> Extract(EvidenceSnapshot evidence);
}
