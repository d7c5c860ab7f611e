using Controls.Compliance.AccessReviews;
using Controls.Compliance.Collection;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Controls.Web.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Controls.Web.Pages.AccessReviews;

/// <summary>One campaign: every account with its role, privilege, last activity and owner; a decision form per account and the sign-off form.</summary>
public sealed class DetailModel(AccessReviewService reviews, IRegisterCollection registers, ICallerContext caller, CurrentWorkspace current, TimeProvider time) : PageModel
{
    public CurrentWorkspace Current => current;

    public AccessReviewCampaign? Campaign { get; private set; }

    public DateTime Now { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The item the problem is about, so its form shows the message.</summary>
    public int? ProblemItemId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow().UtcDateTime;
        Campaign = await reviews.FindAsync(id, cancellationToken);
        return Campaign is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(
        int id, int itemId, AccessDecision? decision, string? changeTo, string? justification, string? decidedBy, CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow().UtcDateTime;
        Campaign = await reviews.FindAsync(id, cancellationToken);
        if (Campaign is null)
        {
            return NotFound();
        }

        try
        {
            await reviews.DecideAsync(Campaign, itemId, decision, changeTo, justification, string.IsNullOrWhiteSpace(decidedBy) ? caller.Caller : decidedBy, cancellationToken);
        }
        catch (Exception ex) when (ex is AccessReviewRuleException or AccessReviewConflictException or KeyNotFoundException)
        {
            return Refused(ex, itemId);
        }

        await registers.CollectAsync(SystemKinds.AccessReviewRegister, "access-review-change", cancellationToken);
        return RedirectToPage("/AccessReviews/Detail", null, new { id, workspace = current.Slug }, $"item-{itemId}");
    }

    public async Task<IActionResult> OnPostSignOffAsync(int id, string? signedOffBy, string? statement, CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow().UtcDateTime;
        Campaign = await reviews.FindAsync(id, cancellationToken);
        if (Campaign is null)
        {
            return NotFound();
        }

        try
        {
            await reviews.SignOffAsync(Campaign, signedOffBy ?? string.Empty, statement, cancellationToken);
        }
        catch (Exception ex) when (ex is AccessReviewRuleException or AccessReviewConflictException)
        {
            return Refused(ex, null);
        }

        await registers.CollectAsync(SystemKinds.AccessReviewRegister, "access-review-change", cancellationToken);
        return RedirectToPage("/AccessReviews/Detail", new { id, workspace = current.Slug });
    }

    private PageResult Refused(Exception ex, int? itemId)
    {
        Problem = ex.Message;
        ProblemItemId = itemId;
        Response.StatusCode = ex is AccessReviewConflictException ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }
}
