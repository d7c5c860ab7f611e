using System.Globalization;
using System.Net;
using Controls.Compliance.Collection;
using Microsoft.Extensions.Logging;

namespace Controls.Collectors.GitHub.Http;

/// <summary>
/// Outermost handler of a run's GitHub traffic. It ties every request to the run's cancellation (Octokit's calls
/// take no token), stops the whole run on 401 (a revoked or wrong token will not get better by retrying), and
/// honours GitHub's rate limits: an exhausted primary limit (403/429 with X-RateLimit-Remaining: 0) is waited
/// out until X-RateLimit-Reset, a secondary limit for its Retry-After — but only up to
/// <see cref="GitHubOptions.MaxRateLimitWait"/>; beyond that the run is aborted with the reset time, never hung.
/// </summary>
public sealed class GitHubGuardHandler(
    TimeProvider time,
    TimeSpan maxWait,
    string systemDescription,
    string credentialDescription,
    ILogger logger,
    CancellationToken runCancellation) : DelegatingHandler
{
    /// <summary>A request that is rate limited again right after a wait is not retried forever.</summary>
    private const int MaxWaitsPerRequest = 3;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, runCancellation);
        for (var attempt = 0; ; attempt++)
        {
            var response = await base.SendAsync(request, linked.Token);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var message = await ReadMessageAsync(response, linked.Token);
                response.Dispose();

                // The token is deliberately not named by value: only where it is configured.
                throw new CollectionAbortedException(
                    $"GitHub rejected the token (401{(message is null ? string.Empty : " " + message)}) while reading {systemDescription}. " +
                    $"The token configured as {credentialDescription} is wrong, expired or revoked: replace it and collect again.");
            }

            if (RateLimitWait(response) is not { } wait)
            {
                return response;
            }

            var limit = Describe(response);
            response.Dispose();
            if (wait > maxWait || attempt >= MaxWaitsPerRequest)
            {
                var resumeAt = time.GetUtcNow() + wait;
                throw new CollectionAbortedException(
                    $"GitHub's API rate limit is exhausted for {systemDescription} ({limit}); requests are allowed again at {resumeAt:yyyy-MM-dd HH:mm:ss} UTC, " +
                    (attempt >= MaxWaitsPerRequest
                        ? $"and the request was still limited after {attempt} waits."
                        : $"{FormatWait(wait)} from now, longer than the configured maximum wait of {FormatWait(maxWait)} (Controls:GitHub:MaxRateLimitWait).") +
                    " The run stopped here; the next run continues, answered largely by 304s that do not count against the limit.");
            }

            logger.LogWarning("GitHub rate limit reached for {System} ({Limit}); waiting {Wait} before retrying {Path}", systemDescription, limit, wait, request.RequestUri?.AbsolutePath);
            await Task.Delay(wait, time, linked.Token);
        }
    }

    /// <summary>How long GitHub asks us to wait, or null when the response is not a rate-limit response.</summary>
    private TimeSpan? RateLimitWait(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        // Secondary (abuse) limits come with Retry-After and take precedence.
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter.Date is { } date)
            {
                var until = date - time.GetUtcNow();
                return until < TimeSpan.Zero ? TimeSpan.Zero : until;
            }
        }

        if (Header(response, "X-RateLimit-Remaining") == "0"
            && long.TryParse(Header(response, "X-RateLimit-Reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var resetEpoch))
        {
            // One extra second: the reset is given in whole seconds and clocks drift.
            var until = DateTimeOffset.FromUnixTimeSeconds(resetEpoch) - time.GetUtcNow() + TimeSpan.FromSeconds(1);
            return until < TimeSpan.Zero ? TimeSpan.Zero : until;
        }

        // GitHub documents waiting at least a minute on a secondary limit without Retry-After.
        return response.StatusCode == HttpStatusCode.TooManyRequests ? TimeSpan.FromMinutes(1) : null;
    }

    private static string Describe(HttpResponseMessage response)
    {
        var resource = Header(response, "X-RateLimit-Resource") ?? "core";
        var remaining = Header(response, "X-RateLimit-Remaining");
        var limit = Header(response, "X-RateLimit-Limit");
        return remaining is null || limit is null
            ? $"HTTP {(int)response.StatusCode}, secondary rate limit"
            : $"HTTP {(int)response.StatusCode}, {resource}: {remaining} of {limit} requests left";
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string FormatWait(TimeSpan wait) =>
        wait.TotalMinutes >= 2 ? $"{wait.TotalMinutes:0} minutes" : $"{Math.Ceiling(wait.TotalSeconds):0} seconds";

    /// <summary>GitHub's own one-line reason ("Bad credentials"), bounded, so nothing else from the body is echoed.</summary>
    private static async Task<string?> ReadMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var document = System.Text.Json.JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 and < 120 } text ? text : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or HttpRequestException or InvalidOperationException)
        {
            return null;
        }
    }
}
