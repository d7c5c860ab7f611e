using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Controls.Testing.FakeMagento;

public sealed record FakeMagentoRequest(string Method, string StoreCode, string Route, string Query, int Status, bool HadBearer);

public sealed class FakeMagentoRequestLog
{
    private readonly ConcurrentQueue<FakeMagentoRequest> _requests = new();

    public IReadOnlyList<FakeMagentoRequest> All => [.. _requests];

    public void Add(FakeMagentoRequest request) => _requests.Enqueue(request);
}

/// <summary>Faults to inject: 5xx answers, 429 with Retry-After, a truncated body on one route.</summary>
public sealed class FakeMagentoFaults
{
    private int _serverErrors;
    private int _throttles;

    /// <summary>Only this route fails when set (e.g. "customers/search"); every route otherwise.</summary>
    public string? ServerErrorRoute { get; set; }

    public string? TruncateRoute { get; set; }

    public int RetryAfterSeconds { get; set; } = 1;

    public void ServerErrors(int count) => _serverErrors = count;

    public void Throttle(int count) => _throttles = count;

    internal bool TakeServerError(string route) =>
        (ServerErrorRoute is null || ServerErrorRoute == route) && Interlocked.Decrement(ref _serverErrors) >= 0;

    internal bool TakeThrottle() => Interlocked.Decrement(ref _throttles) >= 0;
}

/// <summary>
/// A loopback Magento 2.4 REST API (Kestrel on 127.0.0.1, a free port) serving <see cref="FakeMagentoState"/> at
/// /rest/{store}/V1/… and /rest/V1/…: admin and 2FA token endpoints (the OTP is checked with its own RFC 6238
/// implementation), bearer checks, 401 "isn't authorized to access %resources." per denied ACL resource, the
/// search endpoint's habit of serving the last page again past the end, 429 with Retry-After, 5xx, truncated bodies
/// and a request log.
/// </summary>
public sealed partial class FakeMagentoServer : IAsyncDisposable
{
    public const string NotAuthorizedMessage = "The consumer isn't authorized to access %resources.";

    private static readonly Dictionary<string, string> Resources = new(StringComparer.Ordinal)
    {
        ["modules"] = "Magento_Backend::admin",
        ["store/storeConfigs"] = "Magento_Backend::stores",
        ["store/websites"] = "Magento_Backend::stores",
        ["tfa/forced-providers"] = "Magento_TwoFactorAuth::tfa",
        ["customers/search"] = "Magento_Customer::customer",
    };

    private LoopbackHost _host = null!;
    private readonly TimeProvider _time;

    private FakeMagentoServer(FakeMagentoState state, TimeProvider time)
    {
        State = state;
        _time = time;
    }

    public FakeMagentoState State { get; }

    public FakeMagentoFaults Faults { get; } = new();

    public FakeMagentoRequestLog Requests { get; } = new();

    /// <summary>What a ConnectedSystem's BaseUrl is set to ("http://127.0.0.1:port/").</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeMagentoServer> StartAsync(FakeMagentoState state, TimeProvider? time = null)
    {
        var server = new FakeMagentoServer(state, time ?? TimeProvider.System);
        server._host = await LoopbackHost.StartAsync(server.HandleAsync);
        server.BaseUrl = server._host.BaseUrl;
        return server;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var match = RestPath().Match(request.Path.Value ?? string.Empty);
        var query = request.QueryString.Value ?? string.Empty;
        var hadBearer = request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal);
        if (!match.Success)
        {
            await WriteAsync(http, new FakeMagentoRequest(request.Method, "?", request.Path.Value ?? string.Empty, query, 404, hadBearer), Error("Request does not match any route."));
            return;
        }

        var store = match.Groups["store"].Success ? match.Groups["store"].Value : string.Empty;
        var route = match.Groups["route"].Value;
        FakeMagentoRequest Log(int status) => new(request.Method, store, route, query, status, hadBearer);

        if (Faults.TakeServerError(route))
        {
            await WriteAsync(http, Log(503), "<html><body><h1>503 Service Unavailable</h1></body></html>", "text/html");
            return;
        }

        if (Faults.TakeThrottle())
        {
            http.Response.Headers.RetryAfter = Faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await WriteAsync(http, Log(429), Error("Too many requests."));
            return;
        }

        if (request.Method == "POST" && route is "integration/admin/token" or "tfa/provider/google/authenticate")
        {
            await IssueTokenAsync(http, route, Log);
            return;
        }

        if (request.Method != "GET" || !Resources.TryGetValue(route, out var resource)
            || (route == "tfa/forced-providers" && !State.Modules.Contains("Magento_TwoFactorAuth")))
        {
            await WriteAsync(http, Log(404), Error("Request does not match any route."));
            return;
        }

        var token = request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        var valid = token is not null && ((token == State.IntegrationToken && !State.IntegrationTokenRevoked) || State.IssuedAdminTokens.Contains(token));

        // Magento treats an unknown token as a guest and answers exactly like a missing ACL resource.
        if (!valid || State.DeniedResources.Contains(resource))
        {
            await WriteAsync(http, Log(401), new JsonObject { ["message"] = NotAuthorizedMessage, ["parameters"] = new JsonObject { ["resources"] = resource } }.ToJsonString());
            return;
        }

        var body = route switch
        {
            "modules" => new JsonArray([.. State.Modules.Select(m => (JsonNode)JsonValue.Create(m))]).ToJsonString(),
            "store/storeConfigs" => new JsonArray([.. State.StoreViews.Select(v => (JsonNode)StoreConfig(v))]).ToJsonString(),
            "store/websites" => new JsonArray([.. State.Websites.Select(w => (JsonNode)new JsonObject
            {
                ["id"] = w.Id, ["code"] = w.Code, ["name"] = w.Name, ["default_group_id"] = w.DefaultGroupId,
            })]).ToJsonString(),
            "tfa/forced-providers" => new JsonArray([.. State.ForcedProviders.Select(p => (JsonNode)new JsonObject
            {
                ["enabled"] = true, ["engine"] = new JsonObject(), ["code"] = p.Code, ["name"] = p.Name, ["icon"] = $"Magento_TwoFactorAuth::images/providers/{p.Code}.png",
                ["reset_allowed"] = true, ["configure_action"] = $"tfa/{p.Code}/configure", ["auth_action"] = $"tfa/{p.Code}/auth", ["extra_actions"] = new JsonArray(),
            })]).ToJsonString(),
            _ => CustomerSearch(request.Query),
        };

        if (Faults.TruncateRoute == route)
        {
            body = body[..(body.Length / 2)];
        }

        await WriteAsync(http, Log(200), body);
    }

    private async Task IssueTokenAsync(HttpContext http, string route, Func<int, FakeMagentoRequest> log)
    {
        JsonObject body;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            body = JsonNode.Parse(await reader.ReadToEndAsync()) as JsonObject ?? [];
        }

        var username = body["username"]?.GetValue<string>();
        var password = body["password"]?.GetValue<string>();
        if (username != State.AdminUser || password != State.AdminPassword)
        {
            await WriteAsync(http, log(401), Error("The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later."));
            return;
        }

        if (route == "integration/admin/token" && State.RequireTwoFactorForTokens)
        {
            await WriteAsync(http, log(401), Error("Please use the 2fa provider-specific endpoints to obtain a token."));
            return;
        }

        if (route == "tfa/provider/google/authenticate" && !OtpIsValid(body["otp"]?.GetValue<string>()))
        {
            await WriteAsync(http, log(401), Error("Invalid code."));
            return;
        }

        var token = "admintoken" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        State.IssuedAdminTokens.Add(token);
        await WriteAsync(http, log(200), JsonValue.Create(token).ToJsonString());
    }

    /// <summary>RFC 6238 over the base32 secret, accepting the current and the previous 30-second step (Google's window).</summary>
    private bool OtpIsValid(string? otp)
    {
        if (otp is null)
        {
            return false;
        }

        var key = Base32(State.TotpSecret);
        var step = _time.GetUtcNow().ToUnixTimeSeconds() / 30;
        return new[] { step, step - 1 }.Any(s => Hotp(key, s) == otp);
    }

    private static string Hotp(byte[] key, long counter)
    {
        var message = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
#pragma warning disable CA5350 // RFC 6238 is defined over HMAC-SHA1.
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[19] & 0xf;
        var code = ((hash[offset] & 0x7f) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3]) % 1_000_000;
        return code.ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        var bits = string.Concat(text.TrimEnd('=').ToUpperInvariant()
            .Select(c => Convert.ToString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        return [.. Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2))];
    }

    private static JsonObject StoreConfig(FakeStoreView v) => new()
    {
        ["id"] = v.Id, ["code"] = v.Code, ["website_id"] = v.WebsiteId, ["locale"] = v.Locale,
        ["base_currency_code"] = v.Currency, ["default_display_currency_code"] = v.Currency, ["timezone"] = v.Timezone, ["weight_unit"] = "kgs",
        ["base_url"] = v.BaseUrl, ["base_link_url"] = v.BaseUrl, ["base_static_url"] = v.BaseUrl + "static/", ["base_media_url"] = v.BaseUrl + "media/",
        ["secure_base_url"] = v.SecureBaseUrl, ["secure_base_link_url"] = v.SecureBaseUrl,
        ["secure_base_static_url"] = v.SecureBaseUrl + "static/", ["secure_base_media_url"] = v.SecureBaseUrl + "media/",
    };

    /// <summary>
    /// searchCriteria[pageSize]/[currentPage] over customers sorted by id. Like Magento, a page past the end answers the
    /// last page again rather than an empty list.
    /// </summary>
    private string CustomerSearch(IQueryCollection query)
    {
        var pageSize = int.TryParse(query["searchCriteria[pageSize]"], CultureInfo.InvariantCulture, out var size) && size > 0 ? size : State.Customers.Count;
        var currentPage = int.TryParse(query["searchCriteria[currentPage]"], CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1;
        var customers = State.Customers.OrderBy(c => c.Id).ToList();
        var lastPage = Math.Max(1, (int)Math.Ceiling(customers.Count / (double)Math.Max(pageSize, 1)));
        var served = Math.Min(currentPage, lastPage);
        var items = customers.Skip((served - 1) * pageSize).Take(pageSize).Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id, ["group_id"] = c.GroupId, ["default_billing"] = "1",
            ["created_at"] = c.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["updated_at"] = c.UpdatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["created_in"] = "Default Store View", ["email"] = c.Email, ["firstname"] = c.FirstName, ["lastname"] = c.LastName, ["gender"] = 0,
            ["store_id"] = 1, ["website_id"] = c.WebsiteId, ["addresses"] = new JsonArray(), ["disable_auto_group_change"] = 0,
            ["extension_attributes"] = new JsonObject { ["is_subscribed"] = false },
        });
        return new JsonObject
        {
            ["items"] = new JsonArray([.. items]),
            ["search_criteria"] = new JsonObject
            {
                ["filter_groups"] = new JsonArray(),
                ["sort_orders"] = new JsonArray(new JsonObject { ["field"] = "entity_id", ["direction"] = "ASC" }),
                ["page_size"] = pageSize,
                ["current_page"] = currentPage,
            },
            ["total_count"] = State.TotalCountOverride ?? customers.Count,
        }.ToJsonString();
    }

    private static string Error(string message) => new JsonObject { ["message"] = message }.ToJsonString();

    private async Task WriteAsync(HttpContext http, FakeMagentoRequest logged, string body, string contentType = "application/json; charset=utf-8")
    {
        Requests.Add(logged);
        http.Response.StatusCode = logged.Status;
        http.Response.ContentType = contentType;
        await http.Response.WriteAsync(body);
    }

    [GeneratedRegex(@"^/rest/(?:(?<store>[a-z][a-z0-9_]*)/)?V1/(?<route>.+)$")]
    private static partial Regex RestPath();
}
