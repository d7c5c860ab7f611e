using System.Linq.Expressions;
using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;

namespace Controls.Api.OData;

/// <summary>
/// LINQ projections from <see cref="ControlsDbContext"/> to the OData read models. Workspace isolation comes
/// from the context's query filters (including inside every correlated subquery); nothing here filters by
/// workspace by hand.
/// </summary>
public sealed class ReadModelQueries(ControlsDbContext db)
{
    public IQueryable<FrameworkReadModel> Frameworks(ExpansionPlan plan) => db.Frameworks.AsNoTracking().Select(Framework(plan));

    public IQueryable<RequirementReadModel> Requirements(ExpansionPlan plan) => db.Requirements.AsNoTracking().Select(Requirement(plan));

    public IQueryable<CheckReadModel> Checks(ExpansionPlan plan) => db.Checks.AsNoTracking().Select(Check(plan));

    public IQueryable<SystemReadModel> Systems(ExpansionPlan plan) => db.Systems.AsNoTracking().Select(System(plan));

    public IQueryable<CollectionRunReadModel> CollectionRuns() => db.CollectionRuns.AsNoTracking().Select(CollectionRun());

    public IQueryable<EvaluationReadModel> Evaluations(ExpansionPlan plan) => db.CheckEvaluations.AsNoTracking().Select(Evaluation(plan));

    public IQueryable<FindingReadModel> Findings() => db.Findings.AsNoTracking().Select(Finding());

    public IQueryable<GapReadModel> Gaps() => db.Gaps.AsNoTracking().Select(g => new GapReadModel
    {
        Id = g.Id,
        CheckId = g.CheckId,
        CheckTitle = g.CheckTitle,
        SystemId = g.SystemId,
        SystemName = g.SystemName,
        Status = g.Status,
        Surface = g.Surface,
        Surfaces = g.Surfaces,
        Remediation = g.Remediation,
        HoursLow = g.HoursLow,
        HoursHigh = g.HoursHigh,
        CostLow = g.CostLow,
        CostHigh = g.CostHigh,
        FindingCount = g.FindingCount,
        Requirements = g.Requirements,
        OpenSince = g.OpenSince,
        UpdatedAt = g.UpdatedAt,
    });

    public IQueryable<EvidenceReadModel> Evidence() => db.EvidenceRecords.AsNoTracking().Select(e => new EvidenceReadModel
    {
        Id = e.Id,
        SystemId = e.SystemId,
        RunId = e.RunId,
        Sequence = e.Sequence,
        Kind = e.Kind,
        Subject = e.Subject,
        Outcome = e.Outcome,
        CollectedAt = e.CollectedAt,
        ContentSha256 = e.ContentSha256,
        PreviousHash = e.PreviousHash,
        ChainHash = e.ChainHash,
        ContentUrl = "/api/evidence/" + e.Id + "/content",
    });

    private Expression<Func<FrameworkEntry, FrameworkReadModel>> Framework(ExpansionPlan plan) => Projection.Build(
        f => new FrameworkReadModel
        {
            Id = f.Id,
            Name = f.Name,
            Version = f.Version,
            IsActive = f.IsActive,
            RequirementCount = db.Requirements.Count(r => r.FrameworkId == f.Id),
        },
        plan,
        Projection.Navigation<FrameworkEntry, RequirementEntry, RequirementReadModel>(
            nameof(FrameworkReadModel.Requirements), f => db.Requirements.Where(r => r.FrameworkId == f.Id), Requirement));

    private Expression<Func<RequirementEntry, RequirementReadModel>> Requirement(ExpansionPlan plan) => Projection.Build(
        r => new RequirementReadModel
        {
            FrameworkId = r.FrameworkId,
            RequirementId = r.Id,
            Name = r.Name,
            Group = r.Group,
            Description = r.Description,
            PointsOfFocus = r.PointsOfFocus,
            IsActive = r.IsActive,

            // Never evaluated reads as NeedsEvidence: an unmeasured requirement must not look fine.
            Status = db.RequirementStatuses.Where(s => s.FrameworkId == r.FrameworkId && s.RequirementId == r.Id)
                .Select(s => (CheckStatus?)s.Status).FirstOrDefault() ?? CheckStatus.NeedsEvidence,
            StatusUpdatedAt = db.RequirementStatuses.Where(s => s.FrameworkId == r.FrameworkId && s.RequirementId == r.Id)
                .Select(s => (DateTime?)s.UpdatedAt).FirstOrDefault(),
            PassCount = db.RequirementStatuses.Where(s => s.FrameworkId == r.FrameworkId && s.RequirementId == r.Id).Select(s => s.PassCount).FirstOrDefault(),
            FailCount = db.RequirementStatuses.Where(s => s.FrameworkId == r.FrameworkId && s.RequirementId == r.Id).Select(s => s.FailCount).FirstOrDefault(),
            ErrorCount = db.RequirementStatuses.Where(s => s.FrameworkId == r.FrameworkId && s.RequirementId == r.Id).Select(s => s.ErrorCount).FirstOrDefault(),
            StaleCount = db.RequirementStatuses.Where(s => s.FrameworkId == r.FrameworkId && s.RequirementId == r.Id).Select(s => s.StaleCount).FirstOrDefault(),
            NeedsEvidenceCount = db.RequirementStatuses.Where(s => s.FrameworkId == r.FrameworkId && s.RequirementId == r.Id).Select(s => s.NeedsEvidenceCount).FirstOrDefault(),
            NotApplicableCount = db.RequirementStatuses.Where(s => s.FrameworkId == r.FrameworkId && s.RequirementId == r.Id).Select(s => s.NotApplicableCount).FirstOrDefault(),
            CheckCount = db.CheckRequirements.Count(c => c.FrameworkId == r.FrameworkId && c.RequirementId == r.Id),
            Mappings = db.RequirementMappings.Where(m => m.FrameworkId == r.FrameworkId && m.RequirementId == r.Id)
                .Select(m => new RequirementMappingReadModel
                {
                    TargetFrameworkId = m.TargetFrameworkId,
                    TargetRequirementId = m.TargetRequirementId,
                    Relationship = m.Relationship,
                })
                .ToList(),
        },
        plan,
        Projection.Navigation<RequirementEntry, CheckEntry, CheckReadModel>(
            nameof(RequirementReadModel.Checks),
            // Written as an equality-correlated join, not an EXISTS: nested paging puts a Take on the
            // collection, and SQLite (no APPLY) can only partition a collection correlated by equality.
            r => db.CheckRequirements.Where(cr => cr.FrameworkId == r.FrameworkId && cr.RequirementId == r.Id)
                .Join(db.Checks, cr => cr.CheckId, c => c.Id, (cr, c) => c),
            Check));

    private Expression<Func<CheckEntry, CheckReadModel>> Check(ExpansionPlan plan) => Projection.Build(
        c => new CheckReadModel
        {
            Id = c.Id,
            Title = c.Title,
            Type = c.Type,
            Measures = c.Measures,
            Rationale = c.Rationale,
            SystemKinds = c.SystemKinds,
            Surfaces = c.Surfaces,
            PrimarySurface = c.PrimarySurface,
            Remediation = c.Remediation,
            HoursLow = c.HoursLow,
            HoursHigh = c.HoursHigh,
            UpkeepHoursPerYear = c.UpkeepHoursPerYear,
            TrainingModule = c.TrainingModule,
            FreshnessHours = c.FreshnessHours,
            AttestationEvidence = c.AttestationEvidence,
            AttestationOwnerRole = c.AttestationOwnerRole,
            IsActive = c.IsActive,

            // StatusRollup.Combine in SQL: the worst current result wins; no result at all is NeedsEvidence.
            Status = !db.CheckEvaluations.Any(e => e.IsCurrent && e.CheckId == c.Id) ? CheckStatus.NeedsEvidence
                : db.CheckEvaluations.Any(e => e.IsCurrent && e.CheckId == c.Id && e.Status == CheckStatus.Fail) ? CheckStatus.Fail
                : db.CheckEvaluations.Any(e => e.IsCurrent && e.CheckId == c.Id && e.Status == CheckStatus.Error) ? CheckStatus.Error
                : db.CheckEvaluations.Any(e => e.IsCurrent && e.CheckId == c.Id && e.Status == CheckStatus.Stale) ? CheckStatus.Stale
                : db.CheckEvaluations.Any(e => e.IsCurrent && e.CheckId == c.Id && e.Status == CheckStatus.NeedsEvidence) ? CheckStatus.NeedsEvidence
                : db.CheckEvaluations.Any(e => e.IsCurrent && e.CheckId == c.Id && e.Status == CheckStatus.Pass) ? CheckStatus.Pass
                : CheckStatus.NotApplicable,
            CurrentEvaluationCount = db.CheckEvaluations.Count(e => e.IsCurrent && e.CheckId == c.Id),
        },
        plan,
        Projection.Navigation<CheckEntry, RequirementEntry, RequirementReadModel>(
            nameof(CheckReadModel.Requirements),
            c => db.CheckRequirements.Where(cr => cr.CheckId == c.Id)
                .Join(db.Requirements, cr => new { cr.FrameworkId, Id = cr.RequirementId }, r => new { r.FrameworkId, r.Id }, (cr, r) => r),
            Requirement),
        Projection.Navigation<CheckEntry, CheckEvaluation, EvaluationReadModel>(
            nameof(CheckReadModel.CurrentEvaluations), c => db.CheckEvaluations.Where(e => e.IsCurrent && e.CheckId == c.Id), Evaluation));

    private Expression<Func<ConnectedSystem, SystemReadModel>> System(ExpansionPlan plan) => Projection.Build(
        s => new SystemReadModel
        {
            Id = s.Id,
            Kind = s.Kind,
            Name = s.Name,
            DisplayName = s.DisplayName,
            BaseUrl = s.BaseUrl,
            CredentialName = s.CredentialName,
            Schedule = s.Schedule,
            Enabled = s.Enabled,
            CreatedAt = s.CreatedAt,
            LastRunStartedAt = db.CollectionRuns.Where(r => r.SystemId == s.Id).Max(r => (DateTime?)r.StartedAt),
            LastRunOutcome = db.CollectionRuns.Where(r => r.SystemId == s.Id).OrderByDescending(r => r.Id).Select(r => (RunOutcome?)r.Outcome).FirstOrDefault(),
        },
        plan,
        Projection.Navigation<ConnectedSystem, CollectionRun, CollectionRunReadModel>(
            nameof(SystemReadModel.CollectionRuns), s => db.CollectionRuns.Where(r => r.SystemId == s.Id), _ => CollectionRun()));

    private static Expression<Func<CollectionRun, CollectionRunReadModel>> CollectionRun() => r => new CollectionRunReadModel
    {
        Id = r.Id,
        SystemId = r.SystemId,
        Trigger = r.Trigger,
        StartedAt = r.StartedAt,
        FinishedAt = r.FinishedAt,
        Outcome = r.Outcome,
        Error = r.Error,
        RequestCount = r.RequestCount,
        NotModifiedCount = r.NotModifiedCount,
        EvidenceCount = r.EvidenceCount,
        NewContentCount = r.NewContentCount,
        CollectionErrorCount = r.CollectionErrorCount,
        HeadSequence = r.HeadSequence,
        HeadHash = r.HeadHash,
    };

    private Expression<Func<CheckEvaluation, EvaluationReadModel>> Evaluation(ExpansionPlan plan) => Projection.Build(
        e => new EvaluationReadModel
        {
            Id = e.Id,
            CheckId = e.CheckId,
            SystemId = e.SystemId,
            Status = e.Status,
            Summary = e.Summary,
            EvaluatedAt = e.EvaluatedAt,
            ConfirmedAt = e.ConfirmedAt,
            RunId = e.RunId,
            EvidenceCollectedAt = e.EvidenceCollectedAt,
            IsCurrent = e.IsCurrent,
            FindingCount = db.Findings.Count(f => f.EvaluationId == e.Id),
        },
        plan,
        Projection.Navigation<CheckEvaluation, Finding, FindingReadModel>(
            nameof(EvaluationReadModel.Findings), e => db.Findings.Where(f => f.EvaluationId == e.Id), _ => Finding()));

    private static Expression<Func<Finding, FindingReadModel>> Finding() => f => new FindingReadModel
    {
        Id = f.Id,
        EvaluationId = f.EvaluationId,
        CheckId = f.CheckId,
        SystemId = f.SystemId,
        Status = f.Status,
        Resource = f.Resource,
        Message = f.Message,
        DetectedAt = f.DetectedAt,
    };
}
