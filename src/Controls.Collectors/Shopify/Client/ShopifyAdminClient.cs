using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Controls.Compliance.Collection;

namespace Controls.Collectors.Shopify.Client;

/// <summary>
/// A small Admin GraphQL client over HttpClient: one POST per query to /admin/api/{version}/graphql.json, cursor
/// paging, cost-based throttling against a per-shop <see cref="ShopifyCostBucket"/>, THROTTLED as HTTP 200 or
/// 429, bounded retries of 5xx. The access token is only ever put in the X-Shopify-Access-Token header.
/// </summary>
public sealed class ShopifyAdminClient : IShopifyAdminClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _shop;
    private readonly string _token;
    private readonly ShopifyCostBucket _bucket;
    private readonly ShopifyOptions _options;
    private readonly TimeProvider _time;

    // Requested cost last seen per query, the estimate for its next page (Shopify prices a page by `first`, not by what came back).
    private readonly Dictionary<string, double> _lastRequestedCost = new(StringComparer.Ordinal);

    public ShopifyAdminClient(HttpClient http, Uri apiBase, string shop, string token, ShopifyCostBucket bucket, ShopifyOptions options, TimeProvider time)
    {
        _http = http;
        _endpoint = new Uri(apiBase, $"admin/api/{options.ApiVersion}/graphql.json");
        _shop = shop;
        _token = token;
        _bucket = bucket;
        _options = options;
        _time = time;
    }

    public ShopifyClientStats Stats { get; } = new();

    public async Task<ShopNode> GetShopAsync(CancellationToken cancellationToken)
    {
        var data = await ExecuteAsync("shop", ShopifyQueries.Shop, new JsonObject(), cancellationToken);
        return Read<ShopNode>(data, "shop");
    }

    public Task<IReadOnlyList<StaffMemberNode>> GetStaffMembersAsync(CancellationToken cancellationToken) =>
        AllAsync<StaffMemberNode>("staffMembers", ShopifyQueries.StaffMembers, null, cancellationToken);

    public Task<IReadOnlyList<AppInstallationNode>> GetAppInstallationsAsync(CancellationToken cancellationToken) =>
        AllAsync<AppInstallationNode>("appInstallations", ShopifyQueries.AppInstallations, null, cancellationToken);

    public async Task<AppInstallationNode> GetCurrentAppInstallationAsync(CancellationToken cancellationToken)
    {
        var data = await ExecuteAsync("currentAppInstallation", ShopifyQueries.CurrentAppInstallation, new JsonObject(), cancellationToken);
        return Read<AppInstallationNode>(data, "currentAppInstallation");
    }

    public Task<IReadOnlyList<WebhookSubscriptionNode>> GetWebhookSubscriptionsAsync(CancellationToken cancellationToken) =>
        AllAsync<WebhookSubscriptionNode>("webhookSubscriptions", ShopifyQueries.WebhookSubscriptions, null, cancellationToken);

    public IAsyncEnumerable<IReadOnlyList<EventNode>> GetEventPagesAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        PagesAsync<EventNode>("events", ShopifyQueries.Events, "created_at:>=" + since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), cancellationToken);

    private async Task<IReadOnlyList<T>> AllAsync<T>(string field, string query, string? search, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        await foreach (var page in PagesAsync<T>(field, query, search, cancellationToken))
        {
            all.AddRange(page);
        }

        return all;
    }

    private async IAsyncEnumerable<IReadOnlyList<T>> PagesAsync<T>(string field, string query, string? search, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var variables = new JsonObject { ["first"] = _options.PageSize, ["after"] = after };
            if (search is not null)
            {
                variables["query"] = search;
            }

            var data = await ExecuteAsync(field, query, variables, cancellationToken);
            var page = Read<ConnectionNode<T>>(data, field);
            yield return page.Nodes;
            if (!page.PageInfo.HasNextPage)
            {
                yield break;
            }

            if (string.IsNullOrEmpty(page.PageInfo.EndCursor) || page.PageInfo.EndCursor == after)
            {
                // A cursor that does not move would page forever.
                throw new ShopifyQueryException(new CollectionFailure($"Shopify reported more {field} but returned no new cursor; paging stopped"));
            }

            after = page.PageInfo.EndCursor;
        }
    }

    private T Read<T>(JsonElement data, string field)
    {
        try
        {
            if (!data.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                throw new ShopifyQueryException(new CollectionFailure($"Shopify returned no `{field}` for {_shop}"));
            }

            return value.Deserialize<T>(Json) ?? throw new JsonException($"`{field}` is empty");
        }
        catch (JsonException ex)
        {
            throw new ShopifyQueryException(new CollectionFailure($"Shopify returned a `{field}` this client cannot read", null, ShopifyFailures.Trim(ex.Message)), ex);
        }
    }

    /// <summary>Runs one query until it succeeds, waiting for the bucket and on THROTTLED, retrying 5xx; returns <c>data</c>.</summary>
    private async Task<JsonElement> ExecuteAsync(string field, string query, JsonObject variables, CancellationToken cancellationToken)
    {
        var throttled = 0;
        var serverErrors = 0;
        while (true)
        {
            // Before the first answer of a query, Shopify's own rule of thumb for a connection: about one point a node, plus the query.
            var estimate = _lastRequestedCost.TryGetValue(field, out var learned) ? learned : variables.ContainsKey("first") ? _options.PageSize + 2 : 1;
            await WaitAsync(_bucket.DelayFor(estimate), cancellationToken);

            var outcome = await SendAsync(field, query, variables, cancellationToken);
            switch (outcome)
            {
                case Answer.Data data:
                    return data.Value;
                case Answer.Throttled t:
                    Stats.CountThrottled();
                    if (++throttled > _options.MaxThrottleRetries)
                    {
                        throw new ShopifyQueryException(new CollectionFailure(
                            $"Shopify kept throttling the `{field}` query for {_shop} after {_options.MaxThrottleRetries} waits", t.Status));
                    }

                    await WaitAsync(t.Wait, cancellationToken);
                    break;
                case Answer.ServerError e:
                    if (++serverErrors > _options.MaxRetries)
                    {
                        throw new ShopifyQueryException(e.Failure);
                    }

                    await WaitAsync(_options.RetryBaseDelay * Math.Pow(2, serverErrors - 1), cancellationToken);
                    break;
            }
        }
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        if (delay > _options.MaxThrottleWait)
        {
            delay = _options.MaxThrottleWait;
        }

        Stats.CountWait(delay);
        await Task.Delay(delay, _time, cancellationToken);
    }

    private async Task<Answer> SendAsync(string field, string query, JsonObject variables, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables.DeepClone() }),
        };
        request.Headers.TryAddWithoutValidation("X-Shopify-Access-Token", _token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        string body;
        try
        {
            Stats.CountRequest();
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            body = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Answer.ServerError(new CollectionFailure($"Shopify did not answer the `{field}` query within {_options.RequestTimeout.TotalSeconds:0} seconds"));
        }
        catch (HttpRequestException ex)
        {
            return new Answer.ServerError(new CollectionFailure($"Could not reach Shopify for {_shop} after {_options.MaxRetries} retries: {ShopifyFailures.Trim(ex.Message)}"));
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new ShopifyUnauthorizedException(
                    $"Shopify rejected the access token (401 Unauthorized) for {_shop}: {ShopifyFailures.Trim(ErrorText(body)) ?? "invalid API key or access token"}");
            }

            if (status >= 500)
            {
                return new Answer.ServerError(new CollectionFailure(
                    $"Shopify kept failing with HTTP {status} ({response.StatusCode}) on the `{field}` query after {_options.MaxRetries} retries", status, ShopifyFailures.Trim(ErrorText(body))));
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException ex)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    return new Answer.Throttled(RetryAfter(response) ?? TimeSpan.FromSeconds(1), status);
                }

                if (status >= 400)
                {
                    throw new ShopifyQueryException(new CollectionFailure(
                        $"Shopify answered the `{field}` query for {_shop} with HTTP {status} ({response.StatusCode})", status, ShopifyFailures.Trim(body)), ex);
                }

                throw new ShopifyQueryException(new CollectionFailure(
                    $"Shopify returned a response to the `{field}` query that is not valid JSON (truncated or malformed)", null, ShopifyFailures.Trim(ex.Message)), ex);
            }

            using (document)
            {
                var root = document.RootElement;
                var cost = ReadCost(root);
                if (cost is not null)
                {
                    _bucket.Observe(cost);
                    Stats.CountCost(cost);
                    _lastRequestedCost[field] = cost.RequestedQueryCost;
                }

                var codes = ErrorCodes(root);
                if (response.StatusCode == HttpStatusCode.TooManyRequests || codes.Contains("THROTTLED"))
                {
                    return new Answer.Throttled(ThrottleWait(response, cost), status);
                }

                if (codes.Contains("ACCESS_DENIED"))
                {
                    throw new ShopifyAccessDeniedException(new CollectionFailure(
                        $"Shopify denied the `{field}` query for {_shop} (ACCESS_DENIED): the app lacks the access scope it needs", status, ShopifyFailures.Trim(ErrorText(body))));
                }

                if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("errors", out _) || status >= 400)
                {
                    throw new ShopifyQueryException(new CollectionFailure(
                        $"Shopify answered the `{field}` query for {_shop} with an error", status, ShopifyFailures.Trim(ErrorText(body))));
                }

                if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                {
                    throw new ShopifyQueryException(new CollectionFailure($"Shopify answered the `{field}` query for {_shop} without data", status));
                }

                return new Answer.Data(data.Clone());
            }
        }
    }

    private TimeSpan ThrottleWait(HttpResponseMessage response, ShopifyQueryCost? cost)
    {
        if (RetryAfter(response) is { } retryAfter)
        {
            return retryAfter;
        }

        // Refill time for the requested cost; at least a moment so a bucket read a bit stale does not spin.
        if (cost is { RestoreRate: > 0 })
        {
            var deficit = Math.Min(cost.RequestedQueryCost, cost.MaximumAvailable) - cost.CurrentlyAvailable;
            return TimeSpan.FromSeconds(Math.Max(deficit / cost.RestoreRate, 0.05));
        }

        return TimeSpan.FromSeconds(1);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > _time.GetUtcNow() ? date - _time.GetUtcNow() : TimeSpan.Zero,
            _ => null,
        };

    private static ShopifyQueryCost? ReadCost(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("extensions", out var extensions)
            || extensions.ValueKind != JsonValueKind.Object
            || !extensions.TryGetProperty("cost", out var cost)
            || cost.ValueKind != JsonValueKind.Object
            || !cost.TryGetProperty("throttleStatus", out var status))
        {
            return null;
        }

        // Shopify sends these as integers or as floats depending on the field and version: read all as double.
        static double Number(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

        double? actual = cost.TryGetProperty("actualQueryCost", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDouble() : null;
        return new ShopifyQueryCost(
            Number(cost, "requestedQueryCost"), actual, Number(status, "maximumAvailable"), Number(status, "currentlyAvailable"), Number(status, "restoreRate"));
    }

    private static HashSet<string> ErrorCodes(JsonElement root)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in errors.EnumerateArray())
            {
                if (error.ValueKind == JsonValueKind.Object
                    && error.TryGetProperty("extensions", out var ext) && ext.ValueKind == JsonValueKind.Object
                    && ext.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
                {
                    codes.Add(code.GetString()!);
                }
            }
        }

        return codes;
    }

    /// <summary>The human text of an error body: errors[].message, or the plain string REST-style 401s carry.</summary>
    private static string? ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("errors", out var errors))
            {
                return errors.ValueKind switch
                {
                    JsonValueKind.String => errors.GetString(),
                    JsonValueKind.Array => string.Join("; ", errors.EnumerateArray()
                        .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m) ? m.ToString() : e.ToString())),
                    _ => errors.ToString(),
                };
            }

            return null;
        }
        catch (JsonException)
        {
            return body.Length == 0 ? null : body;
        }
    }

    private abstract record Answer
    {
        public sealed record Data(JsonElement Value) : Answer;

        public sealed record Throttled(TimeSpan Wait, int Status) : Answer;

        public sealed record ServerError(CollectionFailure Failure) : Answer;
    }
}
