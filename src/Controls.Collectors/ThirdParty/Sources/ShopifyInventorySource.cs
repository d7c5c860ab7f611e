using Controls.Collectors.Shopify.Evidence;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Systems;
using Controls.Compliance.ThirdParty;

namespace Controls.Collectors.ThirdParty.Sources;

/// <summary>Installed Shopify apps and the access scopes merchants granted them.</summary>
public sealed class ShopifyInventorySource : IThirdPartyInventorySource
{
    public string SystemKind => SystemKinds.Shopify;

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [ShopifyEvidenceKinds.AppInstallations];

    public IEnumerable<InventoryEntry> Extract(EvidenceSnapshot evidence)
    {
        foreach (var item in evidence.OfKind(ShopifyEvidenceKinds.AppInstallations).Where(i => i.Outcome == Compliance.Evidence.EvidenceOutcome.Collected))
        {
            var apps = item.Read<AppInstallationsEvidence>();
            foreach (var app in apps.Apps)
            {
                yield return new InventoryEntry(
                    InventoryItemKinds.ShopifyApp,
                    app.Handle ?? app.Title,
                    app.Title,
                    app.DeveloperName,
                    [.. app.Scopes.Order(StringComparer.Ordinal)],
                    ShopifyScopes.Reach(app.Scopes),
                    null,
                    item.RecordId);
            }
        }
    }
}

/// <summary>
/// What a Shopify access scope reaches — the one place this is decided. Orders carry names, addresses and
/// contact details, so they reach customer data as well as order data.
/// </summary>
public static class ShopifyScopes
{
    public static IReadOnlyList<string> Reach(IEnumerable<string> scopes) =>
        scopes.SelectMany(ReachOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static IEnumerable<string> ReachOf(string scope)
    {
        var resource = scope;
        foreach (var prefix in new[] { "unauthenticated_read_", "unauthenticated_write_", "read_", "write_" })
        {
            if (resource.StartsWith(prefix, StringComparison.Ordinal))
            {
                resource = resource[prefix.Length..];
                break;
            }
        }

        if (resource.Contains("payment", StringComparison.Ordinal))
        {
            return [DataReach.Payment];
        }

        if (resource is "orders" or "all_orders" or "draft_orders" or "order_edits" or "returns" or "checkouts"
            || resource.EndsWith("fulfillment_orders", StringComparison.Ordinal))
        {
            return [DataReach.Order, DataReach.Customer];
        }

        if (resource.StartsWith("customer", StringComparison.Ordinal) || resource is "companies" or "gift_cards")
        {
            return [DataReach.Customer];
        }

        if (resource is "themes" or "script_tags" or "pixels" or "customer_events" or "online_store_pages" or "online_store_navigation" or "content")
        {
            return [DataReach.Storefront];
        }

        if (resource is "products" or "inventory" or "product_listings" or "publications" or "price_rules" or "discounts")
        {
            return [DataReach.Product];
        }

        if (resource is "users" or "apps" or "shopify_payments_accounts")
        {
            return [DataReach.Administration];
        }

        return [DataReach.Other];
    }
}
