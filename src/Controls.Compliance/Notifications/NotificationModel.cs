namespace Controls.Compliance.Notifications;

/// <summary>The catalog's breach-notification table (control-catalog/notifications/): regimes and business calendars.</summary>
public sealed record NotificationTable(
    string Version,
    DateOnly ReviewedOn,
    IReadOnlyList<NotificationRegime> Regimes,
    IReadOnlyList<BusinessCalendar> Calendars)
{
    public static readonly NotificationTable Empty = new("none", DateOnly.MinValue, [], []);

    public NotificationRegime? FindRegime(string id) => Regimes.FirstOrDefault(r => r.Id == id);

    public BusinessCalendar? FindCalendar(string id) => Calendars.FirstOrDefault(c => c.Id == id);
}

/// <summary>A law or contract that makes an organisation tell someone about an incident, with its clocks.</summary>
public sealed record NotificationRegime(
    string Id,
    string Title,
    IReadOnlyList<string> Jurisdictions,
    IReadOnlyList<string> DataKinds,
    TimeZoneInfo TimeZone,
    string Source,
    DateOnly ReviewedOn,
    string? Note,
    IReadOnlyList<NotificationDeadlineRule> Deadlines)
{
    /// <summary>Matches when the incident touches one of its jurisdictions ("*" = any) and one of its data kinds.</summary>
    public bool AppliesTo(IReadOnlyCollection<string> jurisdictions, IReadOnlyCollection<string> dataKinds) =>
        (Jurisdictions.Contains("*") || Jurisdictions.Any(j => jurisdictions.Contains(j, StringComparer.OrdinalIgnoreCase)))
        && DataKinds.Any(k => dataKinds.Contains(k, StringComparer.OrdinalIgnoreCase));
}

/// <summary>What starts a clock: the moment of awareness, the materiality determination, or another notification being done.</summary>
public sealed record ClockAnchor(ClockAnchorKind Kind, string? DeadlineId = null)
{
    public static ClockAnchor Parse(string text) => text switch
    {
        "awareness" => new(ClockAnchorKind.Awareness),
        "materiality" => new(ClockAnchorKind.Materiality),
        _ when text.StartsWith("done:", StringComparison.Ordinal) => new(ClockAnchorKind.DeadlineDone, text["done:".Length..]),
        _ => throw new FormatException($"'{text}' is not a clock anchor (awareness, materiality or done:<deadline-id>)."),
    };

    public override string ToString() => Kind switch
    {
        ClockAnchorKind.Awareness => "awareness",
        ClockAnchorKind.Materiality => "materiality determination",
        _ => $"'{DeadlineId}' being done",
    };
}

public enum ClockAnchorKind
{
    Awareness,
    Materiality,
    DeadlineDone,
}

public enum ClockKind
{
    /// <summary>Real elapsed hours: daylight-saving changes do not move the deadline.</summary>
    ElapsedHours,

    /// <summary>By the end of the Nth local calendar day after the anchor's local day.</summary>
    CalendarDays,

    /// <summary>The Nth business day of a calendar after the anchor's local day, by the cutoff (or end of day).</summary>
    BusinessDays,

    /// <summary>Same local time N calendar months later, clamped to the month's last day.</summary>
    Months,

    /// <summary>No statutory number; the amount is the organisation's internal target in hours.</summary>
    WithoutUndueDelay,
}

public sealed record NotificationDeadlineRule(
    string Id,
    string Notify,
    ClockAnchor From,
    ClockKind Clock,
    int Amount,
    string? CalendarId,
    TimeOnly? Cutoff)
{
    /// <summary>The rule as a person reads it, e.g. "72 hours after awareness".</summary>
    public string Describe() => Clock switch
    {
        ClockKind.ElapsedHours => $"{Amount} hours after {From}",
        ClockKind.CalendarDays => $"{Amount} calendar days after {From}",
        ClockKind.BusinessDays => $"{Amount} business days ({CalendarId}) after {From}" + (Cutoff is { } c ? $", by {c:HH\\:mm} local" : string.Empty),
        ClockKind.Months => $"{Amount} month(s) after {From}",
        _ => $"without undue delay after {From} (internal target {Amount} hours)",
    };
}

/// <summary>Days that do not count as business days: a weekend and yearly holidays, in one time zone.</summary>
public sealed record BusinessCalendar(
    string Id,
    string Name,
    TimeZoneInfo TimeZone,
    IReadOnlySet<DayOfWeek> Weekend,
    IReadOnlyList<HolidayRule> Holidays);

/// <summary>
/// A yearly holiday: a fixed date (with an observed-on rule for weekends) or the nth weekday of a month (nth = -1 for the last).
/// </summary>
public sealed record HolidayRule(string Name, int Month, int? Day, DayOfWeek? Weekday, int? Nth, bool ObservedOnNearestWeekday);
