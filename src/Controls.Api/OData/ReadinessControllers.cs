using Controls.Api.Actions;
using Controls.Compliance.Persistence;
using Controls.Compliance.Readiness;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace Controls.Api.OData;

/// <summary>
/// A surface's incident-response readiness, computed on read (playbook, detection checks' current status, tabletop):
/// the same figures as GET /api/readiness. Dates are UTC calendar dates.
/// </summary>
public sealed class SurfaceReadinessReadModel
{
    public required string Surface { get; set; }

    public int Score { get; set; }

    /// <summary>"ready", "partial" or "not-ready".</summary>
    public required string Level { get; set; }

    public int PlaybookPoints { get; set; }

    public bool PlaybookCurrent { get; set; }

    public string? PlaybookTitle { get; set; }

    public string? PlaybookOwner { get; set; }

    public DateOnly? PlaybookReviewedOn { get; set; }

    public DateOnly? PlaybookNextReviewDue { get; set; }

    public int DetectionPoints { get; set; }

    public bool DetectionMeasured { get; set; }

    public int DetectionWired { get; set; }

    /// <summary>Detection checks counted (not applicable ones are left out).</summary>
    public int DetectionMeasuredCount { get; set; }

    public string? DetectionUnmeasuredBecause { get; set; }

    public int TabletopPoints { get; set; }

    public bool TabletopCurrent { get; set; }

    public DateOnly? LastTabletopOn { get; set; }

    public DateOnly? NextTabletopDue { get; set; }

    public int TabletopCadenceDays { get; set; }

    public List<string> Reasons { get; set; } = [];
}

/// <summary>A playbook attestation (appended, never edited: the latest per surface counts).</summary>
public sealed class PlaybookAttestationReadModel
{
    public int Id { get; set; }

    public required string Surface { get; set; }

    public required string Title { get; set; }

    public required string Owner { get; set; }

    public string? Location { get; set; }

    public DateOnly ReviewedOn { get; set; }

    public string? FileName { get; set; }

    public string? FileSha256 { get; set; }

    public required string AttestedBy { get; set; }

    public DateTime AttestedAt { get; set; }
}

public sealed class TabletopExerciseReadModel
{
    public int Id { get; set; }

    public required string Scenario { get; set; }

    public List<string> Surfaces { get; set; } = [];

    public DateOnly HeldOn { get; set; }

    public required string Facilitator { get; set; }

    public List<string> Participants { get; set; } = [];

    public string? Outcome { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime RecordedAt { get; set; }
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class SurfaceReadinessController(ReadinessReader reader) : ODataController
{
    // In memory, a function over a null column (contains(PlaybookOwner,'x') on a surface without a playbook) would
    // throw without null propagation; SQL-backed sets get it from the database instead.
    [HttpGet("odata/SurfaceReadiness")]
    [ControlsQuery(HandleNullPropagation = HandleNullPropagationOption.True)]
    public async Task<IQueryable<SurfaceReadinessReadModel>> Get(CancellationToken cancellationToken) =>
        (await QueryAsync(cancellationToken)).AsQueryable();

    [HttpGet("odata/SurfaceReadiness({key})")]
    [ControlsQuery(HandleNullPropagation = HandleNullPropagationOption.True)]
    public async Task<SingleResult<SurfaceReadinessReadModel>> Get(string key, CancellationToken cancellationToken) =>
        SingleResult.Create((await QueryAsync(cancellationToken)).Where(s => s.Surface == key).AsQueryable());

    // Nine surfaces, computed in memory: the query options then run over the list, not SQL.
    private async Task<List<SurfaceReadinessReadModel>> QueryAsync(CancellationToken cancellationToken) =>
        [.. (await reader.ReadAsync(cancellationToken)).Select(r => new SurfaceReadinessReadModel
        {
            Surface = r.Surface,
            Score = r.Score,
            Level = SurfaceReadinessResponse.LevelName(r.Level),
            PlaybookPoints = r.PlaybookPoints,
            PlaybookCurrent = r.PlaybookCurrent,
            PlaybookTitle = r.Playbook?.Title,
            PlaybookOwner = r.Playbook?.Owner,
            PlaybookReviewedOn = r.Playbook?.ReviewedOn,
            PlaybookNextReviewDue = r.PlaybookReviewDue,
            DetectionPoints = r.DetectionPoints,
            DetectionMeasured = r.DetectionMeasured,
            DetectionWired = r.DetectionWired,
            DetectionMeasuredCount = r.DetectionCounted,
            DetectionUnmeasuredBecause = r.DetectionMeasured ? null : r.DetectionUnmeasured ?? "every detection check is not applicable",
            TabletopPoints = r.TabletopPoints,
            TabletopCurrent = r.TabletopCurrent,
            LastTabletopOn = r.LastTabletop?.HeldOn,
            NextTabletopDue = r.NextTabletopDue,
            TabletopCadenceDays = r.TabletopCadenceDays,
            Reasons = [.. r.Reasons],
        })];
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class PlaybookAttestationsController(ControlsDbContext db) : ODataController
{
    [HttpGet("odata/PlaybookAttestations")]
    [ControlsQuery]
    public IQueryable<PlaybookAttestationReadModel> Get() => Query();

    [HttpGet("odata/PlaybookAttestations({key})")]
    [ControlsQuery]
    public SingleResult<PlaybookAttestationReadModel> Get(int key) => SingleResult.Create(Query().Where(p => p.Id == key));

    private IQueryable<PlaybookAttestationReadModel> Query() => db.PlaybookAttestations.AsNoTracking().Select(p => new PlaybookAttestationReadModel
    {
        Id = p.Id,
        Surface = p.Surface,
        Title = p.Title,
        Owner = p.Owner,
        Location = p.Location,
        ReviewedOn = p.ReviewedOn,
        FileName = p.FileName,
        FileSha256 = p.FileSha256,
        AttestedBy = p.AttestedBy,
        AttestedAt = p.AttestedAt,
    });
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class TabletopExercisesController(ControlsDbContext db) : ODataController
{
    [HttpGet("odata/TabletopExercises")]
    [ControlsQuery]
    public IQueryable<TabletopExerciseReadModel> Get() => Query();

    [HttpGet("odata/TabletopExercises({key})")]
    [ControlsQuery]
    public SingleResult<TabletopExerciseReadModel> Get(int key) => SingleResult.Create(Query().Where(t => t.Id == key));

    private IQueryable<TabletopExerciseReadModel> Query() => db.TabletopExercises.AsNoTracking().Select(t => new TabletopExerciseReadModel
    {
        Id = t.Id,
        Scenario = t.Scenario,
        Surfaces = t.Surfaces,
        HeldOn = t.HeldOn,
        Facilitator = t.Facilitator,
        Participants = t.Participants,
        Outcome = t.Outcome,
        RecordedBy = t.RecordedBy,
        RecordedAt = t.RecordedAt,
    });
}
