namespace Controls.Compliance.Systems;

/// <summary>
/// The collection schedule (Quartz cron, UTC) a system gets when none is given, per kind: what each platform's API
/// budget allows and its checks' one-day freshness needs. Minutes are staggered so kinds do not all start at once.
/// </summary>
public static class DefaultSchedules
{
    /// <summary>For a kind without its own entry.</summary>
    public const string Fallback = "0 0 */6 * * ?";

    private static readonly Dictionary<string, string> ByKind = new(StringComparer.Ordinal)
    {
        // Every 6 hours: a run is one request per repository and setting (of 5,000 an hour), mostly 304s when unchanged.
        [SystemKinds.GitHub] = "0 0 */6 * * ?",

        // Hourly: a run is six queries costing a few hundred points of a bucket that refills 50–100 points a second,
        // so the store's other apps never notice, and staff or app changes show within the hour.
        [SystemKinds.Shopify] = "0 20 * * * ?",

        // Twice a day: lifecycle policies change rarely, but the log checks' freshness window is one day and a
        // once-a-day run would leave no margin for a late or retried run.
        [SystemKinds.LogStore] = "0 40 */12 * * ?",

        // Every 6 hours: a run reads the admin tables over a read-only database connection.
        [SystemKinds.Magento] = "0 30 */6 * * ?",

        // Daily, so assessment due dates move even when nothing else changes; platform runs re-collect it anyway.
        [SystemKinds.ThirdPartyRegister] = "0 15 3 * * ?",

        // Hourly: notification deadlines run in hours (24 h to the acquirer, 72 h to the authority), and the check
        // judges them at the time the register was collected.
        [SystemKinds.IncidentRegister] = "0 5 * * * ?",

        // Daily: revocation SLAs and review windows are counted in days; every decision and sign-off re-collects it too.
        [SystemKinds.AccessReviewRegister] = "0 25 3 * * ?",

        // Daily: completions expire and joiners' grace ends by the day; every import re-collects it too.
        [SystemKinds.TrainingRegister] = "0 35 3 * * ?",

        // Daily: playbook reviews and tabletop exercises fall due by the day; every attestation re-collects it too.
        [SystemKinds.ReadinessRegister] = "0 45 3 * * ?",
    };

    public static IReadOnlyDictionary<string, string> All => ByKind;

    public static string For(string kind) => ByKind.GetValueOrDefault(kind, Fallback);
}
