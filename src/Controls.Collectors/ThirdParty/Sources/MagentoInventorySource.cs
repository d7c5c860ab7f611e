using Controls.Collectors.Magento.Evidence;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Compliance.Systems;
using Controls.Compliance.ThirdParty;

namespace Controls.Collectors.ThirdParty.Sources;

/// <summary>
/// Third-party Magento modules (REST, <c>magento.modules</c>) and integrations with their ACL resources (database,
/// <c>magento.integrations</c>). Both kinds are required: a store whose database could not be read has an incomplete
/// inventory (the register records a failure, its checks are Error), never one that silently lacks its integrations.
/// </summary>
public sealed class MagentoInventorySource : IThirdPartyInventorySource
{
    /// <summary>
    /// What a module's Access lists. Magento reports only a module's name: a module is PHP code running inside the
    /// store with the application's own database credentials and admin privileges, so nothing narrower is knowable.
    /// </summary>
    public const string ModuleAccess = "in-process code (the store's full application privileges)";

    /// <summary>
    /// A module's data reach: everything the application holds that the register treats as a data category, because
    /// in-process code is not confined by ACL resources. A vendor assessment is what narrows it, not the platform.
    /// </summary>
    public static readonly IReadOnlyList<string> ModuleReach =
        [DataReach.Administration, DataReach.Customer, DataReach.Order, DataReach.Payment, DataReach.Product];

    public string SystemKind => SystemKinds.Magento;

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [MagentoEvidenceKinds.Modules, MagentoEvidenceKinds.Integrations];

    public IEnumerable<InventoryEntry> Extract(EvidenceSnapshot evidence)
    {
        foreach (var item in evidence.OfKind(MagentoEvidenceKinds.Modules).Where(i => i.Outcome == EvidenceOutcome.Collected))
        {
            foreach (var module in item.Read<ModulesEvidence>().Modules.Where(m => m.ThirdParty))
            {
                yield return new InventoryEntry(InventoryItemKinds.MagentoModule, module.Name, module.Name, module.Vendor, [ModuleAccess], ModuleReach, null, item.RecordId);
            }
        }

        foreach (var item in evidence.OfKind(MagentoEvidenceKinds.Integrations).Where(i => i.Outcome == EvidenceOutcome.Collected))
        {
            foreach (var integration in item.Read<IntegrationsEvidence>().Integrations)
            {
                IReadOnlyList<string> access = integration.AllResources && !integration.Resources.Contains(MagentoResources.All, StringComparer.Ordinal)
                    ? [MagentoResources.All, .. integration.Resources]
                    : integration.Resources;
                yield return new InventoryEntry(
                    InventoryItemKinds.MagentoIntegration,
                    integration.Name,
                    integration.Name,
                    null,
                    [.. access.Order(StringComparer.Ordinal)],
                    MagentoResources.Reach(access),
                    new DateTimeOffset(DateTime.SpecifyKind(integration.CreatedAt, DateTimeKind.Utc)),
                    item.RecordId);
            }
        }
    }
}

/// <summary>
/// What a Magento ACL resource (an integration's API access) reaches — the one place this is decided. The module
/// part of the id (<c>Magento_Sales</c> of <c>Magento_Sales::actions_view</c>) decides; orders carry names, addresses
/// and contact details, so they reach customer data as well as order data (as with Shopify's order scopes).
/// </summary>
public static class MagentoResources
{
    /// <summary>Every admin resource, the API included.</summary>
    public const string All = "Magento_Backend::all";

    public static IReadOnlyList<string> Reach(IEnumerable<string> resources) =>
        resources.SelectMany(ReachOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static IEnumerable<string> ReachOf(string resource)
    {
        if (resource == All)
        {
            return [DataReach.Administration, DataReach.Content, DataReach.Customer, DataReach.Order, DataReach.Payment, DataReach.Product];
        }

        var separator = resource.IndexOf("::", StringComparison.Ordinal);
        var module = separator > 0 ? resource[..separator] : resource;
        if (module.StartsWith("Magento_Payment", StringComparison.Ordinal) || module is "Magento_Vault" or "Magento_Paypal" or "PayPal_Braintree" or "Magento_Braintree")
        {
            return [DataReach.Payment];
        }

        if (module is "Magento_Sales" or "Magento_SalesRule" or "Magento_Rma" or "Magento_Reports" || module.StartsWith("Magento_Sales", StringComparison.Ordinal))
        {
            return [DataReach.Customer, DataReach.Order];
        }

        if (module is "Magento_Customer" or "Magento_CustomerSegment" or "Magento_Newsletter" or "Magento_Company" or "Magento_Review" or "Magento_Reward")
        {
            return [DataReach.Customer];
        }

        if (module is "Magento_Catalog" or "Magento_CatalogInventory" or "Magento_CatalogRule" || module.StartsWith("Magento_Inventory", StringComparison.Ordinal))
        {
            return [DataReach.Product];
        }

        if (module is "Magento_Cms" or "Magento_Widget" or "Magento_Theme")
        {
            return [DataReach.Content];
        }

        if (module is "Magento_Backend" or "Magento_User" or "Magento_Integration" or "Magento_Config" or "Magento_Logging" or "Magento_TwoFactorAuth")
        {
            return [DataReach.Administration];
        }

        return [DataReach.Other];
    }
}
