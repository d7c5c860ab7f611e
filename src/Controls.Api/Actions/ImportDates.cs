using System.Globalization;

namespace Controls.Api.Actions;

/// <summary>
/// Dates as HR and LMS exports write them. ISO (yyyy-MM-dd, with or without a time) always; dd.MM.yyyy;
/// "5 Mar 2026" and "Mar 5, 2026"; slashed dates only when the order is certain (yyyy/MM/dd, or a day over 12:
/// 25/03/2026 and 03/25/2026 are read, 03/04/2026 is rejected as ambiguous); and, in xlsx files, Excel's date
/// serial numbers (days since 1899-12-30).
/// </summary>
public static class ImportDates
{
    public const string Accepted = "yyyy-MM-dd (optionally with a time), dd.MM.yyyy, d MMM yyyy, MMM d, yyyy, yyyy/MM/dd, dd/MM/yyyy or MM/dd/yyyy when the day is over 12, or an Excel date cell";

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
        "dd.MM.yyyy", "d.M.yyyy", "d MMM yyyy", "dd MMM yyyy", "d MMMM yyyy", "MMM d, yyyy", "MMMM d, yyyy", "d-MMM-yyyy", "dd-MMM-yyyy", "yyyy/MM/dd", "yyyy/M/d",
    ];

    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    public static bool TryParse(string text, bool spreadsheet, out DateOnly date, out string? error)
    {
        date = default;
        error = null;
        var value = text.Trim();
        if (DateTime.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            date = DateOnly.FromDateTime(parsed);
            return true;
        }

        if (spreadsheet && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
        {
            date = ExcelEpoch.AddDays((int)Math.Floor(serial));
            return true;
        }

        var parts = value.Split('/');
        if (parts.Length == 3 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)) && parts[2].Length == 4)
        {
            var a = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var b = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var year = int.Parse(parts[2], CultureInfo.InvariantCulture);
            (int Day, int Month)? order = a > 12 && b <= 12 ? (a, b) : b > 12 && a <= 12 ? (b, a) : a == b ? (a, b) : null;
            if (order is null)
            {
                error = $"'{value}' is ambiguous (day/month or month/day); write it as yyyy-MM-dd.";
                return false;
            }

            if (order.Value.Month is >= 1 and <= 12 && order.Value.Day >= 1 && year is >= 1900 and <= 9999 && order.Value.Day <= DateTime.DaysInMonth(year, order.Value.Month))
            {
                date = new DateOnly(year, order.Value.Month, order.Value.Day);
                return true;
            }
        }

        error = $"'{value}' is not a date (accepted: {Accepted}).";
        return false;
    }
}
