using Controls.Compliance.Catalog;
using Controls.Compliance.People;
using Controls.Compliance.Persistence;
using Controls.Compliance.Training;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace Controls.Api.OData;

/// <summary>A person of the directory (changed through /api/people).</summary>
public sealed class PersonReadModel
{
    public required string Key { get; set; }

    public required string Name { get; set; }

    public required string PrimaryEmail { get; set; }

    public string? Team { get; set; }

    public List<string> Roles { get; set; } = [];

    public List<string> Surfaces { get; set; } = [];

    public List<string> Aliases { get; set; } = [];

    public DateOnly? StartedOn { get; set; }

    public DateOnly? LeftOn { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public sealed class TrainingCompletionReadModel
{
    public long Id { get; set; }

    public required string PersonKey { get; set; }

    public required string ModuleId { get; set; }

    public DateOnly CompletedOn { get; set; }

    public int? ImportId { get; set; }

    public int? RowNumber { get; set; }

    public DateTime RecordedAt { get; set; }
}

public sealed class TrainingImportReadModel
{
    public int Id { get; set; }

    public required string FileName { get; set; }

    public required string Format { get; set; }

    public DateTime ImportedAt { get; set; }

    public required string ImportedBy { get; set; }

    public int Rows { get; set; }

    public int Accepted { get; set; }

    public int AlreadyRecorded { get; set; }

    public int Rejected { get; set; }
}

public sealed class TrainingImportRejectionReadModel
{
    public long Id { get; set; }

    public int ImportId { get; set; }

    public int RowNumber { get; set; }

    public required string Reason { get; set; }

    public required string Values { get; set; }
}

/// <summary>Coverage of a module over a group: Dimension "all", "role", "team" or "surface".</summary>
public sealed class TrainingCoverageRow
{
    public required string Id { get; set; }

    public required string Dimension { get; set; }

    public required string Group { get; set; }

    public required string ModuleId { get; set; }

    public required string ModuleTitle { get; set; }

    public int Assigned { get; set; }

    public int Current { get; set; }

    public int InGrace { get; set; }

    public int Required { get; set; }

    public double? Percent { get; set; }

    public int Overdue { get; set; }
}

/// <summary>A module a current member of staff must take and where they stand: filter State for the overdue and never-trained lists.</summary>
public sealed class TrainingAssignmentRow
{
    public required string Id { get; set; }

    public required string PersonKey { get; set; }

    public required string PersonName { get; set; }

    public string? Team { get; set; }

    public required string ModuleId { get; set; }

    public required string ModuleTitle { get; set; }

    public TrainingState State { get; set; }

    public DateOnly? LastCompletedOn { get; set; }

    public DateOnly? DueOn { get; set; }
}

/// <summary>An account a platform's latest collection reported and the person it resolves to (Problem says why not).</summary>
public sealed class PersonAccountRow
{
    public required string Id { get; set; }

    public required string SystemKind { get; set; }

    public required string SystemName { get; set; }

    public required string AccountKey { get; set; }

    public required string Login { get; set; }

    public string? Email { get; set; }

    public required string Role { get; set; }

    public bool Privileged { get; set; }

    public bool Active { get; set; }

    public string? PersonKey { get; set; }

    public string? PersonName { get; set; }

    public string? MatchedBy { get; set; }

    public ResolutionProblem Problem { get; set; }
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class PersonAccountsController(PersonAccountsReader reader) : ODataController
{
    [HttpGet("odata/PersonAccounts")]
    [ControlsQuery]
    public async Task<IQueryable<PersonAccountRow>> Get(CancellationToken cancellationToken) =>
        (await reader.ReadAsync(cancellationToken)).Accounts.Select(r => new PersonAccountRow
        {
            Id = $"{r.Account.SystemName}/{r.Account.AccountKey}",
            SystemKind = r.Account.SystemKind,
            SystemName = r.Account.SystemName,
            AccountKey = r.Account.AccountKey,
            Login = r.Account.Login,
            Email = r.Account.Email,
            Role = r.Account.Role,
            Privileged = r.Account.Privileged,
            Active = r.Account.Active,
            PersonKey = r.Person?.Key,
            PersonName = r.Person?.Name,
            MatchedBy = r.MatchedBy,
            Problem = r.Problem,
        }).ToList().AsQueryable();
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class PeopleController(ControlsDbContext db) : ODataController
{
    [HttpGet("odata/People")]
    [ControlsQuery]
    public IQueryable<PersonReadModel> Get() => Query();

    [HttpGet("odata/People({key})")]
    [ControlsQuery]
    public SingleResult<PersonReadModel> Get(string key) => SingleResult.Create(Query().Where(p => p.Key == key));

    private IQueryable<PersonReadModel> Query() => db.People.AsNoTracking().Select(p => new PersonReadModel
    {
        Key = p.Key,
        Name = p.Name,
        PrimaryEmail = p.PrimaryEmail,
        Team = p.Team,
        Roles = p.Roles,
        Surfaces = p.Surfaces,
        Aliases = p.Aliases,
        StartedOn = p.StartedOn,
        LeftOn = p.LeftOn,
        UpdatedAt = p.UpdatedAt,
    });
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class TrainingCompletionsController(ControlsDbContext db) : ODataController
{
    [HttpGet("odata/TrainingCompletions")]
    [ControlsQuery]
    public IQueryable<TrainingCompletionReadModel> Get() => db.TrainingCompletions.AsNoTracking().Select(c => new TrainingCompletionReadModel
    {
        Id = c.Id,
        PersonKey = c.PersonKey,
        ModuleId = c.ModuleId,
        CompletedOn = c.CompletedOn,
        ImportId = c.ImportId,
        RowNumber = c.RowNumber,
        RecordedAt = c.RecordedAt,
    });
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class TrainingImportsController(ControlsDbContext db) : ODataController
{
    [HttpGet("odata/TrainingImports")]
    [ControlsQuery]
    public IQueryable<TrainingImportReadModel> Get() => db.TrainingImports.AsNoTracking().Select(i => new TrainingImportReadModel
    {
        Id = i.Id,
        FileName = i.FileName,
        Format = i.Format,
        ImportedAt = i.ImportedAt,
        ImportedBy = i.ImportedBy,
        Rows = i.Rows,
        Accepted = i.Accepted,
        AlreadyRecorded = i.AlreadyRecorded,
        Rejected = i.Rejected,
    });
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class TrainingImportRejectionsController(ControlsDbContext db) : ODataController
{
    [HttpGet("odata/TrainingImportRejections")]
    [ControlsQuery]
    public IQueryable<TrainingImportRejectionReadModel> Get() => db.TrainingImportRejections.AsNoTracking().Select(r => new TrainingImportRejectionReadModel
    {
        Id = r.Id,
        ImportId = r.ImportId,
        RowNumber = r.RowNumber,
        Reason = r.Reason,
        Values = r.Values,
    });
}

/// <summary>Coverage and assignments are computed (people × modules, small), not stored.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class TrainingCoverageController(TrainingStatusReader reader, ControlCatalog catalog) : ODataController
{
    [HttpGet("odata/TrainingCoverage")]
    [ControlsQuery]
    public async Task<IQueryable<TrainingCoverageRow>> Get(CancellationToken cancellationToken)
    {
        var titles = catalog.TrainingModules.ToDictionary(m => m.Id, m => m.Title, StringComparer.Ordinal);
        var status = await reader.ReadAsync(cancellationToken);
        return status.Figures.Select(f => new TrainingCoverageRow
        {
            Id = $"{f.Dimension}/{f.Group}/{f.ModuleId}",
            Dimension = f.Dimension,
            Group = f.Group,
            ModuleId = f.ModuleId,
            ModuleTitle = titles.GetValueOrDefault(f.ModuleId, f.ModuleId),
            Assigned = f.Assigned,
            Current = f.Current,
            InGrace = f.InGrace,
            Required = f.Required,
            Percent = f.Percent,
            Overdue = f.Overdue,
        }).ToList().AsQueryable();
    }
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class TrainingAssignmentsController(TrainingStatusReader reader) : ODataController
{
    [HttpGet("odata/TrainingAssignments")]
    [ControlsQuery]
    public async Task<IQueryable<TrainingAssignmentRow>> Get(CancellationToken cancellationToken)
    {
        var status = await reader.ReadAsync(cancellationToken);
        return status.Assignments.Select(a => new TrainingAssignmentRow
        {
            Id = $"{a.Person.Key}/{a.Module.Id}",
            PersonKey = a.Person.Key,
            PersonName = a.Person.Name,
            Team = a.Person.Team,
            ModuleId = a.Module.Id,
            ModuleTitle = a.Module.Title,
            State = a.State,
            LastCompletedOn = a.LastCompletedOn,
            DueOn = a.DueOn,
        }).ToList().AsQueryable();
    }
}
