namespace Controls.Collectors.GitHub.Http;

/// <summary>Requests one run put on the wire, and how many GitHub answered 304 Not Modified. Thread-safe.</summary>
public sealed class RequestCounter
{
    private int _requests;
    private int _notModified;

    public int Requests => Volatile.Read(ref _requests);

    public int NotModified => Volatile.Read(ref _notModified);

    public void CountRequest() => Interlocked.Increment(ref _requests);

    public void CountNotModified() => Interlocked.Increment(ref _notModified);
}

/// <summary>
/// Innermost handler: counts every request actually sent (retries included) and every 304, so a run's
/// RequestCount and NotModifiedCount describe real traffic rather than logical calls.
/// </summary>
public sealed class RequestCountingHandler(RequestCounter counter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.CountRequest();
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotModified)
        {
            counter.CountNotModified();
        }

        return response;
    }
}
