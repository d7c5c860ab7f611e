using Controls.Collectors.AccessReviews;
using Controls.Compliance.AccessReviews;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Controls.Collectors.Demo;

public sealed partial class DemoWorkspaceSeeder
{
    private const string DemoReviewOwner = "ciso@acme-outfitters.example";

    /// <summary>
    /// Sample access reviews: the GitHub organisation's last quarter review, signed off five weeks ago with one
    /// revocation (an outside collaborator) that was never carried out — so the access-review check shows a
    /// revocation past its SLA — and an open review of the Magento admin users, half decided.
    /// </summary>
    private async Task SeedAccessReviewsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ControlsDbContext>();
        if (await db.AccessReviewCampaigns.AnyAsync(cancellationToken))
        {
            return;
        }

        var reviews = services.GetRequiredService<AccessReviewService>();
        var now = time.GetUtcNow().UtcDateTime;
        var github = await db.Systems.AsNoTracking().SingleOrDefaultAsync(s => s.Kind == SystemKinds.GitHub && s.Name == DemoNames.GitHubOrganization, cancellationToken);
        var magento = await db.Systems.AsNoTracking().SingleOrDefaultAsync(s => s.Kind == SystemKinds.Magento && s.Name == DemoNames.MagentoInstance, cancellationToken);
        try
        {
            if (github is not null)
            {
                var campaign = await reviews.CreateAsync(github.Id, DemoReviewOwner, "Sample: Q3 access review of the GitHub organisation", AccessReviewService.TriggerScheduled, DemoNames.Caller, cancellationToken);
                var revoke = campaign.Items.Where(i => !i.Privileged).OrderBy(i => i.Role == "outside-collaborator" ? 0 : 1).ThenBy(i => i.Login, StringComparer.Ordinal).FirstOrDefault();
                foreach (var item in campaign.Items)
                {
                    await reviews.DecideAsync(campaign, item.Id, item == revoke ? AccessDecision.Revoke : AccessDecision.Keep, null,
                        item == revoke ? "Sample: the contract ended in August" : "Sample: still needs this access for their role",
                        "engineering-lead@acme-outfitters.example", cancellationToken);
                }

                await reviews.SignOffAsync(campaign, DemoReviewOwner, null, cancellationToken);

                // Sample history: the review happened five weeks ago, so the revocation is well past its 7-day SLA.
                campaign.CreatedAt = now.AddDays(-40);
                campaign.DueAt = now.AddDays(-26);
                campaign.SignedOffAt = now.AddDays(-36);
                foreach (var item in campaign.Items)
                {
                    item.DecidedAt = now.AddDays(-38);
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            if (magento is not null)
            {
                var campaign = await reviews.CreateAsync(magento.Id, "it@acme-outfitters.example", "Sample: access review of the B2B admin panel", AccessReviewService.TriggerManual, DemoNames.Caller, cancellationToken);
                foreach (var item in campaign.Items.OrderBy(i => i.Login, StringComparer.Ordinal).Take(campaign.Items.Count / 2))
                {
                    await reviews.DecideAsync(campaign, item.Id, AccessDecision.Keep, null, "Sample: daily order handling", "it@acme-outfitters.example", cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is AccessReviewRuleException or AccessReviewConflictException)
        {
            // The sample reviews need collected accounts; without them the check says so, which is also a true demo.
            logger.LogWarning("Sample access reviews were not created: {Reason}", ex.Message);
        }

        await services.GetRequiredService<IRegisterCollection>().CollectAsync(SystemKinds.AccessReviewRegister, AccessReviewRegister.TriggerAfterChange, cancellationToken);
    }
}
