using Controls.Collectors.Readiness;
using Controls.Collectors.Registers;
using Controls.Compliance.Persistence;
using Controls.Compliance.Readiness;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Demo;

public sealed partial class DemoWorkspaceSeeder
{
    /// <summary>
    /// Sample incident-response readiness: playbooks for every surface but the employee portal (the product-catalog one
    /// overdue for review), a checkout exercise two months ago, an admin-surfaces exercise four months ago, and the last
    /// payment exercise seven months ago — past payment's half-year cadence — so /readiness and the readiness check show
    /// ready, partial and not-ready surfaces. Rows are written directly and the register collected once, instead of a
    /// collection per row.
    /// </summary>
    private async Task SeedReadinessAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ControlsDbContext>();
        if (await db.PlaybookAttestations.AnyAsync(cancellationToken) || await db.TabletopExercises.AnyAsync(cancellationToken))
        {
            return;
        }

        var workspaceId = services.GetRequiredService<ICallerContext>().WorkspaceId!.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        (string Surface, string Owner, int ReviewedDaysAgo)[] playbooks =
        [
            ("storefront", "web-lead@acme-outfitters.example", 120),
            ("checkout", "web-lead@acme-outfitters.example", 60),
            ("payment", "payments-lead@acme-outfitters.example", 200),
            ("product-catalog", "merch-lead@acme-outfitters.example", 430),
            ("customer-account", "support-lead@acme-outfitters.example", 90),
            ("tenant-admin", "ciso@acme-outfitters.example", 150),
            ("user-provisioning", "it-lead@acme-outfitters.example", 150),
            ("app-settings", "ciso@acme-outfitters.example", 150),
        ];
        foreach (var (surface, owner, daysAgo) in playbooks)
        {
            db.PlaybookAttestations.Add(new PlaybookAttestation
            {
                WorkspaceId = workspaceId,
                Surface = surface,
                Title = $"Sample: {surface} incident-response playbook",
                Owner = owner,
                Location = $"https://wiki.acme-outfitters.example/ir/{surface}",
                ReviewedOn = today.AddDays(-daysAgo),
                AttestedBy = DemoNames.Caller,
                AttestedAt = now,
            });
        }

        (string Scenario, string[] Surfaces, int HeldDaysAgo, string Outcome)[] tabletops =
        [
            ("Sample: card skimmer injected into the payment page", ["payment"], 210,
                "Acquirer contact list was out of date; payments lead keeps it in the playbook."),
            ("Sample: malicious script in the checkout theme", ["checkout", "storefront"], 60,
                "Theme changes now alert the on-call channel; rollback steps added to the checkout playbook."),
            ("Sample: stolen admin session installs a data-exfiltrating app", ["tenant-admin", "app-settings", "user-provisioning", "customer-account", "product-catalog"], 120,
                "App removal needs two people; the admin playbook lists who can revoke sessions on each platform."),
        ];
        foreach (var (scenario, surfaces, daysAgo, outcome) in tabletops)
        {
            db.TabletopExercises.Add(new TabletopExercise
            {
                WorkspaceId = workspaceId,
                Scenario = scenario,
                Surfaces = [.. surfaces],
                HeldOn = today.AddDays(-daysAgo),
                Facilitator = "ciso@acme-outfitters.example",
                Participants = ["web-lead@acme-outfitters.example", "payments-lead@acme-outfitters.example", "support-lead@acme-outfitters.example"],
                Outcome = outcome,
                RecordedBy = DemoNames.Caller,
                RecordedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await services.GetRequiredService<RegisterSystems>().CollectAsync(ReadinessRegisterSystem.System, DemoNames.Caller, cancellationToken);
    }
}
