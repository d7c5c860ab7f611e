using Controls.Compliance.Evaluation;

namespace Controls.Collectors.Magento.Checks;

internal static class MagentoEvidenceReader
{
    /// <summary>The collected item of a kind with its content; evaluation is only called when it exists.</summary>
    public static (T Content, DateTime CollectedAt) Read<T>(EvidenceSnapshot evidence, string kind)
    {
        var item = evidence.OfKind(kind).FirstOrDefault(i => i.Outcome == Compliance.Evidence.EvidenceOutcome.Collected)
            ?? throw new InvalidOperationException($"The run recorded no {kind} evidence.");
        return (item.Read<T>(), DateTime.SpecifyKind(item.CollectedAt, DateTimeKind.Utc));
    }

    public static string Day(DateTime at) => at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
