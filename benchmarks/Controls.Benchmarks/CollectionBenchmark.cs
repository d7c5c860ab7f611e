using System.Globalization;
using Controls.Testing.FakeGitHub;

namespace Controls.Benchmarks;

/// <summary>
/// Cold collection of a 1,000-repository organisation against re-collection of the same, unchanged organisation
/// (answered by 304s from the conditional-request cache). Reports HTTP requests and wall time.
/// </summary>
public static class CollectionBenchmark
{
    public static async Task RunAsync(int repositories, int rounds)
    {
        Console.WriteLine($"## Collection: fake GitHub org with {repositories} repositories, {rounds} rounds");
        await using var github = await FakeGitHubServer.StartAsync(FakeOrganizations.Large(repositories));

        // The fake enforces GitHub's real 5,000/h quota; several cold rounds of a 1,000-repository org exceed it.
        github.Faults.RateLimitPerHour = 1_000_000;
        var cold = new List<Sample>();
        var warm = new List<Sample>();
        for (var round = 1; round <= rounds; round++)
        {
            await using var host = await BenchmarkHost.StartAsync(FakeGitHubState.DefaultToken);
            var systemId = await host.AddGitHubSystemAsync(github.State.Organization.Login, github.BaseUrl.AbsoluteUri);

            github.Requests.Clear();
            var (coldRun, coldTime) = await host.CollectAsync(systemId);
            cold.Add(new Sample(coldTime, github.Requests.Count, github.Requests.NotModifiedCount, coldRun.EvidenceCount, coldRun.NewContentCount, coldRun.Outcome.ToString()));

            github.Requests.Clear();
            var (warmRun, warmTime) = await host.CollectAsync(systemId);
            warm.Add(new Sample(warmTime, github.Requests.Count, github.Requests.NotModifiedCount, warmRun.EvidenceCount, warmRun.NewContentCount, warmRun.Outcome.ToString()));
            Console.WriteLine($"round {round}: cold {coldTime.TotalSeconds:0.00}s / {cold[^1].Requests} requests; unchanged {warmTime.TotalSeconds:0.00}s / {warm[^1].Requests} requests ({warm[^1].NotModified} × 304)");
        }

        Console.WriteLine();
        Console.WriteLine("| scenario | outcome | HTTP requests | 304 Not Modified | rate-limit cost | evidence records | new content | wall time mean | wall time min |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        Print("cold collection", cold);
        Print("re-collection, unchanged", warm);
        var ratio = cold.Average(s => s.Elapsed.TotalSeconds) / warm.Average(s => s.Elapsed.TotalSeconds);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Re-collection is {ratio:0.0}× faster than cold; it costs {warm[0].Requests - warm[0].NotModified} rate-limited requests against {cold[0].Requests} cold."));
    }

    private static void Print(string name, List<Sample> samples)
    {
        var first = samples[0];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {first.Outcome} | {first.Requests} | {first.NotModified} | {first.Requests - first.NotModified} | {first.Evidence} | {first.NewContent} | {samples.Average(s => s.Elapsed.TotalSeconds):0.00} s | {samples.Min(s => s.Elapsed.TotalSeconds):0.00} s |"));
    }

    private sealed record Sample(TimeSpan Elapsed, int Requests, int NotModified, int Evidence, int NewContent, string Outcome);
}
