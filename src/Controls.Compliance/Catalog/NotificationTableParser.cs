using System.Globalization;
using Controls.Compliance.Notifications;
using Newtonsoft.Json.Linq;

namespace Controls.Compliance.Catalog;

/// <summary>
/// Reads control-catalog/notifications/ after schema validation and checks what a schema cannot: time zones that
/// exist on this machine, calendars that are defined, clocks that name exactly one rule, anchors that point to an
/// earlier deadline of the same regime.
/// </summary>
internal static class NotificationTableParser
{
    public static NotificationTable? Parse(YamlDocument document, List<CatalogError> errors)
    {
        var root = document.Root;
        var before = errors.Count;
        var calendars = new List<BusinessCalendar>();
        var calendarItems = root["calendars"] as JArray ?? [];
        for (var i = 0; i < calendarItems.Count; i++)
        {
            var item = calendarItems[i];
            var path = $"#/calendars[{i}]";
            var id = (string)item["id"]!;
            if (calendars.Any(c => c.Id == id))
            {
                errors.Add(document.ErrorAt(path + ".id", $"calendar '{id}' is defined twice"));
                continue;
            }

            var zone = Zone(document, path + ".timeZone", (string)item["timeZone"]!, errors);
            var holidays = new List<HolidayRule>();
            var holidayItems = (JArray)item["holidays"]!;
            for (var h = 0; h < holidayItems.Count; h++)
            {
                var holiday = holidayItems[h];
                var day = (int?)holiday["day"];
                var weekday = holiday["weekday"] is { } w ? Enum.Parse<DayOfWeek>((string)w!, ignoreCase: true) : (DayOfWeek?)null;
                var nth = (int?)holiday["nth"];
                if ((day is null) == (weekday is null) || (weekday is not null && (nth is null or 0)))
                {
                    errors.Add(document.ErrorAt($"{path}.holidays[{h}]", "a holiday is either a fixed 'day' or a 'weekday' with 'nth' (1–5, or -1 for the last)"));
                    continue;
                }

                holidays.Add(new HolidayRule((string)holiday["name"]!, (int)holiday["month"]!, day, weekday, nth,
                    (string?)holiday["observed"] == "nearest-weekday"));
            }

            var weekend = ((JArray)item["weekend"]!).Select(d => Enum.Parse<DayOfWeek>((string)d!, ignoreCase: true)).ToHashSet();
            if (zone is not null)
            {
                calendars.Add(new BusinessCalendar(id, (string)item["name"]!, zone, weekend, holidays));
            }
        }

        var regimes = new List<NotificationRegime>();
        var regimeItems = (JArray)root["regimes"]!;
        for (var i = 0; i < regimeItems.Count; i++)
        {
            var item = regimeItems[i];
            var path = $"#/regimes[{i}]";
            var id = (string)item["id"]!;
            if (regimes.Any(r => r.Id == id))
            {
                errors.Add(document.ErrorAt(path + ".id", $"regime '{id}' is defined twice"));
                continue;
            }

            var zone = Zone(document, path + ".timeZone", (string)item["timeZone"]!, errors);
            var rules = new List<NotificationDeadlineRule>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var deadlineItems = (JArray)item["deadlines"]!;
            for (var d = 0; d < deadlineItems.Count; d++)
            {
                var rulePath = $"{path}.deadlines[{d}]";
                var rule = ParseRule(document, rulePath, deadlineItems[d], seen, calendars, errors);
                if (rule is not null)
                {
                    rules.Add(rule);
                }
            }

            var appliesTo = item["appliesTo"]!;
            if (zone is not null)
            {
                regimes.Add(new NotificationRegime(
                    id,
                    (string)item["title"]!,
                    Strings(appliesTo["jurisdictions"]),
                    Strings(appliesTo["dataKinds"]),
                    zone,
                    (string)item["source"]!,
                    Date((string)item["reviewedOn"]!),
                    (string?)item["note"],
                    rules));
            }
        }

        return errors.Count > before
            ? null
            : new NotificationTable((string)root["version"]!, Date((string)root["reviewedOn"]!), regimes, calendars);
    }

    private static NotificationDeadlineRule? ParseRule(
        YamlDocument document, string path, JToken item, HashSet<string> earlier, List<BusinessCalendar> calendars, List<CatalogError> errors)
    {
        // Ids are remembered even when the rule is rejected, so one mistake is reported once, not again by every
        // later deadline that starts from it.
        var id = (string)item["id"]!;
        if (!earlier.Add(id))
        {
            errors.Add(document.ErrorAt(path + ".id", $"deadline '{id}' is defined twice in this regime"));
            return null;
        }

        var from = ClockAnchor.Parse((string)item["from"]!);
        if (from.Kind == ClockAnchorKind.DeadlineDone && (from.DeadlineId == id || !earlier.Contains(from.DeadlineId!)))
        {
            errors.Add(document.ErrorAt(path + ".from", $"deadline '{id}' starts when '{from.DeadlineId}' is done, which is not an earlier deadline of this regime"));
            return null;
        }

        var clock = (JObject)item["clock"]!;
        var kinds = new (string Key, ClockKind Kind)[]
        {
            ("elapsedHours", ClockKind.ElapsedHours),
            ("calendarDays", ClockKind.CalendarDays),
            ("businessDays", ClockKind.BusinessDays),
            ("months", ClockKind.Months),
            ("withoutUndueDelay", ClockKind.WithoutUndueDelay),
        }.Where(k => clock[k.Key] is not null).ToList();
        if (kinds.Count != 1)
        {
            errors.Add(document.ErrorAt(path + ".clock", "a clock names exactly one of elapsedHours, calendarDays, businessDays, months, withoutUndueDelay"));
            return null;
        }

        var (key, kind) = kinds[0];
        var calendar = (string?)clock["calendar"];
        var cutoff = (string?)clock["cutoff"];
        int amount;
        if (kind == ClockKind.WithoutUndueDelay)
        {
            if ((bool?)clock["withoutUndueDelay"] != true || clock["targetHours"] is null)
            {
                errors.Add(document.ErrorAt(path + ".clock", "withoutUndueDelay: true needs targetHours, the organisation's internal target"));
                return null;
            }

            amount = (int)clock["targetHours"]!;
        }
        else
        {
            amount = (int)clock[key]!;
        }

        if (kind == ClockKind.BusinessDays && (calendar is null || calendars.All(c => c.Id != calendar)))
        {
            errors.Add(document.ErrorAt(path + ".clock.calendar", $"businessDays needs a 'calendar' defined under calendars ({(calendar is null ? "none given" : $"'{calendar}' is not defined")})"));
            return null;
        }

        if (kind != ClockKind.BusinessDays && (calendar is not null || cutoff is not null))
        {
            errors.Add(document.ErrorAt(path + ".clock", "'calendar' and 'cutoff' only apply to businessDays"));
            return null;
        }

        return new NotificationDeadlineRule(id, (string)item["notify"]!, from, kind, amount, calendar,
            cutoff is null ? null : TimeOnly.ParseExact(cutoff, "HH:mm", CultureInfo.InvariantCulture));
    }

    private static TimeZoneInfo? Zone(YamlDocument document, string path, string id, List<CatalogError> errors)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        errors.Add(document.ErrorAt(path, $"time zone '{id}' is not known on this machine (use an IANA id such as Europe/Berlin; install tzdata if none resolve)"));
        return null;
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<string> Strings(JToken? token) => token is JArray array ? array.Select(t => (string)t!).ToList() : [];
}
