using System.Collections.Concurrent;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.Collection;
using Controls.Collectors.Tests.Magento.Database;
using Controls.Testing.FakeMagento;
using Controls.Testing.MariaDb;

namespace Controls.Collectors.Tests.Magento;

[Collection(MariaDbCollection.Name)]
public sealed class MagentoThrottlingTests(MagentoDatabaseFixture fixture) : IAsyncLifetime
{
    private readonly RecordingTimeProvider _time = new();
    private FakeMagentoServer _magento = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        var now = TestInstances.Now();
        await fixture.ResetAsync();
        await TestInstances.SeedAsync(fixture.Database, now);
        _magento = await FakeMagentoServer.StartAsync(TestInstances.Acme(now));
        _host = await MagentoTestHost.StartAsync(_magento, fixture.ReadOnlyConnectionString, time: _time,
            settings: new Dictionary<string, string?> { ["Controls:Magento:MaxRetryAfter"] = "00:00:30" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _magento.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Collect_When429_WaitsExactlyTheRetryAfterMagentoAsksFor()
    {
        _magento.Faults.RetryAfterSeconds = 7;
        _magento.Faults.Throttle(2);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(2, _time.Delays.Count(d => d == TimeSpan.FromSeconds(7)));
    }

    [Fact]
    public async Task Collect_When429AsksForTooLong_WaitsOnlyMaxRetryAfter()
    {
        _magento.Faults.RetryAfterSeconds = 600;
        _magento.Faults.Throttle(1);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Contains(TimeSpan.FromSeconds(30), _time.Delays);
        Assert.DoesNotContain(TimeSpan.FromSeconds(600), _time.Delays);
    }

    /// <summary>The system clock, but every timer fires at once and its requested due time is recorded: waits are asserted, not timed.</summary>
    private sealed class RecordingTimeProvider : TimeProvider
    {
        private readonly ConcurrentQueue<TimeSpan> _delays = new();

        public IReadOnlyList<TimeSpan> Delays => [.. _delays];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                _delays.Enqueue(dueTime);
                dueTime = TimeSpan.Zero;
            }

            return System.CreateTimer(callback, state, dueTime, period);
        }
    }
}
