namespace Controls.Testing.FakeShopify;

/// <summary>
/// Shopify's leaky bucket as the fake runs it: a query runs only when the bucket holds its requested cost; the
/// difference to the actual cost is refunded; the bucket refills at RestoreRate points a second (real time).
/// </summary>
public sealed class FakeShopifyBucket(TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _available = double.NaN;
    private long _updatedAt = time.GetTimestamp();

    public double MaximumAvailable { get; set; } = 2000;

    public double RestoreRate { get; set; } = 100;

    /// <summary>Throttled answers are HTTP 429 rather than Shopify's usual 200 with errors[].extensions.code THROTTLED.</summary>
    public bool ThrottleAs429 { get; set; }

    /// <summary>Sum of requested and actual costs of queries that ran.</summary>
    public double TotalRequested { get; private set; }

    public double TotalActual { get; private set; }

    public int Throttled { get; private set; }

    /// <summary>Takes the requested cost if the bucket holds it; returns whether the query may run and the bucket level after.</summary>
    public (bool Allowed, double Available) TryTake(double requested)
    {
        lock (_gate)
        {
            Refill();
            if (_available < requested)
            {
                Throttled++;
                return (false, _available);
            }

            _available -= requested;
            TotalRequested += requested;
            return (true, _available);
        }
    }

    public double Refund(double requested, double actual)
    {
        lock (_gate)
        {
            _available = Math.Min(MaximumAvailable, _available + (requested - actual));
            TotalActual += actual;
            return _available;
        }
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        _available = double.IsNaN(_available)
            ? MaximumAvailable
            : Math.Min(MaximumAvailable, _available + (time.GetElapsedTime(_updatedAt, now).TotalSeconds * RestoreRate));
        _updatedAt = now;
    }
}

/// <summary>Faults to inject; each applies to the root field named (null: any query).</summary>
public sealed class FakeShopifyFaults
{
    private readonly Lock _gate = new();
    private int _serverErrors;
    private int _throttles;

    /// <summary>Answer the next <paramref name="count"/> queries THROTTLED whatever the bucket holds.</summary>
    public void Throttle(int count)
    {
        lock (_gate)
        {
            _throttles = count;
        }
    }

    internal bool TakeThrottle()
    {
        lock (_gate)
        {
            if (_throttles <= 0)
            {
                return false;
            }

            _throttles--;
            return true;
        }
    }

    /// <summary>Answer the next <paramref name="count"/> requests with 503 (int.MaxValue: a storm that never ends).</summary>
    public void ServerErrors(int count)
    {
        lock (_gate)
        {
            _serverErrors = count;
        }
    }

    public string? TruncateField { get; set; }

    internal bool TakeServerError()
    {
        lock (_gate)
        {
            if (_serverErrors <= 0)
            {
                return false;
            }

            if (_serverErrors != int.MaxValue)
            {
                _serverErrors--;
            }

            return true;
        }
    }
}

public sealed record FakeShopifyRequest(string Version, string Field, int Status, bool Throttled, string? After, int? First);

public sealed class FakeShopifyRequestLog
{
    private readonly Lock _gate = new();
    private readonly List<FakeShopifyRequest> _requests = [];

    public IReadOnlyList<FakeShopifyRequest> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    internal void Add(FakeShopifyRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }
}
