using Controls.Collectors.Incidents;
using Controls.Collectors.Registers;
using Controls.Compliance.Incidents;
using Controls.Compliance.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Demo;

public sealed partial class DemoWorkspaceSeeder
{
    /// <summary>
    /// A sample incident three weeks old: card data and EU customers, every notification made on time except the
    /// Mastercard acquirer notice, made six hours late — so the incidents page and the notification check show
    /// both a tracked clock and a finding. California's 30-day clock is still running.
    /// </summary>
    private async Task DeclareSampleIncidentAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ControlsDbContext>();
        if (await db.Incidents.AnyAsync(cancellationToken))
        {
            return;
        }

        var incidents = services.GetRequiredService<IncidentService>();
        var now = time.GetUtcNow();
        var incident = await incidents.DeclareAsync(
            new IncidentDeclaration(
                "Sample: card-testing attack on checkout exposed customer e-mail addresses",
                ["checkout", "payment", "customer-account"],
                ["personal-data", "payment-card"],
                ["EU", "US-CA"],
                now.AddDays(-21),
                null,
                "ciso@acme-outfitters.example"),
            cancellationToken);

        // Earlier deadlines first: recording one can start the clock of the next (NIS2's final report).
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var notification in incident.Notifications.Where(n => n.DoneAt is null && n.DueAt is { } due && due <= now.UtcDateTime).OrderBy(n => n.DueAt).ToList())
            {
                var late = notification.RegimeId == "card-brand-mastercard";
                var doneAt = new DateTimeOffset(notification.DueAt!.Value, TimeSpan.Zero).AddHours(late ? 6 : -2);
                await incidents.RecordNotificationAsync(incident, notification.Id, doneAt, "dpo@acme-outfitters.example", $"Sample reference {notification.Key}", cancellationToken);
            }
        }

        await services.GetRequiredService<RegisterSystems>().CollectAsync(IncidentRegister.System, DemoNames.Caller, cancellationToken);
    }
}
