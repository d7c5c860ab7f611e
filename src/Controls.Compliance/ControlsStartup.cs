using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Controls.Compliance;

/// <summary>
/// Runs before anything else is served: loads and validates the catalog (refusing to start on an invalid
/// one), checks that every automated check has evaluation code, migrates the database, upserts the catalog,
/// and closes runs a previous process left half-finished.
/// </summary>
public sealed class ControlsStartup(IServiceProvider services, TimeProvider time, ILogger<ControlsStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<ControlCatalog>();
        var problems = services.GetRequiredService<CheckEvaluatorRegistry>().Validate(catalog);
        if (problems.Count > 0)
        {
            throw new CatalogValidationException(problems.Select(p => new CatalogError("control-catalog", 0, 0, p)).ToList());
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ControlsDbContext>();
        var dataSource = db.Database.GetDbConnection().DataSource;
        if (!string.IsNullOrEmpty(dataSource) && db.Database.IsSqlite())
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<CatalogSynchronizer>().SynchronizeAsync(cancellationToken);

        // Runs are not filtered here on purpose: recovery spans every workspace.
        var interrupted = await db.CollectionRuns.IgnoreQueryFilters()
            .Where(r => r.Outcome == RunOutcome.Running)
            .ToListAsync(cancellationToken);
        foreach (var run in interrupted)
        {
            run.Outcome = RunOutcome.Failed;
            run.FinishedAt = time.GetUtcNow().UtcDateTime;
            run.Error = "Interrupted: the host stopped before this run finished. Nothing it had collected was stored.";
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(
            "Control catalog loaded: {Frameworks} frameworks, {Requirements} requirements, {Checks} checks; {Interrupted} interrupted run(s) closed",
            catalog.Frameworks.Count, catalog.Requirements.Count(), catalog.Checks.Count, interrupted.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
