using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Controls.Collectors.Demo;

// The demo's systems besides GitHub (DemoSystems.Additional), kept apart from the GitHub seeding so each platform's
// demo data can change without touching the other's.
public sealed partial class DemoWorkspaceSeeder
{
    private async Task EnsureAdditionalSystemsAsync(ControlsDbContext db, int workspaceId, CancellationToken cancellationToken)
    {
        foreach (var demo in DemoSystems.Additional)
        {
            if (!await db.Systems.AnyAsync(s => s.Kind == demo.Kind && s.Name == demo.Name, cancellationToken))
            {
                db.Systems.Add(new ConnectedSystem
                {
                    WorkspaceId = workspaceId,
                    Kind = demo.Kind,
                    Name = demo.Name,
                    DisplayName = demo.DisplayName,
                    BaseUrl = demo.BaseUrl,
                    CredentialName = demo.CredentialName,
                    Schedule = DefaultSchedules.For(demo.Kind),
                    CreatedAt = time.GetUtcNow().UtcDateTime,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Collects each additional demo system that never was; true when any was collected now.</summary>
    private async Task<bool> CollectAdditionalSystemsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ControlsDbContext>();
        var collected = false;
        foreach (var demo in DemoSystems.Additional)
        {
            var system = await db.Systems.AsNoTracking().SingleAsync(s => s.Kind == demo.Kind && s.Name == demo.Name, cancellationToken);
            if (await db.CollectionRuns.AnyAsync(r => r.SystemId == system.Id, cancellationToken))
            {
                continue;
            }

            var run = await services.GetRequiredService<CollectionRunner>().RunAsync(system.Id, "demo", cancellationToken);
            logger.LogInformation("Demo {Kind} system {Name} collected: run {RunId} {Outcome}", demo.Kind, demo.Name, run.Id, run.Outcome);
            collected = true;
        }

        return collected;
    }
}
