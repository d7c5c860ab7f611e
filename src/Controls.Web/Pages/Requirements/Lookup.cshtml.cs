using Controls.Compliance.Catalog;
using Controls.Web.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Controls.Web.Pages.Requirements;

/// <summary>Finds a requirement however it is written — "A.9.2.5", "5.18", "A.5.18", "CC6.1" — and opens it.</summary>
public sealed class LookupModel(ControlCatalog catalog, CurrentWorkspace current) : PageModel
{
    [BindProperty(Name = "id", SupportsGet = true)]
    public string? Query { get; set; }

    public CurrentWorkspace Current => current;

    public IReadOnlyList<RequirementDefinition> Matches { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (string.IsNullOrWhiteSpace(Query))
        {
            return Page();
        }

        Matches = catalog.Resolve(Query);
        if (Matches.Count == 1)
        {
            var match = Matches[0];
            return RedirectToPage("/Requirements/Detail", new { frameworkId = match.FrameworkId, id = match.Id, workspace = current.Slug });
        }

        if (Matches.Count == 0)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
