using Controls.Compliance.Catalog;
using Controls.Compliance.Persistence;
using Controls.Compliance.Readiness;
using Controls.Web.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Pages.Readiness;

/// <summary>
/// Incident-response readiness per surface (score, level, playbook, detection checks with their current status,
/// tabletop dates) and the two forms that change it: attest a playbook, record a tabletop exercise.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
[RequestSizeLimit(MaxUploadBytes + (64 * 1024))]
public sealed class IndexModel(
    ReadinessReader reader, ReadinessService readiness, ControlsDbContext db, ControlCatalog catalog, CurrentWorkspace current) : PageModel
{
    /// <summary>The same limit the API's uploads default to (Controls:Api:MaxUploadBytes).</summary>
    public const int MaxUploadBytes = 20 * 1024 * 1024;

    public CurrentWorkspace Current => current;

    public IReadOnlyList<SurfaceReadinessResult> Surfaces { get; private set; } = [];

    public IReadOnlyList<TabletopExercise> Tabletops { get; private set; } = [];

    public IReadOnlyList<string> SurfaceNames => [.. catalog.Readiness.Surfaces.Select(s => s.Surface)];

    /// <summary>What was just recorded ("playbook", "tabletop"), shown once after the redirect.</summary>
    [FromQuery(Name = "recorded")]
    public string? Recorded { get; set; }

    /// <summary>Which form the errors belong to.</summary>
    public string? FailedForm { get; private set; }

    public string? CheckTitle(string checkId) => catalog.FindCheck(checkId)?.Title;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostPlaybookAsync(
        string? surface, string? title, string? owner, string? location, DateOnly? reviewedOn, IFormFile? file, CancellationToken cancellationToken)
    {
        PlaybookFile? upload = null;
        if (file is { Length: > 0 })
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            var name = Path.GetFileName(file.FileName);
            upload = new PlaybookFile(
                name.Length is > 0 and <= 300 ? name : "playbook",
                string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType[..Math.Min(file.ContentType.Length, 200)],
                buffer.ToArray());
        }

        try
        {
            await readiness.AttestPlaybookAsync(new PlaybookInput(surface, title, owner, location, reviewedOn), upload, cancellationToken);
        }
        catch (ReadinessValidationException ex)
        {
            return await InvalidAsync("playbook", ex, cancellationToken);
        }
        catch (PlaybookFileNotRecordedException ex)
        {
            return await InvalidAsync("playbook", new ReadinessValidationException(new Dictionary<string, string[]> { ["file"] = [ex.Message] }), cancellationToken, StatusCodes.Status503ServiceUnavailable);
        }

        return RedirectToPage(new { workspace = current.Slug, recorded = "playbook" });
    }

    public async Task<IActionResult> OnPostTabletopAsync(
        string? scenario, List<string>? surfaces, DateOnly? heldOn, string? facilitator, string? participants, string? outcome, CancellationToken cancellationToken)
    {
        var people = (participants ?? string.Empty).Split([',', '\n', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        try
        {
            await readiness.RecordTabletopAsync(new TabletopInput(scenario, surfaces ?? [], heldOn, facilitator, people, outcome), cancellationToken);
        }
        catch (ReadinessValidationException ex)
        {
            return await InvalidAsync("tabletop", ex, cancellationToken);
        }

        return RedirectToPage(new { workspace = current.Slug, recorded = "tabletop" });
    }

    private async Task<IActionResult> InvalidAsync(string form, ReadinessValidationException ex, CancellationToken cancellationToken, int status = StatusCodes.Status400BadRequest)
    {
        FailedForm = form;
        foreach (var (field, messages) in ex.Errors)
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError($"{form}.{field}", message);
            }
        }

        await LoadAsync(cancellationToken);
        var page = Page();
        HttpContext.Response.StatusCode = status;
        return page;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Surfaces = await reader.ReadAsync(cancellationToken);
        var tabletops = await db.TabletopExercises.AsNoTracking().ToListAsync(cancellationToken);
        Tabletops = [.. tabletops.OrderByDescending(t => t.HeldOn).ThenByDescending(t => t.Id).Take(20)];
    }

    public static string LevelKey(ReadinessLevel level) => level switch
    {
        ReadinessLevel.Ready => "ready",
        ReadinessLevel.Partial => "partial",
        _ => "not-ready",
    };

    public static string LevelLabel(ReadinessLevel level) => level switch
    {
        ReadinessLevel.Ready => "Ready",
        ReadinessLevel.Partial => "Partial",
        _ => "Not ready",
    };
}
