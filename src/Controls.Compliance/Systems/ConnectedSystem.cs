using Controls.Compliance.Workspaces;

namespace Controls.Compliance.Systems;

/// <summary>Platform kinds a collector exists for.</summary>
public static class SystemKinds
{
    public const string GitHub = "github";
    public const string Shopify = "shopify";
    public const string Magento = "magento";
    public const string LogStore = "log-store";

    /// <summary>The per-workspace ledger of uploaded (attested) evidence; no collector serves it.</summary>
    public const string Manual = "manual";

    /// <summary>The per-workspace vendor register and third-party inventory, collected from the database and the platforms' evidence.</summary>
    public const string ThirdPartyRegister = "third-party";

    /// <summary>The per-workspace incident register (declared incidents and their notifications); collected from Controls' own tables.</summary>
    public const string IncidentRegister = "incident-register";

    /// <summary>The per-workspace access-review register (campaigns, decisions, sign-offs); collected from Controls' own tables.</summary>
    public const string AccessReviewRegister = "access-review-register";

    /// <summary>The per-workspace training register (people directory and LMS completions); collected from Controls' own tables.</summary>
    public const string TrainingRegister = "training-register";

    /// <summary>The per-workspace incident-response readiness register (playbook attestations, tabletop exercises).</summary>
    public const string ReadinessRegister = "readiness-register";
}

/// <summary>
/// A platform instance a workspace connects (a GitHub organisation, a Shopify store). Holds the name of the
/// credential, never the credential itself: secrets are read from configuration at collection time.
/// </summary>
public sealed class ConnectedSystem : IWorkspaceOwned
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    public required string Kind { get; set; }

    /// <summary>The platform's own name for it: the GitHub organisation login, the shop domain.</summary>
    public required string Name { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>API base address; null means the platform's public default.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Configuration key under Controls:Credentials holding the token (environment variable or user-secrets).</summary>
    public string? CredentialName { get; set; }

    /// <summary>Quartz cron expression, evaluated in UTC.</summary>
    public string Schedule { get; set; } = "0 0 */6 * * ?";

    public bool Enabled { get; set; } = true;

    public DateTime CreatedAt { get; set; }
}
