namespace Controls.Collectors.Shopify.Client;

/// <summary>The GraphQL documents sent, one root field each so a denied scope fails exactly one piece of evidence.</summary>
internal static class ShopifyQueries
{
    private const string PageInfo = "pageInfo { hasNextPage endCursor }";

    private const string Installation = "id app { id title handle developerName } accessScopes { handle }";

    public const string Shop =
        "query Shop { shop { id name myshopifyDomain plan { publicDisplayName shopifyPlus partnerDevelopment } " +
        "customerAccountsV2 { customerAccountsVersion loginRequiredAtCheckout } } }";

    public const string StaffMembers =
        "query StaffMembers($first: Int!, $after: String) { staffMembers(first: $first, after: $after) { " +
        "nodes { id name email accountType active isShopOwner } " + PageInfo + " } }";

    public const string AppInstallations =
        "query AppInstallations($first: Int!, $after: String) { appInstallations(first: $first, after: $after) { " +
        "nodes { " + Installation + " } " + PageInfo + " } }";

    public const string CurrentAppInstallation = "query CurrentAppInstallation { currentAppInstallation { " + Installation + " } }";

    public const string WebhookSubscriptions =
        "query WebhookSubscriptions($first: Int!, $after: String) { webhookSubscriptions(first: $first, after: $after) { " +
        "nodes { id topic uri format filter includeFields apiVersion { handle } createdAt updatedAt } " + PageInfo + " } }";

    public const string Events =
        "query Events($first: Int!, $after: String, $query: String) { events(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: true) { " +
        "nodes { __typename id createdAt action message attributeToUser attributeToApp appTitle criticalAlert } " + PageInfo + " } }";
}
