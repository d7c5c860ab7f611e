using Controls.Compliance.Collection;

namespace Controls.Collectors.Tests.Scheduling;

/// <summary>
/// A collector for a platform kind that exists only in these tests. The scheduler is what is under test, so the
/// collector just records one observation — or does whatever a test sets <see cref="Behaviour"/> to.
/// </summary>
public sealed class FakePlatformCollector : ICollector
{
    public const string Kind = "test-platform";

    private int _calls;

    public string SystemKind => Kind;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Runs after the call is counted; receives the 1-based call number.</summary>
    public Func<int, CollectionContext, CancellationToken, Task> Behaviour { get; set; } = (_, context, _) =>
    {
        context.Record("test.state", context.System.Name, new { healthy = true });
        return Task.CompletedTask;
    };

    public Task CollectAsync(CollectionContext context, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        context.RequestCount++;
        return Behaviour(call, context, cancellationToken);
    }
}
