namespace Controls.Testing.MariaDb;

// Typed rows for seeding a Magento database the way Magento itself stores them. Times are UTC (Magento's convention for
// TIMESTAMP columns); defaults are fixed dates so tests never depend on the clock.

/// <summary>An <c>admin_user</c> row.</summary>
public sealed record MagentoAdminUser(string Username)
{
    public static readonly DateTime DefaultCreatedAt = new(2024, 1, 15, 9, 30, 0, DateTimeKind.Utc);

    public string? Email { get; init; } = $"{Username}@example.test";

    public string? FirstName { get; init; } = "Test";

    public string? LastName { get; init; } = "Admin";

    public bool IsActive { get; init; } = true;

    public DateTime CreatedAt { get; init; } = DefaultCreatedAt;

    public DateTime? LastLoginAt { get; init; }

    public int LoginCount { get; init; }

    /// <summary><c>failures_num</c>: failed logins since the last success.</summary>
    public int FailureCount { get; init; }

    public DateTime? FirstFailureAt { get; init; }

    /// <summary><c>lock_expires</c>: set when Magento locked the account after too many failures.</summary>
    public DateTime? LockExpiresAt { get; init; }

    /// <summary>An Argon2id-shaped hash as Magento 2.4 stores it; never read by Controls.</summary>
    public string PasswordHash { get; init; } = "0c1d6a1e6c2b3f9d:3:argon2id13";
}

/// <summary>
/// An <c>integration</c> with its <c>oauth_consumer</c> and its ACL (a user role of user_type 1 and authorization_rule rows).
/// </summary>
public sealed record MagentoIntegration(string Name)
{
    public static readonly DateTime DefaultCreatedAt = new(2024, 2, 1, 12, 0, 0, DateTimeKind.Utc);

    public string Email { get; init; } = "integrations@example.test";

    public string? Endpoint { get; init; }

    /// <summary>0 inactive, 1 active, 2 recalled.</summary>
    public int Status { get; init; } = 1;

    /// <summary>0 manual (admin), 1 from config (integration.xml).</summary>
    public int SetupType { get; init; }

    public DateTime CreatedAt { get; init; } = DefaultCreatedAt;

    /// <summary>Null stores Magento's column default, the zero date.</summary>
    public DateTime? UpdatedAt { get; init; } = DefaultCreatedAt;

    /// <summary>Whether an OAuth consumer exists (Magento creates one on activation).</summary>
    public bool WithConsumer { get; init; } = true;

    public DateTime ConsumerCreatedAt { get; init; } = DefaultCreatedAt;

    /// <summary>ACL resources with permission 'allow'. <c>Magento_Backend::all</c> grants everything.</summary>
    public IReadOnlyList<string> AllowedResources { get; init; } = [];

    /// <summary>ACL resources with permission 'deny' (Magento stores explicit denies too).</summary>
    public IReadOnlyList<string> DeniedResources { get; init; } = [];

    /// <summary>Whether the integration has an ACL role at all (a never-activated one may not).</summary>
    public bool WithRole { get; init; } = true;
}

/// <summary>A <c>magento_logging_event</c> row (Adobe Commerce action log).</summary>
public sealed record MagentoActionLogEvent(DateTime Time)
{
    public string EventCode { get; init; } = "admin_login";

    public string Action { get; init; } = "login";

    public string Status { get; init; } = "success";

    public string User { get; init; } = "admin";

    public int? UserId { get; init; }

    public string FullAction { get; init; } = "adminhtml_auth_login";

    public string Info { get; init; } = "-";
}
