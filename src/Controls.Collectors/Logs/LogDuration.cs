using System.Globalization;
using System.Text.RegularExpressions;

namespace Controls.Collectors.Logs;

/// <summary>
/// Elasticsearch / OpenSearch time units ("30d", "12h", "90m", "1095d", "0ms", "500micros") as used by ILM
/// <c>min_age</c> and ISM <c>min_index_age</c>. Both products accept the same suffixes; a bare "0" is zero.
/// </summary>
public static partial class LogDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed is "0" or "-1")
        {
            // "-1" means "never" in some settings; a min_age of -1 is not valid, so it is treated as zero, the conservative reading.
            return true;
        }

        var match = UnitPattern().Match(trimmed);
        if (!match.Success || !double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            return false;
        }

        double? ticks = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "d" => value * TimeSpan.TicksPerDay,
            "h" => value * TimeSpan.TicksPerHour,
            "m" => value * TimeSpan.TicksPerMinute,
            "s" => value * TimeSpan.TicksPerSecond,
            "ms" => value * TimeSpan.TicksPerMillisecond,
            "micros" => value * 10,
            "nanos" => value / 100,
            _ => null,
        };
        if (ticks is not { } t || t > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)t);
        return true;
    }

    /// <summary>Whole and fractional days, rounded to two decimals so evidence hashes stay stable.</summary>
    public static double Days(TimeSpan duration) => Math.Round(duration.TotalDays, 2);

    [GeneratedRegex("^(?<value>[0-9]+(\\.[0-9]+)?)(?<unit>d|h|m|s|ms|micros|nanos)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UnitPattern();
}
