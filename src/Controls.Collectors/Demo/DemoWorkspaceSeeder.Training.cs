using Controls.Collectors.Training;
using Controls.Compliance.Catalog;
using Controls.Compliance.People;
using Controls.Compliance.Persistence;
using Controls.Compliance.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Demo;

public sealed partial class DemoWorkspaceSeeder
{
    /// <summary>How a sample person stands with training: the gaps the training page and check should show.</summary>
    private enum DemoTraining
    {
        AllCurrent,
        AwarenessExpired,
        Never,
        Joiner,
        Left,
    }

    /// <summary>
    /// The people behind the demo's GitHub, Shopify and Magento accounts (tied by e-mail, or by login alias where the
    /// platform shows no e-mail) with completions leaving realistic gaps: GitHub admin Sam never trained, GitHub admin
    /// Lena's security awareness expired, Priya a joiner still in her grace period, Tom a leaver.
    /// </summary>
    private static readonly (string Name, string Email, string Team, string[] Roles, string[] Surfaces, string[] Aliases, DemoTraining Training)[] DemoPeople =
    [
        ("Maya Chen", "maya@acme-outfitters.example", "Engineering", ["engineering-leads", "it-admins", "store-admins", "management"], ["tenant-admin"], ["github:maya-chen", "magento:maya.chen"], DemoTraining.AllCurrent),
        ("Lena Fischer", "lena@acme-outfitters.example", "Engineering", ["engineering", "on-call"], ["pipeline"], ["github:lena-fischer"], DemoTraining.AwarenessExpired),
        ("Sam Okafor", "sam@acme-outfitters.example", "Engineering", ["engineering", "incident-commanders"], [], ["github:sam-okafor"], DemoTraining.Never),
        ("Lukas Brandt", "lukas@acme-outfitters.example", "Commerce", ["store-admins"], ["tenant-admin"], ["magento:lukas.brandt"], DemoTraining.AllCurrent),
        ("Jonas Weber", "jonas@acme-outfitters.example", "Commerce", ["ecommerce-managers"], ["product-catalog"], ["magento:jonas.weber"], DemoTraining.AllCurrent),
        ("Sara Klein", "sara@acme-outfitters.example", "Customer care", ["customer-support-leads"], ["customer-account"], ["magento:sara.klein"], DemoTraining.AllCurrent),
        ("Priya Raman", "priya@acme-outfitters.example", "Engineering", ["engineering"], ["checkout"], ["github:priya-raman"], DemoTraining.Joiner),
        ("Ana Souza", "ana@acme-outfitters.example", "Engineering", ["engineering"], ["storefront"], ["github:ana-souza"], DemoTraining.AllCurrent),
        ("Diego Alvarez", "diego@acme-outfitters.example", "Engineering", ["engineering", "on-call"], ["checkout", "payment"], ["github:diego-alvarez"], DemoTraining.AllCurrent),
        ("Kofi Mensah", "kofi@acme-outfitters.example", "Engineering", ["engineering"], [], ["github:kofi-mensah"], DemoTraining.AllCurrent),
        ("Tom Becker", "tom@acme-outfitters.example", "Engineering", ["engineering"], [], ["github:tom-becker"], DemoTraining.Left),
    ];

    private async Task SeedTrainingAsync(IServiceProvider services, int workspaceId, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ControlsDbContext>();
        if (await db.People.AnyAsync(cancellationToken))
        {
            return;
        }

        var modules = services.GetRequiredService<ControlCatalog>().TrainingModules;
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        foreach (var (name, email, team, roles, surfaces, aliases, training) in DemoPeople)
        {
            var entry = new PersonEntry
            {
                WorkspaceId = workspaceId,
                Key = email,
                Name = name,
                PrimaryEmail = email,
                Team = team,
                Roles = [.. roles],
                Surfaces = [.. surfaces],
                Aliases = [.. aliases],
                StartedOn = training == DemoTraining.Joiner ? today.AddDays(-10) : today.AddDays(-900),
                LeftOn = training == DemoTraining.Left ? today.AddDays(-60) : null,
                CreatedAt = now,
                UpdatedAt = now,
                UpdatedBy = DemoNames.Caller,
            };
            db.People.Add(entry);
            if (training is DemoTraining.Never or DemoTraining.Joiner)
            {
                continue;
            }

            foreach (var module in modules.Where(m => TrainingCoverage.IsAssigned(m, entry.ToPerson())))
            {
                var expired = training == DemoTraining.AwarenessExpired && module.Id == "security-awareness";
                db.TrainingCompletions.Add(new TrainingCompletionEntry
                {
                    WorkspaceId = workspaceId,
                    PersonKey = email,
                    ModuleId = module.Id,
                    CompletedOn = today.AddDays(expired ? -400 : training == DemoTraining.Left ? -500 : -60),
                    RecordedAt = now,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await services.GetRequiredService<TrainingRegisterService>().CollectAsync(cancellationToken);
    }
}
