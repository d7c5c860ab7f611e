using System.Globalization;

namespace Controls.Compliance.Evidence;

/// <summary>The hash chain rule, in one place, for writing and for verifying.</summary>
public static class EvidenceChain
{
    /// <summary>The previous hash of a system's first record.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string ComputeHash(
        string previousHash,
        int systemId,
        long sequence,
        long runId,
        string kind,
        string subject,
        EvidenceOutcome outcome,
        DateTime collectedAt,
        string contentSha256)
    {
        // Newline-separated fields: none of them can contain a newline we did not put there (kinds and
        // subjects are identifiers), so the encoding is unambiguous.
        var material = string.Join(
            '\n',
            previousHash,
            systemId.ToString(CultureInfo.InvariantCulture),
            sequence.ToString(CultureInfo.InvariantCulture),
            runId.ToString(CultureInfo.InvariantCulture),
            kind,
            subject,
            outcome.ToString(),
            collectedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
            contentSha256);
        return CanonicalJson.Sha256Hex(material);
    }

    public static string ComputeHash(EvidenceRecord record) => ComputeHash(
        record.PreviousHash,
        record.SystemId,
        record.Sequence,
        record.RunId,
        record.Kind,
        record.Subject,
        record.Outcome,
        record.CollectedAt,
        record.ContentSha256);
}
