using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Controls.Testing.FakeShopify;

/// <summary>
/// A loopback Shopify Admin GraphQL API (Kestrel on 127.0.0.1, a free port) serving <see cref="FakeShopifyState"/>:
/// POST /admin/api/{version}/graphql.json recognising the root field asked (shop, staffMembers, appInstallations,
/// currentAppInstallation, webhookSubscriptions, events) and its variables, cursor paging, extensions.cost with a
/// leaky bucket, THROTTLED as 200 or 429, ACCESS_DENIED for scopes not granted, 401, 5xx and truncated bodies.
/// </summary>
public sealed partial class FakeShopifyServer : IAsyncDisposable
{
    public const string InvalidTokenBody = "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}";

    private static readonly string[] Fields = ["staffMembers", "appInstallations", "currentAppInstallation", "webhookSubscriptions", "events", "shop"];

    private LoopbackHost _host = null!;

    private FakeShopifyServer(FakeShopifyState state, TimeProvider time)
    {
        State = state;
        Bucket = new FakeShopifyBucket(time);
    }

    public FakeShopifyState State { get; }

    public FakeShopifyBucket Bucket { get; }

    public FakeShopifyFaults Faults { get; } = new();

    public FakeShopifyRequestLog Requests { get; } = new();

    /// <summary>What a ConnectedSystem's BaseUrl is set to ("http://127.0.0.1:port/").</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeShopifyServer> StartAsync(FakeShopifyState state, TimeProvider? time = null)
    {
        var server = new FakeShopifyServer(state, time ?? TimeProvider.System);
        server._host = await LoopbackHost.StartAsync(server.HandleAsync);
        server.BaseUrl = server._host.BaseUrl;
        return server;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.Method != "POST" || !ApiPath().IsMatch(request.Path.Value ?? string.Empty))
        {
            await WriteAsync(http, 404, "{\"errors\":\"Not Found\"}");
            return;
        }

        var version = (request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries)[2];
        var token = request.Headers["X-Shopify-Access-Token"].ToString();
        if (token != State.Token || State.TokenRevoked)
        {
            Requests.Add(new FakeShopifyRequest(version, "?", 401, false, null, null));
            await WriteAsync(http, 401, InvalidTokenBody);
            return;
        }

        JsonObject body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = JsonNode.Parse(await reader.ReadToEndAsync()) as JsonObject ?? [];
        }

        var query = body["query"]?.GetValue<string>() ?? string.Empty;
        var variables = body["variables"] as JsonObject ?? [];
        var field = RootField(query);
        var first = variables["first"]?.GetValue<int>();
        var after = variables["after"]?.GetValue<string>();

        if (Faults.TakeServerError())
        {
            Requests.Add(new FakeShopifyRequest(version, field, 503, false, after, first));
            await WriteAsync(http, 503, "<html><body><h1>503 Service Unavailable</h1></body></html>", "text/html");
            return;
        }

        var requested = first is { } n ? 2 + n : 1;
        var (allowed, available) = Faults.TakeThrottle() ? (false, 0) : Bucket.TryTake(requested);
        if (!allowed)
        {
            var status = Bucket.ThrottleAs429 ? 429 : 200;
            Requests.Add(new FakeShopifyRequest(version, field, status, true, after, first));
            var throttled = new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject
                {
                    ["message"] = "Throttled",
                    ["extensions"] = new JsonObject { ["code"] = "THROTTLED", ["documentation"] = "https://shopify.dev/api/usage/rate-limits" },
                }),
                ["extensions"] = Cost(requested, null, available),
            };
            if (status == 429)
            {
                var seconds = Math.Max(1, (int)Math.Ceiling((requested - available) / Bucket.RestoreRate));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            await WriteAsync(http, status, throttled.ToJsonString());
            return;
        }

        var (data, nodes, denied) = Answer(field, first ?? 0, after, variables["query"]?.GetValue<string>());
        var actual = first is null ? 1 : 2 + nodes;
        var afterRefund = Bucket.Refund(requested, actual);
        var response = new JsonObject { ["data"] = data };
        if (denied is not null)
        {
            response["errors"] = new JsonArray(new JsonObject
            {
                ["message"] = $"Access denied for {field} field. Required access: `{denied}` access scope.",
                ["locations"] = new JsonArray(new JsonObject { ["line"] = 1, ["column"] = 40 }),
                ["path"] = new JsonArray(field),
                ["extensions"] = new JsonObject
                {
                    ["code"] = "ACCESS_DENIED",
                    ["documentation"] = "https://shopify.dev/api/usage/access-scopes",
                    ["requiredAccess"] = $"`{denied}` access scope.",
                },
            });
        }

        response["extensions"] = Cost(requested, actual, afterRefund);
        var text = response.ToJsonString();
        if (Faults.TruncateField == field)
        {
            text = text[..(text.Length / 2)];
        }

        Requests.Add(new FakeShopifyRequest(version, field, 200, false, after, first));
        await WriteAsync(http, 200, text);
    }

    private (JsonObject Data, int Nodes, string? DeniedScope) Answer(string field, int first, string? after, string? search)
    {
        switch (field)
        {
            case "shop":
                return (new JsonObject
                {
                    ["shop"] = new JsonObject
                    {
                        ["id"] = "gid://shopify/Shop/1",
                        ["name"] = State.ShopName,
                        ["myshopifyDomain"] = State.Domain,
                        ["plan"] = new JsonObject { ["publicDisplayName"] = State.PlanName, ["shopifyPlus"] = State.ShopifyPlus, ["partnerDevelopment"] = false },
                        ["customerAccountsV2"] = new JsonObject
                        {
                            ["customerAccountsVersion"] = State.CustomerAccountsVersion,
                            ["loginRequiredAtCheckout"] = State.LoginRequiredAtCheckout,
                        },
                    },
                }, 0, null);
            case "currentAppInstallation":
                return (new JsonObject { ["currentAppInstallation"] = Installation(State.CurrentApp) }, 0, null);
            case "staffMembers" when !State.GrantedScopes.Contains("read_users"):
                return (new JsonObject { ["staffMembers"] = null }, 0, "read_users");
            case "appInstallations" when !State.GrantedScopes.Contains("read_apps"):
                return (new JsonObject { ["appInstallations"] = null }, 0, "read_apps");
            case "staffMembers":
                return Page(field, State.Staff, first, after, s => new JsonObject
                {
                    ["id"] = s.Id, ["name"] = s.Name, ["email"] = s.Email, ["accountType"] = s.AccountType, ["active"] = s.Active, ["isShopOwner"] = s.IsShopOwner,
                });
            case "appInstallations":
                return Page(field, State.Apps, first, after, Installation);
            case "webhookSubscriptions":
                return Page(field, State.Webhooks, first, after, w => new JsonObject
                {
                    ["id"] = w.Id, ["topic"] = w.Topic, ["uri"] = w.Uri, ["format"] = w.Format, ["filter"] = null, ["includeFields"] = new JsonArray(),
                    ["apiVersion"] = new JsonObject { ["handle"] = "2025-10" }, ["createdAt"] = "2026-01-05T10:00:00Z", ["updatedAt"] = "2026-01-05T10:00:00Z",
                });
            case "events":
                var since = search is not null && SinceFilter().Match(search) is { Success: true } m
                    ? DateTimeOffset.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
                    : DateTimeOffset.MinValue;
                var events = State.Events.Where(e => e.CreatedAt >= since).OrderByDescending(e => e.CreatedAt).ToList();
                return Page(field, events, first, after, e => new JsonObject
                {
                    ["__typename"] = "BasicEvent", ["id"] = e.Id, ["createdAt"] = e.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ["action"] = e.Action, ["message"] = e.Message, ["attributeToUser"] = e.AttributeToUser, ["attributeToApp"] = e.AttributeToApp,
                    ["appTitle"] = e.AppTitle, ["criticalAlert"] = e.CriticalAlert,
                });
            default:
                return (new JsonObject(), 0, null);
        }
    }

    private static JsonObject Installation(FakeApp app) => new()
    {
        ["id"] = app.Id,
        ["app"] = new JsonObject { ["id"] = "gid://shopify/App/" + app.Handle, ["title"] = app.Title, ["handle"] = app.Handle, ["developerName"] = app.DeveloperName },
        ["accessScopes"] = new JsonArray([.. app.Scopes.Select(s => (JsonNode)new JsonObject { ["handle"] = s })]),
    };

    private static (JsonObject, int, string?) Page<T>(string field, IReadOnlyList<T> items, int first, string? after, Func<T, JsonObject> node)
    {
        var start = after is null ? 0 : int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(after)).Split(':')[1], CultureInfo.InvariantCulture) + 1;
        var page = items.Skip(start).Take(first).ToList();
        var last = start + page.Count - 1;
        return (new JsonObject
        {
            [field] = new JsonObject
            {
                ["nodes"] = new JsonArray([.. page.Select(i => (JsonNode)node(i))]),
                ["pageInfo"] = new JsonObject
                {
                    ["hasNextPage"] = start + page.Count < items.Count,
                    ["endCursor"] = page.Count == 0 ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes("cursor:" + last.ToString(CultureInfo.InvariantCulture))),
                },
            },
        }, page.Count, null);
    }

    private JsonObject Cost(double requested, double? actual, double available) => new()
    {
        ["cost"] = new JsonObject
        {
            ["requestedQueryCost"] = (int)requested,
            ["actualQueryCost"] = actual is null ? null : (int)actual.Value,
            ["throttleStatus"] = new JsonObject
            {
                // Shopify sends these as floats (2000.0): keep the decimal so the client's double parsing is exercised.
                ["maximumAvailable"] = JsonNode.Parse(Bucket.MaximumAvailable.ToString("0.0", CultureInfo.InvariantCulture)),
                ["currentlyAvailable"] = Math.Round(available, 2),
                ["restoreRate"] = JsonNode.Parse(Bucket.RestoreRate.ToString("0.0", CultureInfo.InvariantCulture)),
            },
        },
    };

    private static string RootField(string query)
    {
        var brace = query.IndexOf('{', StringComparison.Ordinal);
        var selection = brace < 0 ? query : query[(brace + 1)..];
        var match = RootFieldPattern().Match(selection);
        return match.Success && Fields.Contains(match.Groups[1].Value) ? match.Groups[1].Value : "unknown";
    }

    private static async Task WriteAsync(HttpContext http, int status, string body, string contentType = "application/json; charset=utf-8")
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        await http.Response.WriteAsync(body);
    }

    [GeneratedRegex(@"^/admin/api/[0-9a-z-]+/graphql\.json$")]
    private static partial Regex ApiPath();

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex RootFieldPattern();

    [GeneratedRegex(@"created_at:>=?(\S+)")]
    private static partial Regex SinceFilter();
}
