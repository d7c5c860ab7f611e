using Controls.Compliance.AccessReviews;
using Controls.Compliance.Collection;
using Controls.Compliance.People;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Controls.Web.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Controls.Web.Pages.AccessReviews;

/// <summary>Access-review campaigns per system (open, overdue, signed off; decided and pending counts) and the form that starts one.</summary>
public sealed class IndexModel(
    ControlsDbContext db, AccessReviewService reviews, AccountInventory inventory, IRegisterCollection registers, ICallerContext caller, CurrentWorkspace current, TimeProvider time)
    : PageModel
{
    public CurrentWorkspace Current => current;

    public IReadOnlyList<AccessReviewCampaign> Campaigns { get; private set; } = [];

    public IReadOnlyList<SystemAccounts> Systems { get; private set; } = [];

    public DateTime Now { get; private set; }

    /// <summary>Per system: active accounts its latest collection lists that the last signed-off review did not cover (flagged for the next one).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<PlatformAccount>> NewSinceLastReview { get; private set; } = new Dictionary<int, IReadOnlyList<PlatformAccount>>();

    [BindProperty]
    public int? SystemId { get; set; }

    [BindProperty]
    public string? Owner { get; set; }

    [BindProperty]
    public string? CampaignTitle { get; set; }

    public string? Problem { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (SystemId is not { } systemId)
            {
                throw new AccessReviewRuleException("systemId", "Choose the system to review.");
            }

            var campaign = await reviews.CreateAsync(systemId, Owner ?? string.Empty, CampaignTitle, AccessReviewService.TriggerManual, caller.Caller, cancellationToken);
            await registers.CollectAsync(SystemKinds.AccessReviewRegister, "access-review-change", cancellationToken);
            return RedirectToPage("/AccessReviews/Detail", new { id = campaign.Id, workspace = current.Slug });
        }
        catch (Exception ex) when (ex is AccessReviewRuleException or AccessReviewConflictException or KeyNotFoundException)
        {
            Problem = ex.Message;
            Response.StatusCode = ex is AccessReviewConflictException ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public static string State(AccessReviewCampaign campaign, DateTime now) =>
        campaign.SignedOffAt is not null ? "signed-off" : now > campaign.DueAt ? "overdue" : "open";

    public static int PendingVerification(AccessReviewCampaign campaign) =>
        campaign.Items.Count(i => i.Decision is AccessDecision.Revoke or AccessDecision.Change && i.VerifiedAt is null);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow().UtcDateTime;
        Campaigns = await db.AccessReviewCampaigns.AsNoTracking().Include(c => c.Items).AsSplitQuery()
            .OrderBy(c => c.SystemName).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);
        Systems = await inventory.ReadAllAsync(cancellationToken);
        NewSinceLastReview = Systems.Where(s => s.State == AccountListState.Known).ToDictionary(
            s => s.System.Id,
            s => AccessReviewRules.NewSinceLastReview([.. Campaigns.Where(c => c.SystemId == s.System.Id).Select(AccessReviewService.ToState)], s.Accounts));
    }
}
