namespace Controls.Compliance.Notifications;

/// <summary>Business-day arithmetic over a <see cref="BusinessCalendar"/>.</summary>
public static class BusinessDays
{
    /// <summary>The holidays of a year as the calendar observes them (a Saturday holiday on Friday, a Sunday one on Monday).</summary>
    public static IReadOnlySet<DateOnly> HolidaysIn(BusinessCalendar calendar, int year)
    {
        var days = new HashSet<DateOnly>();
        foreach (var rule in calendar.Holidays)
        {
            if (rule.Day is { } day)
            {
                var date = new DateOnly(year, rule.Month, Math.Min(day, DateTime.DaysInMonth(year, rule.Month)));
                days.Add(rule.ObservedOnNearestWeekday ? Observed(date) : date);
            }
            else if (rule.Weekday is { } weekday && rule.Nth is { } nth)
            {
                days.Add(NthWeekday(year, rule.Month, weekday, nth));
            }
        }

        return days;
    }

    public static bool IsBusinessDay(BusinessCalendar calendar, DateOnly date)
    {
        if (calendar.Weekend.Contains(date.DayOfWeek))
        {
            return false;
        }

        // New Year's Day falling on a Saturday is observed on 31 December of the year before.
        return !HolidaysIn(calendar, date.Year).Contains(date) && !HolidaysIn(calendar, date.Year + 1).Contains(date);
    }

    /// <summary>The <paramref name="count"/>th business day after <paramref name="start"/> (the start day itself never counts).</summary>
    public static DateOnly AddBusinessDays(BusinessCalendar calendar, DateOnly start, int count)
    {
        var date = start;
        var remaining = count;
        while (remaining > 0)
        {
            date = date.AddDays(1);
            if (IsBusinessDay(calendar, date))
            {
                remaining--;
            }
        }

        return date;
    }

    private static DateOnly Observed(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(-1),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int nth)
    {
        if (nth < 0)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            return last.AddDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7));
        }

        var first = new DateOnly(year, month, 1);
        return first.AddDays((((int)weekday - (int)first.DayOfWeek + 7) % 7) + (7 * (nth - 1)));
    }
}
