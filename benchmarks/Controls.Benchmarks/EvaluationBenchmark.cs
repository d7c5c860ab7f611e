using System.Diagnostics;
using System.Globalization;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Testing.FakeGitHub;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Benchmarks;

/// <summary>
/// Full re-evaluation of a workspace with 1,000 GitHub systems. One system is collected through the real
/// collector; its evidence is appended, through the real ledger, to 999 more systems (identical content is
/// stored once, as in production). Then the whole workspace is evaluated: first pass (every result new),
/// then unchanged passes (every result confirmed).
/// </summary>
public static class EvaluationBenchmark
{
    public static async Task RunAsync(int systems, int rounds)
    {
        Console.WriteLine($"## Evaluation: {systems} GitHub systems, {rounds} unchanged passes");
        await using var github = await FakeGitHubServer.StartAsync(FakeOrganizations.Large(8));
        await using var host = await BenchmarkHost.StartAsync(FakeGitHubState.DefaultToken);
        var template = await host.AddGitHubSystemAsync(github.State.Organization.Login, github.BaseUrl.AbsoluteUri);
        var (run, _) = await host.CollectAsync(template);

        var seeding = Stopwatch.StartNew();
        await host.InScopeAsync(async (services, db) =>
        {
            var records = await db.EvidenceRecords.AsNoTracking().Where(r => r.RunId == run.Id).OrderBy(r => r.Sequence).ToListAsync();
            var shas = records.Select(r => r.ContentSha256).ToList();
            var contents = await db.EvidenceContents.AsNoTracking().Where(c => shas.Contains(c.Sha256)).ToDictionaryAsync(c => c.Sha256, c => c.Json);
            var items = records.Select(r => new PendingEvidence(r.Kind, r.Subject, r.Outcome, contents[r.ContentSha256])).ToList();
            var time = services.GetRequiredService<TimeProvider>();
            for (var i = 2; i <= systems; i++)
            {
                await using var scope = services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<Controls.Compliance.Workspaces.CallerContext>().Set(host.WorkspaceId, "benchmark");
                var scopedDb = scope.ServiceProvider.GetRequiredService<Controls.Compliance.Persistence.ControlsDbContext>();
                var system = new Controls.Compliance.Systems.ConnectedSystem
                {
                    WorkspaceId = host.WorkspaceId, Kind = "github", Name = $"acme-{i:D4}", BaseUrl = github.BaseUrl.AbsoluteUri, CredentialName = BenchmarkHost.CredentialName,
                };
                scopedDb.Systems.Add(system);
                var now = time.GetUtcNow().UtcDateTime;
                var copy = new CollectionRun { WorkspaceId = host.WorkspaceId, SystemId = 0, Trigger = "benchmark-seed", StartedAt = now, FinishedAt = now, Outcome = RunOutcome.Succeeded };
                await scopedDb.SaveChangesAsync();
                copy.SystemId = system.Id;
                scopedDb.CollectionRuns.Add(copy);
                await scopedDb.SaveChangesAsync();
                var (head, hash, _) = await scope.ServiceProvider.GetRequiredService<EvidenceLedger>().AppendAsync(host.WorkspaceId, system.Id, copy.Id, now, items, CancellationToken.None);
                copy.HeadSequence = head;
                copy.HeadHash = hash;
                copy.EvidenceCount = items.Count;
                await scopedDb.SaveChangesAsync();
            }

            return 0;
        });
        Console.WriteLine($"seeded {systems} systems × {run.EvidenceCount} evidence records in {seeding.Elapsed.TotalSeconds:0.0}s");

        var first = await TimeEvaluationAsync(host);
        var unchanged = new List<TimeSpan>();
        for (var i = 0; i < rounds; i++)
        {
            unchanged.Add(await TimeEvaluationAsync(host));
        }

        var (results, current) = await host.InScopeAsync(async (_, db) =>
            (await db.CheckEvaluations.CountAsync(), await db.CheckEvaluations.CountAsync(e => e.IsCurrent)));
        Console.WriteLine();
        Console.WriteLine("| pass | results (check × system) | wall time |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| first (all results new) | {current} | {first.TotalSeconds:0.00} s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| unchanged (mean of {rounds}) | {current} | {unchanged.Average(t => t.TotalSeconds):0.00} s (min {unchanged.Min(t => t.TotalSeconds):0.00} s) |"));
        Console.WriteLine($"evaluation history rows after {rounds + 1} passes: {results} (unchanged passes append nothing)");
    }

    private static async Task<TimeSpan> TimeEvaluationAsync(BenchmarkHost host)
    {
        var watch = Stopwatch.StartNew();
        await host.InScopeAsync(async (services, _) =>
        {
            await services.GetRequiredService<EvaluationService>().EvaluateWorkspaceAsync(CancellationToken.None);
            return 0;
        });
        return watch.Elapsed;
    }
}
