namespace Controls.Compliance.Notifications;

/// <summary>What is known about an incident that starts notification clocks.</summary>
/// <param name="AwareAt">When the organisation became aware (any offset; stored and compared as an instant).</param>
/// <param name="MaterialityDeterminedAt">When it was determined material (SEC); null while undetermined.</param>
/// <param name="Jurisdictions">Where affected people live or the organisation is regulated (EU, UK, US-CA, US-SEC…).</param>
/// <param name="DataKinds">Kinds of data or impact involved (personal-data, payment-card, service-disruption…).</param>
/// <param name="Done">When each notification was made, keyed "regime-id/deadline-id".</param>
public sealed record IncidentClockFacts(
    DateTimeOffset AwareAt,
    DateTimeOffset? MaterialityDeterminedAt,
    IReadOnlyCollection<string> Jurisdictions,
    IReadOnlyCollection<string> DataKinds,
    IReadOnlyDictionary<string, DateTimeOffset> Done)
{
    public static string Key(string regimeId, string deadlineId) => $"{regimeId}/{deadlineId}";
}

/// <summary>
/// One notification an incident owes. <see cref="DueAt"/> is null only while the clock has not started
/// (<see cref="WaitingFor"/> says what it waits for). <see cref="Provisional"/> marks a deadline counted from an
/// earlier notification's own deadline because that notification is not done yet: it can only move later.
/// </summary>
public sealed record NotificationDeadline(
    string RegimeId,
    string RegimeTitle,
    string DeadlineId,
    string Notify,
    string Rule,
    string Source,
    string TimeZone,
    DateTimeOffset? StartsAt,
    DateTimeOffset? DueAt,
    bool Provisional,
    bool InternalTarget,
    string? WaitingFor,
    DateTimeOffset? DoneAt)
{
    public string Key => IncidentClockFacts.Key(RegimeId, DeadlineId);

    /// <summary>The due time in the regime's own zone, as the regulator reads it (e.g. "2026-12-01 17:30 EST").</summary>
    public string? DueLocal(TimeZoneInfo zone) => DueAt is { } due
        ? TimeZoneInfo.ConvertTime(due, zone).ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture)
        : null;

    /// <summary>Overdue: not done and past due, or done after the deadline (late is a finding too).</summary>
    public bool IsOverdue(DateTimeOffset now) => DueAt is { } due && (DoneAt is { } done ? done > due : now > due);
}

/// <summary>
/// Turns an incident's facts into the notifications it owes, by the catalog's notification table. All arithmetic
/// happens in the regime's (or calendar's) own time zone, so "30 days" and "4 business days" mean what they mean
/// locally across daylight-saving changes, while hour-based clocks are real elapsed time.
/// </summary>
public static class NotificationClock
{
    public static IReadOnlyList<NotificationDeadline> Compute(NotificationTable table, IncidentClockFacts facts)
    {
        var deadlines = new List<NotificationDeadline>();
        foreach (var regime in table.Regimes.Where(r => r.AppliesTo(facts.Jurisdictions, facts.DataKinds)))
        {
            var computed = new Dictionary<string, NotificationDeadline>(StringComparer.Ordinal);
            foreach (var rule in regime.Deadlines)
            {
                var deadline = ComputeOne(table, regime, rule, facts, computed);
                computed[rule.Id] = deadline;
                deadlines.Add(deadline);
            }
        }

        return deadlines.OrderBy(d => d.DueAt ?? DateTimeOffset.MaxValue).ThenBy(d => d.Key, StringComparer.Ordinal).ToList();
    }

    private static NotificationDeadline ComputeOne(
        NotificationTable table,
        NotificationRegime regime,
        NotificationDeadlineRule rule,
        IncidentClockFacts facts,
        Dictionary<string, NotificationDeadline> earlier)
    {
        DateTimeOffset? start = null;
        var provisional = false;
        string? waitingFor = null;
        switch (rule.From.Kind)
        {
            case ClockAnchorKind.Awareness:
                start = facts.AwareAt;
                break;
            case ClockAnchorKind.Materiality:
                start = facts.MaterialityDeterminedAt;
                waitingFor = start is null ? "the materiality determination" : null;
                break;
            default:
                var previous = earlier.GetValueOrDefault(rule.From.DeadlineId!)
                    ?? throw new InvalidOperationException($"{regime.Id}/{rule.Id} starts from '{rule.From.DeadlineId}', which is not an earlier deadline of the regime.");
                start = previous.DoneAt ?? previous.DueAt;
                provisional = previous.DoneAt is null || previous.Provisional;
                waitingFor = start is null ? previous.WaitingFor : null;
                break;
        }

        facts.Done.TryGetValue(IncidentClockFacts.Key(regime.Id, rule.Id), out var doneAt);
        var due = start is { } s ? Due(table, regime, rule, s) : (DateTimeOffset?)null;
        return new NotificationDeadline(
            regime.Id, regime.Title, rule.Id, rule.Notify, rule.Describe(), regime.Source, regime.TimeZone.Id,
            start, due, provisional && due is not null, rule.Clock == ClockKind.WithoutUndueDelay, waitingFor,
            doneAt == default ? null : doneAt);
    }

    /// <summary>The deadline of one rule for a clock that started at <paramref name="start"/>, as a UTC instant.</summary>
    public static DateTimeOffset Due(NotificationTable table, NotificationRegime regime, NotificationDeadlineRule rule, DateTimeOffset start)
    {
        switch (rule.Clock)
        {
            case ClockKind.ElapsedHours:
            case ClockKind.WithoutUndueDelay:
                return start.ToUniversalTime().AddHours(rule.Amount);
            case ClockKind.CalendarDays:
            {
                var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, regime.TimeZone).DateTime);
                return EndOfDay(localDay.AddDays(rule.Amount), regime.TimeZone);
            }

            case ClockKind.BusinessDays:
            {
                var calendar = table.FindCalendar(rule.CalendarId!)
                    ?? throw new InvalidOperationException($"Business calendar '{rule.CalendarId}' is not in the notification table.");
                var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, calendar.TimeZone).DateTime);
                var dueDay = BusinessDays.AddBusinessDays(calendar, localDay, rule.Amount);
                return rule.Cutoff is { } cutoff
                    ? ToInstant(dueDay.ToDateTime(cutoff), calendar.TimeZone)
                    : EndOfDay(dueDay, calendar.TimeZone);
            }

            default:
            {
                var local = TimeZoneInfo.ConvertTime(start, regime.TimeZone).DateTime;
                return ToInstant(local.AddMonths(rule.Amount), regime.TimeZone);
            }
        }
    }

    /// <summary>The last second of a local day (23:59:59), as an instant.</summary>
    private static DateTimeOffset EndOfDay(DateOnly day, TimeZoneInfo zone) =>
        ToInstant(day.ToDateTime(new TimeOnly(23, 59, 59)), zone);

    /// <summary>
    /// A local wall-clock time as an instant. A time that does not exist (skipped by a spring-forward) moves past the
    /// gap; a time that happens twice (fall-back) is taken at its first occurrence, the earlier and stricter reading.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime localTime, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(unspecified)
            ? zone.GetAmbiguousTimeOffsets(unspecified).Max()
            : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }
}
