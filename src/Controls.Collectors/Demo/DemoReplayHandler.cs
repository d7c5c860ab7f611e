using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Controls.Collectors.Demo;

/// <summary>
/// Answers the demo organisation's GitHub traffic from the recording, including conditional requests (304 on a
/// matching If-None-Match), so the demo exercises the real collector, cache and evaluation code unchanged.
/// A request the recording lacks gets GitHub's 404 body and a warning in the log.
/// </summary>
public sealed class DemoReplayHandler(DemoRecording recording, ILogger logger) : HttpMessageHandler
{
    private int _misses;

    public int Misses => Volatile.Read(ref _misses);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var uri = request.RequestUri!;
        if (!recording.TryFind(request.Method.Method, uri.AbsolutePath, uri.Query, out var recorded, out var body))
        {
            Interlocked.Increment(ref _misses);
            logger.LogWarning("The demo recording has no response for {Method} {Path}{Query}", request.Method, uri.AbsolutePath, uri.Query);
            return Task.FromResult(Json(request, HttpStatusCode.NotFound, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}", new Dictionary<string, string>()));
        }

        var etag = recorded.Headers.GetValueOrDefault("ETag");
        if (etag is not null && request.Headers.IfNoneMatch.Any(t => t.ToString() == etag))
        {
            var notModified = new HttpResponseMessage(HttpStatusCode.NotModified) { RequestMessage = request, Content = new ByteArrayContent([]) };
            AddHeaders(notModified, recorded.Headers);
            return Task.FromResult(notModified);
        }

        return Task.FromResult(Json(request, (HttpStatusCode)recorded.Status, body, recorded.Headers));
    }

    private static HttpResponseMessage Json(HttpRequestMessage request, HttpStatusCode status, string body, IReadOnlyDictionary<string, string> headers)
    {
        var response = new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        AddHeaders(response, headers);
        return response;
    }

    private static void AddHeaders(HttpResponseMessage response, IReadOnlyDictionary<string, string> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }
}
