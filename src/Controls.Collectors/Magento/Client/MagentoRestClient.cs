using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Controls.Compliance.Collection;

namespace Controls.Collectors.Magento.Client;

/// <summary>
/// A small Magento REST client over HttpClient: <c>{BaseUrl}/rest/{store}/V1/…</c>, bearer token in the
/// Authorization header only, 429 waited out (Retry-After, bounded), 5xx and network errors retried with back-off,
/// Magento's <c>{"message","parameters"}</c> errors rendered into the failure. Every message built from platform text
/// is scrubbed of the credential's secrets.
/// </summary>
public sealed class MagentoRestClient : IMagentoRestClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly Uri _apiBase;
    private readonly string _instance;
    private readonly MagentoCredential _credential;
    private readonly MagentoOptions _options;
    private readonly TimeProvider _time;
    private string? _token;

    public MagentoRestClient(HttpClient http, Uri baseUrl, string instance, MagentoCredential credential, MagentoOptions options, TimeProvider time)
    {
        _http = http;
        _apiBase = new Uri(baseUrl, string.IsNullOrEmpty(options.StoreCode) ? "rest/V1/" : $"rest/{options.StoreCode}/V1/");
        _instance = instance;
        _credential = credential;
        _options = options;
        _time = time;
        _token = credential.Kind == MagentoCredentialKind.Bearer ? credential.Token : null;
    }

    public MagentoClientStats Stats { get; } = new();

    public async Task AuthenticateAsync(CancellationToken cancellationToken)
    {
        if (_credential.Kind == MagentoCredentialKind.Bearer)
        {
            return;
        }

        string path;
        JsonObject body;
        if (_credential.Kind == MagentoCredentialKind.Admin)
        {
            path = "integration/admin/token";
            body = new JsonObject { ["username"] = _credential.Username, ["password"] = _credential.Password };
        }
        else
        {
            path = "tfa/provider/google/authenticate";
            body = new JsonObject
            {
                ["username"] = _credential.Username,
                ["password"] = _credential.Password,
                ["otp"] = Totp.Compute(_credential.TotpSecret!, _time.GetUtcNow()),
            };
        }

        string text;
        try
        {
            text = await SendAsync(HttpMethod.Post, path, body, authenticated: false, cancellationToken);
        }
        catch (MagentoAccessDeniedException ex)
        {
            throw new MagentoUnauthorizedException(
                $"Magento refused the admin credentials of user '{_credential.Username}' at POST /V1/{path} for {_instance} ({ex.Failure.HttpStatus}): {ex.Failure.Detail ?? ex.Failure.Reason}");
        }
        catch (MagentoRequestException ex)
        {
            throw new MagentoUnauthorizedException($"Could not obtain an admin token from POST /V1/{path} for {_instance}: {ex.Failure.Reason}");
        }

        string? token = null;
        try
        {
            token = JsonSerializer.Deserialize<string>(text);
        }
        catch (JsonException)
        {
            // Handled below: a token endpoint must answer a JSON string.
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            throw new MagentoUnauthorizedException($"POST /V1/{path} for {_instance} did not answer a token (expected a JSON string)");
        }

        _token = token;
    }

    public async Task<IReadOnlyList<string>> GetModulesAsync(CancellationToken cancellationToken) =>
        Read<List<string>>("modules", await GetAsync("modules", cancellationToken));

    public async Task<IReadOnlyList<MagentoStoreConfig>> GetStoreConfigsAsync(CancellationToken cancellationToken) =>
        Read<List<MagentoStoreConfig>>("store/storeConfigs", await GetAsync("store/storeConfigs", cancellationToken));

    public async Task<IReadOnlyList<MagentoWebsite>> GetWebsitesAsync(CancellationToken cancellationToken) =>
        Read<List<MagentoWebsite>>("store/websites", await GetAsync("store/websites", cancellationToken));

    public async Task<IReadOnlyList<MagentoTfaProvider>> GetForcedTfaProvidersAsync(CancellationToken cancellationToken) =>
        Read<List<MagentoTfaProvider>>("tfa/forced-providers", await GetAsync("tfa/forced-providers", cancellationToken));

    public async IAsyncEnumerable<MagentoCustomerPage> GetCustomerPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        HashSet<int>? previous = null;
        for (var page = 1; ; page++)
        {
            // Sorted by entity_id so pages do not overlap while customers are added during the read.
            var path = "customers/search?" + string.Join('&',
                $"searchCriteria[pageSize]={_options.PageSize.ToString(CultureInfo.InvariantCulture)}",
                $"searchCriteria[currentPage]={page.ToString(CultureInfo.InvariantCulture)}",
                "searchCriteria[sortOrders][0][field]=entity_id",
                "searchCriteria[sortOrders][0][direction]=ASC");
            var result = Read<MagentoSearchResult<MagentoCustomer>>("customers/search", await GetAsync(path, cancellationToken));
            var items = result.Items ?? [];
            var ids = items.Select(c => c.Id).ToHashSet();

            // Past the end Magento serves the last page again instead of an empty one: a page equal to the previous is not new.
            if (previous is not null && ids.Count > 0 && ids.SetEquals(previous))
            {
                yield return new MagentoCustomerPage([], result.TotalCount, page, StoppedOnRepeat: true);
                yield break;
            }

            yield return new MagentoCustomerPage(items, result.TotalCount, page, StoppedOnRepeat: false);
            if (items.Count == 0 || (long)page * _options.PageSize >= result.TotalCount)
            {
                yield break;
            }

            previous = ids;
        }
    }

    private Task<string> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, authenticated: true, cancellationToken);

    private T Read<T>(string route, string body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json) ?? throw new JsonException("empty body");
        }
        catch (JsonException ex)
        {
            throw new MagentoRequestException(new CollectionFailure(
                $"Magento returned a response to GET /V1/{route} that is not valid JSON (truncated or malformed) or not the expected shape", null, Scrub(MagentoFailures.Trim(ex.Message))), ex);
        }
    }

    /// <summary>Sends one request until it succeeds, waiting out 429 and retrying 5xx and network errors; returns the body.</summary>
    private async Task<string> SendAsync(HttpMethod method, string path, JsonObject? body, bool authenticated, CancellationToken cancellationToken)
    {
        var route = path.Split('?')[0];
        var throttled = 0;
        var failures = 0;
        while (true)
        {
            var outcome = await SendOnceAsync(method, path, route, body, authenticated, cancellationToken);
            switch (outcome)
            {
                case Answer.Body ok:
                    return ok.Text;
                case Answer.Throttled t:
                    if (++throttled > _options.MaxThrottleRetries)
                    {
                        throw new MagentoRequestException(new CollectionFailure(
                            $"Magento kept answering 429 Too Many Requests on {method} /V1/{route} for {_instance} after {_options.MaxThrottleRetries} waits", 429));
                    }

                    Stats.CountRetry();
                    await WaitAsync(t.Wait > _options.MaxRetryAfter ? _options.MaxRetryAfter : t.Wait, cancellationToken);
                    break;
                case Answer.Transient e:
                    if (++failures > _options.MaxRetries)
                    {
                        throw new MagentoRequestException(e.Failure);
                    }

                    Stats.CountRetry();
                    await WaitAsync(_options.RetryBaseDelay * Math.Pow(2, failures - 1), cancellationToken);
                    break;
            }
        }
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    private async Task<Answer> SendOnceAsync(HttpMethod method, string path, string route, JsonObject? body, bool authenticated, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_apiBase, path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body.DeepClone());
        }

        if (authenticated && _token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        string text;
        try
        {
            Stats.CountRequest();
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Answer.Transient(new CollectionFailure(
                $"Magento did not answer {method} /V1/{route} for {_instance} within {_options.RequestTimeout.TotalSeconds:0} seconds, {_options.MaxRetries} retries"));
        }
        catch (HttpRequestException ex)
        {
            return new Answer.Transient(new CollectionFailure(
                $"Could not reach Magento at {_instance} for {method} /V1/{route} after {_options.MaxRetries} retries: {Scrub(MagentoFailures.Trim(ex.Message))}"));
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new Answer.Body(text);
            }

            var message = Scrub(MagentoFailures.Trim(ErrorMessage(text)));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return new Answer.Throttled(RetryAfter(response) ?? TimeSpan.FromSeconds(1));
            }

            if (status >= 500)
            {
                return new Answer.Transient(new CollectionFailure(
                    $"Magento kept failing with HTTP {status} ({response.StatusCode}) on {method} /V1/{route} for {_instance} after {_options.MaxRetries} retries", status, message));
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new MagentoAccessDeniedException(new CollectionFailure(
                    $"Magento refused {method} /V1/{route} for {_instance} (HTTP {status}): the integration or admin role lacks the ACL resource, or the token is not accepted",
                    status, message));
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new MagentoRequestException(new CollectionFailure(
                    $"Magento has no route {method} /V1/{route} for {_instance} (HTTP 404): the module serving it is disabled or the store code is wrong", status, message));
            }

            throw new MagentoRequestException(new CollectionFailure(
                $"Magento answered {method} /V1/{route} for {_instance} with HTTP {status} ({response.StatusCode})", status, message));
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > _time.GetUtcNow() ? date - _time.GetUtcNow() : TimeSpan.Zero,
            _ => null,
        };

    /// <summary>Magento's error text with its %placeholders filled from <c>parameters</c> (object by name, array by %1, %2…).</summary>
    internal static string? ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("message", out var m) || m.ValueKind != JsonValueKind.String)
            {
                return body.Length == 0 ? null : body;
            }

            var message = m.GetString()!;
            if (root.TryGetProperty("parameters", out var parameters))
            {
                if (parameters.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in parameters.EnumerateObject())
                    {
                        message = message.Replace("%" + p.Name, p.Value.ToString(), StringComparison.Ordinal);
                    }
                }
                else if (parameters.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var p in parameters.EnumerateArray())
                    {
                        message = message.Replace("%" + (++i).ToString(CultureInfo.InvariantCulture), p.ToString(), StringComparison.Ordinal);
                    }
                }
            }

            return message;
        }
        catch (JsonException)
        {
            return body.Length == 0 ? null : body;
        }
    }

    private string? Scrub(string? text)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var secret in _credential.Secrets.Append(_token ?? string.Empty).Where(s => s.Length >= 4))
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }

    private abstract record Answer
    {
        public sealed record Body(string Text) : Answer;

        public sealed record Throttled(TimeSpan Wait) : Answer;

        public sealed record Transient(CollectionFailure Failure) : Answer;
    }
}
