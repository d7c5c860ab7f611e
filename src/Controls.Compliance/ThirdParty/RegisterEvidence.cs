namespace Controls.Compliance.ThirdParty;

/// <summary>The vendor register as it stood at a run (subject "register"): the ledger is the register's tamper-evident history.</summary>
public sealed record VendorRegisterEvidence(IReadOnlyList<VendorEvidence> Vendors);

public sealed record VendorEvidence(
    int Id,
    string Name,
    bool Approved,
    string RiskTier,
    string? Owner,
    bool DpaSigned,
    DateOnly? LastAssessmentOn,
    DateOnly? AssessmentDueOn,
    IReadOnlyList<string> Matches,
    DateTime UpdatedAt)
{
    public bool IsHighRisk => RiskTier is nameof(ThirdParty.RiskTier.High) or nameof(ThirdParty.RiskTier.Critical);

    /// <summary>The stated due date, else one interval after the last assessment, else none.</summary>
    public DateOnly? EffectiveDueOn(int intervalMonths) => AssessmentDueOn ?? LastAssessmentOn?.AddMonths(intervalMonths);
}

/// <summary>
/// One platform system's third-party inventory (subject: the system's name) as derived from its latest collection.
/// <see cref="Baseline"/> is true on the first inventory of the system: everything then installed is the baseline,
/// not "new".
/// </summary>
public sealed record InventoryEvidence(
    string System,
    string SystemKind,
    long SourceRunId,
    DateTime SourceCollectedAt,
    bool Baseline,
    IReadOnlyList<InventoryItemEvidence> Items);

/// <summary>
/// One installed item. <see cref="Vendor"/> is the matched register entry's name (null: not in the register);
/// <see cref="FirstSeenAt"/> is when the register first saw it; <see cref="NewSinceLastRun"/> marks items that
/// appeared since the register's previous inventory of the system; <see cref="PresentAtBaseline"/> those present
/// when the system's inventory started.
/// </summary>
public sealed record InventoryItemEvidence(
    string Kind,
    string Key,
    string Name,
    string? VendorHint,
    IReadOnlyList<string> Access,
    IReadOnlyList<string> DataReach,
    string? Vendor,
    DateTimeOffset? InstalledAt,
    DateTime FirstSeenAt,
    bool NewSinceLastRun,
    bool PresentAtBaseline,
    long SourceRecordId)
{
    /// <summary>How findings name the item: "acme.myshopify.com/apps/klaviyo".</summary>
    public string Resource(string system) => $"{system}/{Kind switch
    {
        InventoryItemKinds.MagentoModule => "modules",
        InventoryItemKinds.MagentoIntegration => "integrations",
        _ => "apps",
    }}/{Key}";
}

/// <summary>Which register entry an installed item belongs to.</summary>
public static class VendorMatcher
{
    /// <summary>
    /// A vendor matches when its name or one of its match rules equals (ignoring case) the item's key, name or vendor
    /// hint, or is the namespace of a Magento-style key ("Amasty" for "Amasty_Promo"). Vendors are tried by name so the
    /// result never depends on storage order.
    /// </summary>
    public static T? Match<T>(IEnumerable<T> vendors, Func<T, string> name, Func<T, IEnumerable<string>> rules, InventoryEntry entry)
        where T : class =>
        vendors.OrderBy(name, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(v => rules(v).Prepend(name(v)).Any(rule => Matches(rule.Trim(), entry)));

    private static bool Matches(string rule, InventoryEntry entry) =>
        rule.Length > 0
        && (rule.Equals(entry.Key, StringComparison.OrdinalIgnoreCase)
            || rule.Equals(entry.Name, StringComparison.OrdinalIgnoreCase)
            || (entry.VendorHint is { } hint && rule.Equals(hint, StringComparison.OrdinalIgnoreCase))
            || (entry.Kind == InventoryItemKinds.MagentoModule && entry.Key.StartsWith(rule + "_", StringComparison.OrdinalIgnoreCase)));
}
