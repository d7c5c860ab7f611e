namespace Controls.Testing.FakeShopify;

public sealed record FakeStaffMember(string Id, string Name, string Email, string AccountType, bool Active = true, bool IsShopOwner = false);

public sealed record FakeApp(string Id, string Title, string Handle, IReadOnlyList<string> Scopes, string? DeveloperName = null);

public sealed record FakeWebhook(string Id, string Topic, string Uri, string Format = "JSON");

public sealed record FakeEvent(string Id, DateTimeOffset CreatedAt, string Action, string Message, bool AttributeToUser, bool AttributeToApp, string? AppTitle = null, bool CriticalAlert = false);

/// <summary>What the fake store holds: shop posture, staff, apps, webhooks, events, granted scopes and the token.</summary>
public sealed class FakeShopifyState
{
    public const string DefaultToken = "shpat_fake0123456789abcdef0123456789ab";

    public string ShopName { get; set; } = "Acme";

    public string Domain { get; set; } = "acme.myshopify.com";

    public string PlanName { get; set; } = "Shopify Plus";

    public bool ShopifyPlus { get; set; } = true;

    public string CustomerAccountsVersion { get; set; } = "NEW_CUSTOMER_ACCOUNTS";

    public bool LoginRequiredAtCheckout { get; set; }

    public List<FakeStaffMember> Staff { get; } = [];

    public List<FakeApp> Apps { get; } = [];

    /// <summary>The app whose token the collector uses (currentAppInstallation).</summary>
    public FakeApp CurrentApp { get; set; } = new("gid://shopify/AppInstallation/1", "Controls Collector", "controls-collector", ["read_apps", "read_users"]);

    public List<FakeWebhook> Webhooks { get; } = [];

    public List<FakeEvent> Events { get; } = [];

    /// <summary>Access scopes the token holds; read_users guards staffMembers, read_apps guards appInstallations.</summary>
    public HashSet<string> GrantedScopes { get; } = new(["read_users", "read_apps"], StringComparer.Ordinal);

    public string Token { get; private set; } = DefaultToken;

    public bool TokenRevoked { get; private set; }

    public void RevokeToken() => TokenRevoked = true;

    public void UseToken(string token)
    {
        Token = token;
        TokenRevoked = false;
    }
}
