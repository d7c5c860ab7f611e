using System.Globalization;
using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;

namespace Controls.Web.Presentation;

/// <summary>Formatting shared by the pages: every time is shown in UTC and says so.</summary>
public static class Display
{
    public static string FrameworkShortName(string frameworkId) => frameworkId switch
    {
        FrameworkIds.Iso27001V2022 => "ISO 27001:2022",
        FrameworkIds.Iso27001V2013 => "ISO 27001:2013",
        FrameworkIds.Soc2 => "SOC 2",
        _ => frameworkId,
    };

    /// <summary>"ISO 27001:2013 A.9.2.5".</summary>
    public static string Requirement(RequirementKey key) => $"{FrameworkShortName(key.FrameworkId)} {key.RequirementId}";

    /// <summary>"2022 5.18", "2013 A.9.2.5", "SOC 2 CC6.1": compact enough for tag lists.</summary>
    public static string RequirementShort(RequirementKey key) => key.FrameworkId switch
    {
        FrameworkIds.Iso27001V2022 => $"2022 {key.RequirementId}",
        FrameworkIds.Iso27001V2013 => $"2013 {key.RequirementId}",
        FrameworkIds.Soc2 => $"SOC 2 {key.RequirementId}",
        _ => key.ToString(),
    };

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Time(DateTime? utc) => utc is { } value ? Time(value) : "—";

    public static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Machine-readable value for the datetime attribute of &lt;time&gt;.</summary>
    public static string IsoTime(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Hours(double hours) => hours.ToString("0.#", CultureInfo.InvariantCulture);

    public static string HoursRange(double low, double high) =>
        low.Equals(high) ? $"{Hours(low)} h" : $"{Hours(low)}–{Hours(high)} h";

    public static string Money(decimal amount, string currency) =>
        $"{amount.ToString("#,0", CultureInfo.InvariantCulture)} {currency}";

    public static string MoneyRange(decimal low, decimal high, string currency) =>
        low == high ? Money(low, currency) : $"{low.ToString("#,0", CultureInfo.InvariantCulture)}–{Money(high, currency)}";

    public static string Percent(int part, int whole) =>
        whole == 0 ? "—" : (100.0 * part / whole).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string ShortHash(string sha256) => sha256.Length > 12 ? sha256[..12] : sha256;

    /// <summary>"3 hours ago", "2 days ago": next to the absolute time, for a quick sense of freshness.</summary>
    public static string Ago(DateTime utc, DateTime now)
    {
        var span = now - utc;
        if (span < TimeSpan.Zero)
        {
            return "in the future";
        }

        if (span.TotalMinutes < 1)
        {
            return "just now";
        }

        if (span.TotalHours < 1)
        {
            return Plural((int)span.TotalMinutes, "minute") + " ago";
        }

        if (span.TotalDays < 2)
        {
            return Plural((int)span.TotalHours, "hour") + " ago";
        }

        return Plural((int)span.TotalDays, "day") + " ago";
    }

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    public static string Outcome(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Running => "Running",
        RunOutcome.Succeeded => "Succeeded",
        RunOutcome.PartiallySucceeded => "Partially succeeded",
        RunOutcome.Failed => "Collection failed",
        _ => outcome.ToString(),
    };
}
