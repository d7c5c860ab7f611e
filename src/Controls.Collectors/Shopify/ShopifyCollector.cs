using Controls.Collectors.Shopify.Client;
using Controls.Collectors.Shopify.Evidence;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.Shopify;

/// <summary>
/// Collects a Shopify store (ConnectedSystem.Name is the shop handle or its myshopify domain): shop posture, staff,
/// installed apps and their scopes, webhook subscriptions and recent events. Each piece is one query, so a missing
/// scope fails exactly that evidence kind; a rejected token aborts the run.
/// </summary>
public sealed class ShopifyCollector(
    ShopifyAdminClientFactory clients,
    IOptions<ShopifyOptions> options,
    TimeProvider time,
    ControlsDbContext db,
    ILogger<ShopifyCollector> logger) : ICollector
{
    /// <summary>Shopify keeps events for one year; a platform fact, not a setting.</summary>
    public const int EventRetentionDays = 365;

    public string SystemKind => SystemKinds.Shopify;

    public async Task CollectAsync(CollectionContext context, CancellationToken cancellationToken)
    {
        var token = context.Credential?.Reveal();
        var replayed = clients.IsReplayed(context.System);
        if (replayed)
        {
            // Recorded responses need no token; the transport itself refuses any workspace that is not a demo.
            token = "replay";
        }

        if (string.IsNullOrEmpty(token))
        {
            throw new CollectionAbortedException(
                $"No access token is configured for Shopify store '{context.System.Name}' (Controls:Credentials:{context.System.CredentialName}).");
        }

        var isDemo = replayed && await db.Workspaces.AsNoTracking()
            .Where(w => w.Id == context.System.WorkspaceId)
            .Select(w => w.IsDemo)
            .SingleOrDefaultAsync(cancellationToken);
        var client = clients.Create(context.System, token, isDemo);
        var domain = ShopifyAdminClientFactory.ShopDomain(context.System);
        try
        {
            domain = await ReadAsync(ShopifyEvidenceKinds.Shop, domain, context, async ct =>
            {
                var shop = await client.GetShopAsync(ct);
                var evidence = new ShopEvidence(
                    shop.Id, shop.Name, shop.MyshopifyDomain, shop.Plan?.PublicDisplayName, shop.Plan?.ShopifyPlus ?? false,
                    shop.Plan?.PartnerDevelopment ?? false, shop.CustomerAccountsV2?.CustomerAccountsVersion, shop.CustomerAccountsV2?.LoginRequiredAtCheckout);
                context.Record(ShopifyEvidenceKinds.Shop, shop.MyshopifyDomain, evidence);
                return shop.MyshopifyDomain;
            }, cancellationToken) ?? domain;

            await ReadAsync(ShopifyEvidenceKinds.StaffMembers, domain, context, async ct =>
            {
                var staff = await client.GetStaffMembersAsync(ct);
                context.Record(ShopifyEvidenceKinds.StaffMembers, domain, new StaffMembersEvidence(domain,
                    staff.Select(s => new StaffMemberEvidence(s.Id, s.Name, s.Email, s.AccountType, s.Active, s.IsShopOwner)).OrderBy(s => s.Id, StringComparer.Ordinal).ToList()));
                return domain;
            }, cancellationToken);

            var apps = await ReadAsync(ShopifyEvidenceKinds.AppInstallations, domain, context, async ct =>
            {
                var installations = await client.GetAppInstallationsAsync(ct);
                context.Record(ShopifyEvidenceKinds.AppInstallations, domain,
                    new AppInstallationsEvidence(domain, installations.Select(ToEvidence).OrderBy(a => a.Id, StringComparer.Ordinal).ToList()));
                return domain;
            }, cancellationToken);
            if (apps is null)
            {
                // Without read_apps only our own installation is visible: record it so the inventory is not blank,
                // while the app-approval check stays Error on the failed full list.
                await ReadAsync(ShopifyEvidenceKinds.CurrentAppInstallation, domain, context, async ct =>
                {
                    context.Record(ShopifyEvidenceKinds.CurrentAppInstallation, domain, ToEvidence(await client.GetCurrentAppInstallationAsync(ct)));
                    return domain;
                }, cancellationToken);
            }

            await ReadAsync(ShopifyEvidenceKinds.WebhookSubscriptions, domain, context, async ct =>
            {
                var subscriptions = await client.GetWebhookSubscriptionsAsync(ct);
                context.Record(ShopifyEvidenceKinds.WebhookSubscriptions, domain, new WebhookSubscriptionsEvidence(domain,
                    subscriptions.Select(w => new WebhookSubscriptionEvidence(w.Id, w.Topic, w.Uri, w.Format, w.ApiVersion?.Handle)).OrderBy(w => w.Id, StringComparer.Ordinal).ToList()));
                return domain;
            }, cancellationToken);

            await ReadAsync(ShopifyEvidenceKinds.Events, domain, context, async ct =>
            {
                context.Record(ShopifyEvidenceKinds.Events, domain, await ReadEventsAsync(client, domain, ct));
                return domain;
            }, cancellationToken);
        }
        catch (ShopifyUnauthorizedException ex)
        {
            throw new CollectionAbortedException(
                $"{ex.Message}. The token configured as Controls:Credentials:{context.System.CredentialName} is wrong, expired or the app was uninstalled: replace it and collect again.");
        }
        finally
        {
            // Counted even when the run aborts: the requests were made and the bucket spent.
            context.RequestCount += client.Stats.Requests;
            logger.LogInformation(
                "Shopify {Shop}: {Requests} requests, query cost {Requested} requested / {Actual} actual, {Throttled} throttled, waited {Waited} in {Waits} waits",
                domain, client.Stats.Requests, client.Stats.RequestedCost, client.Stats.ActualCost, client.Stats.ThrottledResponses, client.Stats.BucketWaited, client.Stats.BucketWaits);
        }
    }

    private async Task<EventsEvidence> ReadEventsAsync(IShopifyAdminClient client, string domain, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var since = time.GetUtcNow() - settings.EventWindow;
        int total = 0, staff = 0, apps = 0, unattributed = 0, critical = 0, pages = 0;
        var truncated = false;
        var sample = new List<EventSampleEvidence>();
        await foreach (var page in client.GetEventPagesAsync(since, cancellationToken))
        {
            foreach (var e in page)
            {
                total++;
                staff += e.AttributeToUser ? 1 : 0;
                apps += e.AttributeToApp ? 1 : 0;
                unattributed += e.AttributeToUser || e.AttributeToApp ? 0 : 1;
                critical += e.CriticalAlert ? 1 : 0;
                if (sample.Count < settings.EventSampleSize && (e.AttributeToUser || e.AttributeToApp))
                {
                    sample.Add(new EventSampleEvidence(e.Id, e.CreatedAt, e.Action, ShopifyFailures.Trim(e.Message), e.AttributeToUser, e.AttributeToApp, e.AppTitle, e.CriticalAlert));
                }
            }

            if (++pages >= settings.MaxEventPages)
            {
                truncated = true;
                break;
            }
        }

        return new EventsEvidence(domain, since, (int)Math.Round(settings.EventWindow.TotalDays), EventRetentionDays, total, staff, apps, unattributed, critical, truncated, sample);
    }

    private static AppInstallationEvidence ToEvidence(AppInstallationNode node) =>
        new(node.Id, node.App.Title, node.App.Handle, node.App.DeveloperName,
            node.AccessScopes.Select(s => s.Handle).Order(StringComparer.Ordinal).ToList());

    /// <summary>Runs one read; a failure of that read is recorded against its kind and the run goes on.</summary>
    private async Task<string?> ReadAsync(string kind, string domain, CollectionContext context, Func<CancellationToken, Task<string>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read(cancellationToken);
        }
        catch (ShopifyQueryException ex)
        {
            logger.LogWarning("Shopify {Shop}: {Kind} not collected: {Reason}", domain, kind, ex.Failure.Reason);
            context.RecordFailure(kind, domain, ex.Failure);
            return null;
        }
    }
}
