using Controls.Compliance.Evaluation;

namespace Controls.Web.Presentation;

/// <summary>
/// How a status is written on screen. Every badge carries a symbol and a word as well as a colour, so the
/// status reads the same in greyscale, to a screen reader and to a colour-blind auditor.
/// </summary>
public static class StatusDisplay
{
    /// <summary>Worst first: the order gaps and counts are listed in.</summary>
    public static readonly IReadOnlyList<CheckStatus> Order =
    [
        CheckStatus.Fail, CheckStatus.Error, CheckStatus.Stale, CheckStatus.NeedsEvidence, CheckStatus.Pass, CheckStatus.NotApplicable,
    ];

    public static string Label(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "Pass",
        CheckStatus.Fail => "Fail",
        CheckStatus.Error => "Error",
        CheckStatus.Stale => "Stale",
        CheckStatus.NeedsEvidence => "Needs evidence",
        CheckStatus.NotApplicable => "Not applicable",
        _ => status.ToString(),
    };

    /// <summary>Plural heading for posture counts ("Passing", "Failing").</summary>
    public static string CountLabel(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "Passing",
        CheckStatus.Fail => "Failing",
        CheckStatus.Error => "Error",
        CheckStatus.Stale => "Stale",
        CheckStatus.NeedsEvidence => "Needs evidence",
        CheckStatus.NotApplicable => "Not applicable",
        _ => status.ToString(),
    };

    public static string Symbol(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "✓",
        CheckStatus.Fail => "✗",
        CheckStatus.Error => "!",
        CheckStatus.Stale => "◔",
        CheckStatus.NeedsEvidence => "?",
        CheckStatus.NotApplicable => "–",
        _ => string.Empty,
    };

    /// <summary>The CSS modifier and the value of data-status attributes tests and scripts select on.</summary>
    public static string Key(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Fail => "fail",
        CheckStatus.Error => "error",
        CheckStatus.Stale => "stale",
        CheckStatus.NeedsEvidence => "needs-evidence",
        CheckStatus.NotApplicable => "not-applicable",
        _ => "unknown",
    };

    public static int Severity(CheckStatus status)
    {
        for (var i = 0; i < Order.Count; i++)
        {
            if (Order[i] == status)
            {
                return i;
            }
        }

        return Order.Count;
    }

    /// <summary>Parses the status keys used in query strings ("needs-evidence"), as well as enum names.</summary>
    public static CheckStatus? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        foreach (var status in Order)
        {
            if (string.Equals(Key(status), value, StringComparison.OrdinalIgnoreCase)
                || string.Equals(status.ToString(), value, StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }

        return null;
    }
}
