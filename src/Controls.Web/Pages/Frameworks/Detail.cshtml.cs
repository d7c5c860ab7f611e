using Controls.Compliance.Catalog;
using Controls.Compliance.Evaluation;
using Controls.Web.Posture;
using Controls.Web.Presentation;
using Controls.Web.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Controls.Web.Pages.Frameworks;

/// <summary>Every requirement of one framework with its status, filterable by status and text.</summary>
public sealed class DetailModel(PostureReader postureReader, ControlCatalog catalog, CurrentWorkspace current) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(Name = "q", SupportsGet = true)]
    public string? Text { get; set; }

    public CurrentWorkspace Current => current;

    public FrameworkDefinition? Framework { get; private set; }

    public FrameworkPosture? Summary { get; private set; }

    public PostureSnapshot Posture { get; private set; } = null!;

    public IReadOnlyList<RequirementRow> Rows { get; private set; } = [];

    public CheckStatus? StatusFilter => StatusDisplay.Parse(Status);

    public bool IsFiltered => StatusFilter is not null || !string.IsNullOrWhiteSpace(Text);

    public async Task OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Framework = catalog.Frameworks.SingleOrDefault(f => f.Id == id);
        if (Framework is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Posture = await postureReader.LoadAsync(cancellationToken);
        Summary = Posture.FrameworkPosture(Framework);
        var text = Text?.Trim();
        Rows = Framework.Requirements
            .Select(r => new RequirementRow(r, Posture.StatusOf(r.Key), catalog.ChecksEvidencing(r.Key).Count, catalog.Iso2022Equivalents(r)))
            .Where(r => StatusFilter is not { } s || r.Status == s)
            .Where(r => string.IsNullOrEmpty(text)
                || r.Requirement.Id.Contains(text, StringComparison.OrdinalIgnoreCase)
                || r.Requirement.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                || r.Requirement.Description.Contains(text, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }
}

public sealed record RequirementRow(RequirementDefinition Requirement, CheckStatus Status, int CheckCount, IReadOnlyList<RequirementDefinition> Iso2022);
