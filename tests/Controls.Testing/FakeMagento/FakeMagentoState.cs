namespace Controls.Testing.FakeMagento;

public sealed record FakeStoreView(int Id, string Code, int WebsiteId, string BaseUrl, string SecureBaseUrl, string Locale = "en_US", string Timezone = "Europe/Berlin", string Currency = "EUR");

public sealed record FakeWebsite(int Id, string Code, string Name, int DefaultGroupId);

/// <summary>A customer with personal data, so tests can prove none of it reaches the ledger.</summary>
public sealed record FakeCustomer(int Id, int WebsiteId, DateTime CreatedAt, DateTime UpdatedAt, string Email, string FirstName, string LastName, int GroupId = 1);

public sealed record FakeTfaProvider(string Code, string Name);

/// <summary>What the fake instance holds: stores, modules, 2FA, customers, the accepted credentials and the denied ACL resources.</summary>
public sealed class FakeMagentoState
{
    public const string DefaultIntegrationToken = "mag1nt3grati0ntok3n0123456789abcd";
    public const string DefaultAdminUser = "controls-reader";
    public const string DefaultAdminPassword = "S3cret:Pass-word!42";

    /// <summary>Base32 of the RFC 6238 test key "12345678901234567890".</summary>
    public const string DefaultTotpSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    public string IntegrationToken { get; private set; } = DefaultIntegrationToken;

    public bool IntegrationTokenRevoked { get; private set; }

    public string AdminUser { get; set; } = DefaultAdminUser;

    public string AdminPassword { get; set; } = DefaultAdminPassword;

    public string TotpSecret { get; set; } = DefaultTotpSecret;

    /// <summary>When set, POST /V1/integration/admin/token is refused and only the 2FA endpoint issues tokens (Magento 2.4 with TwoFactorAuth).</summary>
    public bool RequireTwoFactorForTokens { get; set; }

    /// <summary>Admin tokens issued by the token endpoints; accepted as bearer tokens.</summary>
    public List<string> IssuedAdminTokens { get; } = [];

    public List<string> Modules { get; } = [];

    public List<FakeWebsite> Websites { get; } = [];

    public List<FakeStoreView> StoreViews { get; } = [];

    public List<FakeTfaProvider> ForcedProviders { get; } = [];

    public List<FakeCustomer> Customers { get; } = [];

    /// <summary>ACL resources the token lacks (Magento_Customer::customer…): their routes answer 401 "isn't authorized".</summary>
    public HashSet<string> DeniedResources { get; } = new(StringComparer.Ordinal);

    /// <summary>A total_count larger than the real one, to drive a client past the end into the repeated last page.</summary>
    public int? TotalCountOverride { get; set; }

    public void RevokeIntegrationToken() => IntegrationTokenRevoked = true;

    public void UseIntegrationToken(string token)
    {
        IntegrationToken = token;
        IntegrationTokenRevoked = false;
    }
}
