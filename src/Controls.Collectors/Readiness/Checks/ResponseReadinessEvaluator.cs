using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Compliance.Readiness;

namespace Controls.Collectors.Readiness.Checks;

/// <summary>
/// incidents.response-readiness: every surface has a playbook reviewed within its review period and a tabletop within
/// its cadence. Detection is shown in the readiness score but not judged here: it is other checks' status, and those
/// checks make their own gaps.
/// </summary>
public sealed class ResponseReadinessEvaluator : ICheckEvaluator
{
    public string CheckId => "incidents.response-readiness";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [ReadinessEvidence.RegisterKind];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var item = evidence.OfKind(ReadinessEvidence.RegisterKind).FirstOrDefault(i => i.Outcome == EvidenceOutcome.Collected)
            ?? throw new InvalidOperationException("The run recorded no readiness.register evidence.");
        var register = item.Read<ReadinessRegisterEvidence>();
        if (register.Surfaces.Count == 0)
        {
            // A catalog without readiness/ has nothing to judge; that is not a pass.
            throw new InvalidOperationException("The readiness register names no surface: the catalog has no readiness/ policy.");
        }

        // Judged on the day the register was collected, by the cadences recorded with it.
        var today = DateOnly.FromDateTime(item.CollectedAt);
        var findings = new List<FindingDraft>();
        foreach (var surface in register.Surfaces)
        {
            var policy = new SurfaceReadinessPolicy(surface.Surface, TimeSpan.FromDays(surface.TabletopCadenceDays), TimeSpan.FromDays(surface.PlaybookReviewDays), [], null);
            var playbook = surface.LatestPlaybook is { } p
                ? new PlaybookFact(p.Id, p.Title, p.Owner, p.Location, p.ReviewedOn, p.FileSha256, p.FileName, p.AttestedAt)
                : null;
            var tabletop = surface.LastTabletopId is { } id && surface.LastTabletopOn is { } heldOn
                ? new TabletopFact(id, string.Empty, heldOn, string.Empty)
                : null;
            var result = ReadinessScore.Evaluate(policy, playbook, tabletop, detection: null, today);
            findings.AddRange(result.Reasons.Select(reason => new FindingDraft($"readiness/{surface.Surface}", reason)));
        }

        return CheckVerdict.FromFindings(
            findings,
            $"All {register.Surfaces.Count} surfaces have a current playbook and a tabletop within their cadence.",
            $"{findings.Select(f => f.Resource).Distinct().Count()} of {register.Surfaces.Count} surfaces lack a current playbook or an exercise within their cadence.");
    }
}
