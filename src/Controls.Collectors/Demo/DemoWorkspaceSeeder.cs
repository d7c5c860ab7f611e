using Controls.Collectors.ThirdParty;
using Controls.Compliance.Attestations;
using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.ThirdParty;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.Demo;

/// <summary>The demo workspace and its GitHub system, as the seeder left them.</summary>
public sealed record DemoWorkspaceInfo(int WorkspaceId, int SystemId, bool CollectedNow);

/// <summary>
/// Ensures the clearly labelled demo workspace ("demo", IsDemo) with its GitHub system "acme-outfitters", whose
/// traffic the replay transport answers from recorded responses. Collects it once if it never was, through
/// the ordinary <see cref="CollectionRunner"/>, so the demo shows exactly what a real organisation would.
/// </summary>
public sealed partial class DemoWorkspaceSeeder(IServiceScopeFactory scopes, TimeProvider time, ILogger<DemoWorkspaceSeeder> logger)
{
    /// <summary>
    /// The demo's vendor register: Slack, Vercel, Klaviyo and Gorgias are approved vendors of sample installations;
    /// Vercel's assessment is overdue, Gorgias reads customer data without a signed DPA, and PixelForge (a GitHub App
    /// and a Shopify app) is in no vendor's match rules — realistic gaps for the third-party checks.
    /// </summary>
    public static IReadOnlyList<VendorInput> DemoVendors(DateOnly today) =>
    [
        new("Slack", Approved: true, RiskTier.Medium, "it@acme-outfitters.example", DpaSigned: true,
            today.AddDays(-90), today.AddDays(275), "Sample vendor: chat notifications from pull requests.", ["slack"]),
        new("Vercel", Approved: true, RiskTier.High, "platform@acme-outfitters.example", DpaSigned: true,
            today.AddDays(-400), today.AddDays(-35), "Sample vendor: preview deployments of the storefront. Assessment overdue.", ["vercel"]),
        new("Klaviyo", Approved: true, RiskTier.High, "crm@acme-outfitters.example", DpaSigned: true,
            today.AddDays(-120), today.AddDays(245), "Sample vendor: e-mail and SMS marketing with customer profiles.", ["klaviyo-email-marketing"]),
        new("Gorgias", Approved: true, RiskTier.Medium, "support@acme-outfitters.example", DpaSigned: false,
            today.AddDays(-200), today.AddDays(165), "Sample vendor: customer support helpdesk. DPA still in legal review.", ["gorgias"]),
        new("Amasty", Approved: true, RiskTier.High, "ecommerce@acme-outfitters.example", DpaSigned: true,
            today.AddDays(-150), today.AddDays(215), "Sample vendor: Magento extensions (promotions, returns) on the wholesale shop.", ["Amasty"]),
        new("PayPal", Approved: true, RiskTier.High, "finance@acme-outfitters.example", DpaSigned: true,
            today.AddDays(-60), today.AddDays(305), "Sample vendor: Braintree card payments on the wholesale shop.", ["PayPal"]),
        new("ShipStation", Approved: true, RiskTier.Medium, "ops@acme-outfitters.example", DpaSigned: true,
            today.AddDays(-90), today.AddDays(275), "Sample vendor: shipping labels from wholesale orders (Magento integration).", ["ShipStation"]),
    ];

    public async Task<DemoWorkspaceInfo> EnsureAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var workspace = await services.GetRequiredService<WorkspaceDirectory>()
            .EnsureAsync(DemoNames.WorkspaceSlug, DemoNames.WorkspaceName, isDemo: true, cancellationToken);
        if (!workspace.IsDemo)
        {
            // Someone created a real workspace with the demo's slug: never put sample data into it.
            throw new InvalidOperationException($"Workspace '{DemoNames.WorkspaceSlug}' exists and is not a demo workspace; the demo was not seeded.");
        }

        services.GetRequiredService<CallerContext>().Set(workspace.Id, DemoNames.Caller);
        var db = services.GetRequiredService<ControlsDbContext>();
        var system = await db.Systems.FirstOrDefaultAsync(s => s.Kind == SystemKinds.GitHub && s.Name == DemoNames.GitHubOrganization, cancellationToken);
        if (system is null)
        {
            system = new ConnectedSystem
            {
                WorkspaceId = workspace.Id,
                Kind = SystemKinds.GitHub,
                Name = DemoNames.GitHubOrganization,
                DisplayName = "Acme Outfitters (sample GitHub organisation)",
                BaseUrl = DemoNames.GitHubBaseUrl,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            db.Systems.Add(system);
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var input in DemoVendors(DateOnly.FromDateTime(now)))
            {
                var vendor = new Vendor { WorkspaceId = workspace.Id, Name = input.Name, CreatedAt = now };
                input.ApplyTo(vendor, now);
                db.Vendors.Add(vendor);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await EnsureAdditionalSystemsAsync(db, workspace.Id, cancellationToken);
        return new DemoWorkspaceInfo(workspace.Id, system.Id, CollectedNow: false);
    }

    /// <summary>Seeds, then runs the first collection if the demo system has never been collected.</summary>
    public async Task<DemoWorkspaceInfo> EnsureCollectedAsync(CancellationToken cancellationToken)
    {
        var info = await EnsureAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<CallerContext>().Set(info.WorkspaceId, DemoNames.Caller);
        var db = services.GetRequiredService<ControlsDbContext>();
        var collectedOthers = await CollectAdditionalSystemsAsync(services, cancellationToken);
        await DeclareSampleIncidentAsync(services, cancellationToken);
        await SeedReadinessAsync(services, cancellationToken);
        await SeedTrainingAsync(services, info.WorkspaceId, cancellationToken);
        if (await db.CollectionRuns.AnyAsync(r => r.SystemId == info.SystemId, cancellationToken))
        {
            await SeedAccessReviewsAsync(services, cancellationToken);
            return info with { CollectedNow = collectedOthers };
        }

        await AttestSamplesAsync(services, cancellationToken);

        var run = await services.GetRequiredService<CollectionRunner>().RunAsync(info.SystemId, "demo", cancellationToken);
        logger.LogInformation("Demo workspace collected: run {RunId} {Outcome}", run.Id, run.Outcome);
        await SeedAccessReviewsAsync(services, cancellationToken);
        return info with { CollectedNow = true };
    }

    private async Task AttestSamplesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ControlsDbContext>();
        if (await db.Attestations.AnyAsync(cancellationToken))
        {
            return;
        }

        var catalog = services.GetRequiredService<ControlCatalog>();
        var recorder = services.GetRequiredService<AttestationRecorder>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (checkId, title, owner) in DemoAttestations.Current)
        {
            await RecordAsync(checkId, title, owner, validUntil: null);
        }

        await RecordAsync(DemoAttestations.Expired.CheckId, DemoAttestations.Expired.Title, DemoAttestations.Expired.Owner, validUntil: now.AddDays(-12));

        async Task RecordAsync(string checkId, string title, string owner, DateTime? validUntil)
        {
            var check = catalog.FindCheck(checkId) ?? throw new InvalidOperationException($"Demo attests '{checkId}', which the catalog does not define.");
            var text = $"SAMPLE DOCUMENT — demo workspace only.\n{title}\nOwner: {owner}\nThis file stands in for the real evidence a team would upload.\n";
            var upload = new AttestationUpload(title, owner, validUntil, $"{checkId}.txt", "text/plain", System.Text.Encoding.UTF8.GetBytes(text));
            await recorder.RecordAsync(check, upload, cancellationToken);
        }
    }
}

/// <summary>
/// The sample documents the demo "uploaded": enough that some requirements pass on attested plus live evidence,
/// one that has expired (shown as needing evidence, not as passing), and most left missing — a realistic
/// picture of a team six months before its first audit.
/// </summary>
public static class DemoAttestations
{
    public static readonly (string CheckId, string Title, string Owner)[] Current =
    [
        ("attested.policy-set-approved", "Information security policy set v2.3 (sample)", "ciso@acme-outfitters.example"),
        ("attested.roles-and-segregation-of-duties", "Security roles and RACI (sample)", "ciso@acme-outfitters.example"),
        ("attested.risk-assessment", "2026 risk register and treatment plan (sample)", "ciso@acme-outfitters.example"),
        ("attested.asset-inventory-and-classification", "Asset inventory export (sample)", "it@acme-outfitters.example"),
        ("attested.employee-policy-acknowledgements", "Policy acknowledgements Q3 (sample)", "people@acme-outfitters.example"),
        ("attested.security-awareness-training", "Awareness training completion report (sample)", "people@acme-outfitters.example"),
        ("attested.cryptography-and-key-management", "Cryptography standard (sample)", "platform@acme-outfitters.example"),
        ("attested.backup-restore-test", "Restore test of the order database (sample)", "platform@acme-outfitters.example"),
        ("attested.incident-response-plan", "Incident response plan v1.4 (sample)", "ciso@acme-outfitters.example"),
        ("attested.legal-regulatory-register", "Legal and regulatory register (sample)", "legal@acme-outfitters.example"),
        ("attested.privacy-program-current", "Privacy programme review (sample)", "dpo@acme-outfitters.example"),
        ("attested.physical-office-security", "Office access control review (sample)", "facilities@acme-outfitters.example"),
    ];

    public static readonly (string CheckId, string Title, string Owner) Expired =
        ("attested.penetration-test", "External penetration test 2025 (sample)", "ciso@acme-outfitters.example");
}

/// <summary>
/// Seeds the demo at start (after ControlsStartup, which is registered first and has migrated the database). The
/// workspace exists before the host serves requests; the first collection runs in the background.
/// </summary>
public sealed class DemoStartupService(DemoWorkspaceSeeder seeder, IOptions<DemoOptions> options, ILogger<DemoStartupService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The background first collection (completed when there was nothing to do); tests await it.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await seeder.EnsureAsync(cancellationToken);
        Completion = Task.Run(() => CollectAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Completion.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task CollectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await seeder.EnsureCollectedAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host stopped first; the next start collects.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The demo workspace could not be collected");
        }
    }
}
