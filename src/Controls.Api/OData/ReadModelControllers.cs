using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace Controls.Api.OData;

// One controller per entity set, attribute-routed under /odata. They only pick the projection; paging,
// validation and the query itself are [ControlsQuery]'s. $metadata describes them, so they stay out of the
// OpenAPI document.

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class FrameworksController(ReadModelQueries queries) : ODataController
{
    [HttpGet("odata/Frameworks")]
    [ControlsQuery]
    public IQueryable<FrameworkReadModel> Get(ODataQueryOptions<FrameworkReadModel> options) => queries.Frameworks(ExpansionPlan.From(options));

    [HttpGet("odata/Frameworks({key})")]
    [ControlsQuery]
    public SingleResult<FrameworkReadModel> Get(string key, ODataQueryOptions<FrameworkReadModel> options) =>
        SingleResult.Create(queries.Frameworks(ExpansionPlan.From(options)).Where(f => f.Id == key));
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class RequirementsController(ReadModelQueries queries) : ODataController
{
    [HttpGet("odata/Requirements")]
    [ControlsQuery]
    public IQueryable<RequirementReadModel> Get(ODataQueryOptions<RequirementReadModel> options) => queries.Requirements(ExpansionPlan.From(options));

    [HttpGet("odata/Requirements(FrameworkId={keyFrameworkId},RequirementId={keyRequirementId})")]
    [ControlsQuery]
    public SingleResult<RequirementReadModel> Get(string keyFrameworkId, string keyRequirementId, ODataQueryOptions<RequirementReadModel> options) =>
        SingleResult.Create(queries.Requirements(ExpansionPlan.From(options)).Where(r => r.FrameworkId == keyFrameworkId && r.RequirementId == keyRequirementId));
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ChecksController(ReadModelQueries queries) : ODataController
{
    [HttpGet("odata/Checks")]
    [ControlsQuery]
    public IQueryable<CheckReadModel> Get(ODataQueryOptions<CheckReadModel> options) => queries.Checks(ExpansionPlan.From(options));

    [HttpGet("odata/Checks({key})")]
    [ControlsQuery]
    public SingleResult<CheckReadModel> Get(string key, ODataQueryOptions<CheckReadModel> options) =>
        SingleResult.Create(queries.Checks(ExpansionPlan.From(options)).Where(c => c.Id == key));
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class SystemsController(ReadModelQueries queries) : ODataController
{
    [HttpGet("odata/Systems")]
    [ControlsQuery]
    public IQueryable<SystemReadModel> Get(ODataQueryOptions<SystemReadModel> options) => queries.Systems(ExpansionPlan.From(options));

    [HttpGet("odata/Systems({key})")]
    [ControlsQuery]
    public SingleResult<SystemReadModel> Get(int key, ODataQueryOptions<SystemReadModel> options) =>
        SingleResult.Create(queries.Systems(ExpansionPlan.From(options)).Where(s => s.Id == key));
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class CollectionRunsController(ReadModelQueries queries) : ODataController
{
    [HttpGet("odata/CollectionRuns")]
    [ControlsQuery]
    public IQueryable<CollectionRunReadModel> Get() => queries.CollectionRuns();

    [HttpGet("odata/CollectionRuns({key})")]
    [ControlsQuery]
    public SingleResult<CollectionRunReadModel> Get(long key) => SingleResult.Create(queries.CollectionRuns().Where(r => r.Id == key));
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class EvaluationsController(ReadModelQueries queries) : ODataController
{
    [HttpGet("odata/Evaluations")]
    [ControlsQuery]
    public IQueryable<EvaluationReadModel> Get(ODataQueryOptions<EvaluationReadModel> options) => queries.Evaluations(ExpansionPlan.From(options));

    [HttpGet("odata/Evaluations({key})")]
    [ControlsQuery]
    public SingleResult<EvaluationReadModel> Get(long key, ODataQueryOptions<EvaluationReadModel> options) =>
        SingleResult.Create(queries.Evaluations(ExpansionPlan.From(options)).Where(e => e.Id == key));
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class FindingsController(ReadModelQueries queries) : ODataController
{
    [HttpGet("odata/Findings")]
    [ControlsQuery]
    public IQueryable<FindingReadModel> Get() => queries.Findings();

    [HttpGet("odata/Findings({key})")]
    [ControlsQuery]
    public SingleResult<FindingReadModel> Get(long key) => SingleResult.Create(queries.Findings().Where(f => f.Id == key));
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class GapsController(ReadModelQueries queries) : ODataController
{
    [HttpGet("odata/Gaps")]
    [ControlsQuery]
    public IQueryable<GapReadModel> Get() => queries.Gaps();

    [HttpGet("odata/Gaps({key})")]
    [ControlsQuery]
    public SingleResult<GapReadModel> Get(long key) => SingleResult.Create(queries.Gaps().Where(g => g.Id == key));
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class EvidenceController(ReadModelQueries queries) : ODataController
{
    [HttpGet("odata/Evidence")]
    [ControlsQuery]
    public IQueryable<EvidenceReadModel> Get() => queries.Evidence();

    [HttpGet("odata/Evidence({key})")]
    [ControlsQuery]
    public SingleResult<EvidenceReadModel> Get(long key) => SingleResult.Create(queries.Evidence().Where(e => e.Id == key));
}
