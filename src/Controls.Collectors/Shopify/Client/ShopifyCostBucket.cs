using System.Collections.Concurrent;

namespace Controls.Collectors.Shopify.Client;

/// <summary>The cost fields of a GraphQL response's <c>extensions.cost</c>. actualQueryCost is null when throttled.</summary>
public sealed record ShopifyQueryCost(double RequestedQueryCost, double? ActualQueryCost, double MaximumAvailable, double CurrentlyAvailable, double RestoreRate);

/// <summary>
/// Our model of Shopify's leaky bucket for one shop (the bucket is per app and store): the last throttleStatus seen,
/// refilled at restoreRate since then. Shopify only runs a query when the bucket holds its *requested* cost, so
/// waiting here until it does is cheaper than sending a query that will come back THROTTLED. Thread-safe.
/// </summary>
public sealed class ShopifyCostBucket(TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _maximum = double.NaN;
    private double _available;
    private double _restoreRate;
    private long _observedAt;

    /// <summary>Total wait this bucket asked for (what throttling cost the runs).</summary>
    public TimeSpan TotalWaited { get; private set; }

    public int Waits { get; private set; }

    public void Observe(ShopifyQueryCost cost)
    {
        lock (_gate)
        {
            _maximum = cost.MaximumAvailable;
            _available = cost.CurrentlyAvailable;
            _restoreRate = cost.RestoreRate;
            _observedAt = time.GetTimestamp();
        }
    }

    /// <summary>How long to wait before a query requesting <paramref name="cost"/> points can run; zero when unknown or affordable.</summary>
    public TimeSpan DelayFor(double cost)
    {
        lock (_gate)
        {
            if (double.IsNaN(_maximum) || _restoreRate <= 0)
            {
                return TimeSpan.Zero;
            }

            // A small margin: Shopify rounds currentlyAvailable, and a query sent a hair too early comes back THROTTLED.
            var affordable = Math.Min(cost + 1, _maximum);
            var available = Math.Min(_maximum, _available + (time.GetElapsedTime(_observedAt).TotalSeconds * _restoreRate));
            if (available >= affordable)
            {
                return TimeSpan.Zero;
            }

            var delay = TimeSpan.FromSeconds((affordable - available) / _restoreRate);
            TotalWaited += delay;
            Waits++;
            return delay;
        }
    }
}

/// <summary>One bucket per shop, shared by every run in the process (scheduled and manual runs spend the same points).</summary>
public sealed class ShopifyCostBuckets(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ShopifyCostBucket> _buckets = new(StringComparer.OrdinalIgnoreCase);

    public ShopifyCostBucket For(string shop) => _buckets.GetOrAdd(shop, _ => new ShopifyCostBucket(time));
}
