using Controls.Benchmarks;

// Console harness rather than BenchmarkDotNet: one cold collection of 1,000 repositories takes seconds and
// sends thousands of requests, which BenchmarkDotNet's many-iteration design would multiply for no gain.
// Figures are recorded in the issue notes.
var what = args.Length > 0 ? args[0] : "all";
if (what is "training")
{
    // BenchmarkDotNet: one import is long enough to time on its own; the remaining arguments go to its runner.
    BenchmarkDotNet.Running.BenchmarkRunner.Run<TrainingImportBenchmark>(args: args[1..]);
    return;
}

var scale = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
if (what is "collection" or "all")
{
    await CollectionBenchmark.RunAsync(repositories: scale, rounds: 3);
}

if (what is "evaluation" or "all")
{
    await EvaluationBenchmark.RunAsync(systems: scale, rounds: 3);
}

if (what is "shopify")
{
    await ShopifyBenchmark.RunAsync();
}
