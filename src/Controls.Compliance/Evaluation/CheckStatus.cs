namespace Controls.Compliance.Evaluation;

public enum CheckStatus
{
    /// <summary>Fresh evidence shows the check is met.</summary>
    Pass,

    /// <summary>Fresh evidence shows the check is not met; findings name the resources.</summary>
    Fail,

    /// <summary>Evidence could not be collected (collector failed, permission missing, platform error).</summary>
    Error,

    /// <summary>The newest evidence is older than the check's freshness window.</summary>
    Stale,

    /// <summary>No evidence exists: an attested check without a valid upload, or nothing collected yet.</summary>
    NeedsEvidence,

    /// <summary>Excluded with a recorded justification (carried to the Statement of Applicability).</summary>
    NotApplicable,
}

public static class StatusRollup
{
    /// <summary>
    /// Combines check results into one status. Pass needs at least one Pass and nothing but Pass or
    /// NotApplicable: any Fail, Error, Stale or missing evidence keeps the whole requirement from passing.
    /// </summary>
    public static CheckStatus Combine(IEnumerable<CheckStatus> statuses)
    {
        var seen = statuses.ToHashSet();
        if (seen.Count == 0)
        {
            return CheckStatus.NeedsEvidence;
        }

        foreach (var worst in (CheckStatus[])[CheckStatus.Fail, CheckStatus.Error, CheckStatus.Stale, CheckStatus.NeedsEvidence])
        {
            if (seen.Contains(worst))
            {
                return worst;
            }
        }

        return seen.Contains(CheckStatus.Pass) ? CheckStatus.Pass : CheckStatus.NotApplicable;
    }
}
