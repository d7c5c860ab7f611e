namespace Controls.Collectors.Shopify.Client;

// Wire DTOs of the Admin GraphQL API, shaped like the fields the queries in ShopifyQueries select.

public sealed record ShopNode(string Id, string Name, string MyshopifyDomain, ShopPlanNode? Plan, CustomerAccountsV2Node? CustomerAccountsV2);

public sealed record ShopPlanNode(string? PublicDisplayName, bool ShopifyPlus, bool PartnerDevelopment);

public sealed record CustomerAccountsV2Node(string? CustomerAccountsVersion, bool LoginRequiredAtCheckout);

public sealed record StaffMemberNode(string Id, string? Name, string? Email, string? AccountType, bool Active, bool IsShopOwner);

public sealed record AppNode(string Id, string Title, string? Handle, string? DeveloperName);

public sealed record AccessScopeNode(string Handle);

public sealed record AppInstallationNode(string Id, AppNode App, IReadOnlyList<AccessScopeNode> AccessScopes);

public sealed record ApiVersionNode(string? Handle);

public sealed record WebhookSubscriptionNode(string Id, string Topic, string? Uri, string? Format, string? Filter, IReadOnlyList<string>? IncludeFields, ApiVersionNode? ApiVersion, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt);

public sealed record EventNode(string Id, DateTimeOffset CreatedAt, string? Action, string? Message, bool AttributeToUser, bool AttributeToApp, string? AppTitle, bool CriticalAlert);

public sealed record PageInfoNode(bool HasNextPage, string? EndCursor);

public sealed record ConnectionNode<T>(IReadOnlyList<T> Nodes, PageInfoNode PageInfo);

/// <summary>What a client spent: requests on the wire (retries included), query cost and throttling.</summary>
public sealed class ShopifyClientStats
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public double RequestedCost { get; private set; }

    public double ActualCost { get; private set; }

    public int ThrottledResponses { get; private set; }

    public int BucketWaits { get; private set; }

    public TimeSpan BucketWaited { get; private set; }

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    internal void CountCost(ShopifyQueryCost cost)
    {
        RequestedCost += cost.RequestedQueryCost;
        ActualCost += cost.ActualQueryCost ?? 0;
    }

    internal void CountThrottled() => ThrottledResponses++;

    internal void CountWait(TimeSpan delay)
    {
        BucketWaits++;
        BucketWaited += delay;
    }
}
