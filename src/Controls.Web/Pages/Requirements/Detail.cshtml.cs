using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;
using Controls.Web.Posture;
using Controls.Web.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Controls.Web.Pages.Requirements;

/// <summary>One requirement (control or criterion): what it asks, how it maps across frameworks, and the evidence behind its status.</summary>
public sealed class DetailModel(
    PostureReader postureReader,
    CheckDetailsReader detailsReader,
    ControlCatalog catalog,
    CurrentWorkspace current) : PageModel
{
    public CurrentWorkspace Current => current;

    public RequirementDefinition? Requirement { get; private set; }

    public FrameworkDefinition? Framework { get; private set; }

    public PostureSnapshot Posture { get; private set; } = null!;

    public CheckStatus Status { get; private set; }

    public RequirementStatus? Recorded { get; private set; }

    /// <summary>Requirements this one maps to (a 2013 control or SOC 2 criterion to its 2022 controls).</summary>
    public IReadOnlyList<MappingRow> MapsTo { get; private set; } = [];

    /// <summary>Requirements that map to this one (for a 2022 control: its 2013 predecessors and SOC 2 criteria).</summary>
    public IReadOnlyList<MappingRow> MappedFrom { get; private set; } = [];

    public IReadOnlyList<CheckDefinition> Checks { get; private set; } = [];

    public CheckSection? Section { get; private set; }

    public async Task OnGetAsync(string frameworkId, string id, CancellationToken cancellationToken)
    {
        var key = new RequirementKey(frameworkId, id);
        Requirement = catalog.FindRequirement(key);
        if (Requirement is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Framework = catalog.Frameworks.Single(f => f.Id == frameworkId);
        Posture = await postureReader.LoadAsync(cancellationToken);
        Status = Posture.StatusOf(key);
        Recorded = Posture.Recorded(key);
        MapsTo = Requirement.Mappings
            .Select(m => catalog.FindRequirement(m.Target) is { } target ? new MappingRow(target, m.Relationship, Posture.StatusOf(target.Key)) : null)
            .OfType<MappingRow>()
            .ToList();
        MappedFrom = catalog.Requirements
            .SelectMany(r => r.Mappings.Where(m => m.Target == key).Select(m => new MappingRow(r, m.Relationship, Posture.StatusOf(r.Key))))
            .OrderBy(m => m.Requirement.FrameworkId, StringComparer.Ordinal)
            .ThenBy(m => m.Requirement.Id, StringComparer.Ordinal)
            .ToList();
        Checks = catalog.ChecksEvidencing(key);
        var details = await detailsReader.LoadAsync(Checks, Posture, cancellationToken);
        Section = new CheckSection(Checks, details, Posture, current.Workspace, ShowCheckColumn: true);
    }

    /// <summary>Checks whose current result is not passing everywhere: the work this requirement is waiting on.</summary>
    public IEnumerable<CheckDefinition> ChecksToFix =>
        Checks.Where(c => Section!.Details.Current.Where(e => e.CheckId == c.Id).Any(e => Posture.StatusOf(e) is not (CheckStatus.Pass or CheckStatus.NotApplicable))
            || !Section.Details.Current.Any(e => e.CheckId == c.Id));
}

public sealed record MappingRow(RequirementDefinition Requirement, MappingRelationship Relationship, CheckStatus Status);
