using Controls.Compliance.Systems;

namespace Controls.Compliance.Attestations;

/// <summary>
/// Uploaded evidence lives in its own per-workspace ledger: a connected system of kind "manual" that no
/// collector serves. It is created disabled so no schedule ever tries to collect it; the verifier still walks it.
/// </summary>
public static class ManualEvidence
{
    public const string Kind = SystemKinds.Manual;
    public const string SystemName = "uploaded-evidence";
    public const string EvidenceKind = "manual.attestation";
    public const string Trigger = "upload";
}
