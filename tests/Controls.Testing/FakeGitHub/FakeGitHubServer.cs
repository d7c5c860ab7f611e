using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Controls.Testing.FakeGitHub;

/// <summary>
/// A loopback GitHub REST API (Kestrel on 127.0.0.1, a free port) serving <see cref="FakeGitHubState"/> in the
/// real wire format: Link pagination honouring per_page/page, weak ETags with 304 on If-None-Match, the
/// X-RateLimit-* headers, GitHub's error bodies, and fault injection through <see cref="Faults"/>.
/// </summary>
public sealed class FakeGitHubServer : IAsyncDisposable
{
    private const int DefaultPerPage = 30;
    private const int MaxPerPage = 100;

    private LoopbackHost _host = null!;
    private readonly TimeProvider _time;

    private FakeGitHubServer(FakeGitHubState state, TimeProvider time)
    {
        State = state;
        _time = time;
    }

    public FakeGitHubState State { get; }

    public FakeGitHubFaults Faults { get; } = new();

    public FakeGitHubRequestLog Requests { get; } = new();

    /// <summary>The API base address ("http://127.0.0.1:port/"), what a ConnectedSystem's BaseUrl is set to.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeGitHubServer> StartAsync(FakeGitHubState state, TimeProvider? time = null)
    {
        var server = new FakeGitHubServer(state, time ?? TimeProvider.System);
        server._host = await LoopbackHost.StartAsync(server.HandleAsync);
        server.BaseUrl = server._host.BaseUrl;
        return server;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var segments = (request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var fake = new FakeGitHubRequest(request.Method, "/" + string.Join('/', segments), query);
        var authorization = request.Headers.Authorization.ToString();
        var scheme = authorization.Split(' ', 2)[0];
        var token = authorization.Split(' ', 2) is [var s, var t] && (s.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || s.Equals("token", StringComparison.OrdinalIgnoreCase)) ? t.Trim() : null;
        var conditional = request.Headers.IfNoneMatch.Count > 0;

        var (status, body, headers) = Answer(http, fake, token, segments);
        http.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            http.Response.Headers[name] = value;
        }

        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        Requests.Add(new FakeGitHubLoggedRequest(request.Method, fake.Path, request.QueryString.Value ?? string.Empty, status, conditional, scheme.Length == 0 ? null : scheme, rawTarget));
        if (body is not null)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            var bytes = Encoding.UTF8.GetBytes(body);
            http.Response.ContentLength = bytes.Length;
            await http.Response.Body.WriteAsync(bytes);
        }
    }

    private (int Status, string? Body, Dictionary<string, string> Headers) Answer(HttpContext http, FakeGitHubRequest request, string? token, string[] segments)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-GitHub-Media-Type"] = "github.v3; format=json",
            ["X-GitHub-Request-Id"] = Guid.NewGuid().ToString("N")[..20].ToUpperInvariant(),
            ["X-GitHub-Api-Version-Selected"] = "2022-11-28",
            ["Vary"] = "Accept, Authorization, Cookie, X-GitHub-OTP",
        };

        if (!State.IsValidToken(token))
        {
            return (401, FakeGitHubJson.Error(token is null ? "Requires authentication" : "Bad credentials", "https://docs.github.com/rest", 401).ToJsonString(), headers);
        }

        var now = _time.GetUtcNow();
        var conditional = http.Request.Headers.IfNoneMatch.ToString();
        var rendered = request.Method == "GET" ? Route(http, request, segments) : (404, FakeGitHubJson.NotFound(), null);
        var body = rendered.Body.ToJsonString();
        var etag = rendered.Status == 200 ? $"W/\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}\"" : null;
        var notModified = etag is not null && conditional.Length > 0 && conditional.Split(',').Select(v => v.Trim()).Contains(etag);

        // 304s are free on GitHub: they do not spend the rate limit.
        var (allowed, remaining, reset) = Faults.RateLimit.Take(now, counts: !notModified);
        headers["X-RateLimit-Limit"] = Faults.RateLimit.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Used"] = (Faults.RateLimit.Limit - remaining).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Resource"] = "core";
        if (!allowed)
        {
            return (Faults.RateLimit.ExhaustedStatus,
                FakeGitHubJson.Error("API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.",
                    "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api", Faults.RateLimit.ExhaustedStatus).ToJsonString(),
                headers);
        }

        if (Faults.Match(request, forTruncation: false) is { } fault)
        {
            foreach (var (name, value) in fault.Headers)
            {
                headers[name] = value;
            }

            var message = fault.Message ?? (fault.Status >= 500 ? "Server Error" : "Forbidden");
            return (fault.Status, FakeGitHubJson.Error(message, "https://docs.github.com/rest", fault.Status).ToJsonString(), headers);
        }

        if (rendered.Link is not null)
        {
            headers["Link"] = rendered.Link;
        }

        if (etag is null)
        {
            return (rendered.Status, body, headers);
        }

        headers["ETag"] = etag;
        headers["Cache-Control"] = "private, max-age=60, s-maxage=60";
        if (notModified)
        {
            return (304, null, headers);
        }

        if (Faults.Match(request, forTruncation: true) is not null)
        {
            // A complete HTTP response whose JSON stops mid-way; its ETag is that of the broken body.
            body = body[..(body.Length / 2)];
            headers["ETag"] = $"W/\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}\"";
        }

        return (200, body, headers);
    }

    private (int Status, JsonNode Body, string? Link) Route(HttpContext http, FakeGitHubRequest request, string[] s)
    {
        var json = new FakeGitHubJson(BaseUrl.AbsoluteUri);
        return State.Read<(int, JsonNode, string?)>(org =>
        {
            switch (s)
            {
                case ["orgs", var login] when Is(org, login):
                    return (200, json.Organization(org), null);
                case ["orgs", var login, "members"] when Is(org, login):
                    var members = org.Members.AsEnumerable();
                    members = request["filter"] == "2fa_disabled" ? members.Where(m => !m.TwoFactorEnabled) : members;
                    members = request["role"] switch { "admin" => members.Where(m => m.Admin), "member" => members.Where(m => !m.Admin), _ => members };
                    return Page(http, request, members.OrderBy(m => m.Login, StringComparer.Ordinal), json.User);
                case ["orgs", var login, "outside_collaborators"] when Is(org, login):
                    return Page(http, request, org.OutsideCollaborators.OrderBy(m => m.Login, StringComparer.Ordinal), json.User);
                case ["orgs", var login, "repos"] when Is(org, login):
                    return Page(http, request, org.Repositories.OrderBy(r => r.Id), json.Repository);
                case ["orgs", var login, "installations"] when Is(org, login):
                    return PageWrapped(http, request, "installations", org.Installations.OrderBy(i => i.Id), i => json.Installation(org, i));
                case ["orgs", var login, "rulesets", var id] when Is(org, login) && org.Rulesets.FirstOrDefault(r => Id(r.Id, id)) is { } ruleset:
                    return (200, json.Ruleset(ruleset, "Organization", org.Login), null);
                case ["repos", var owner, var name, ..] when Is(org, owner) && org.Repositories.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } repo:
                    return RouteRepository(http, request, json, org, repo, s[3..]);
                default:
                    return (404, FakeGitHubJson.NotFound(), null);
            }
        });
    }

    private static (int, JsonNode, string?) RouteRepository(HttpContext http, FakeGitHubRequest request, FakeGitHubJson json, FakeOrganization org, FakeRepository repo, string[] rest)
    {
        switch (rest)
        {
            case []:
                return (200, json.Repository(repo), null);
            case ["branches", .. var branchAndProtection] when branchAndProtection is [.., "protection"]:
                var branch = string.Join('/', branchAndProtection[..^1]);
                if (branch != repo.DefaultBranch)
                {
                    return (404, FakeGitHubJson.Error("Branch not found", "https://docs.github.com/rest/branches/branch-protection#get-branch-protection", 404), null);
                }

                return repo.Protection is { } protection
                    ? (200, json.BranchProtection(repo, protection), null)
                    : (404, FakeGitHubJson.Error("Branch not protected", "https://docs.github.com/rest/branches/branch-protection#get-branch-protection", 404), null);
            case ["rules", "branches", .. var branchParts]:
                // The endpoint answers for any branch name; the fake's rulesets all target the default branch.
                var rules = string.Join('/', branchParts) != repo.DefaultBranch
                    ? []
                    : org.Rulesets.Where(r => r.Enforcement == "active").SelectMany(r => FakeGitHubJson.BranchRules(r, "Organization", org.Login))
                        .Concat(repo.Rulesets.Where(r => r.Enforcement == "active").SelectMany(r => FakeGitHubJson.BranchRules(r, "Repository", repo.FullName)))
                        .ToList();
                return Page(http, request, rules, r => r);
            case ["rulesets", var id] when repo.Rulesets.FirstOrDefault(r => Id(r.Id, id)) is { } ruleset:
                return (200, json.Ruleset(ruleset, "Repository", repo.FullName), null);
            case ["contents", .. var pathParts]:
                var path = string.Join('/', pathParts);
                return repo.Files.TryGetValue(path, out var content)
                    ? (200, json.FileContent(repo, path, content), null)
                    : (404, FakeGitHubJson.NotFound("https://docs.github.com/rest/repos/contents#get-repository-content"), null);
            case ["actions", "workflows"]:
                return PageWrapped(http, request, "workflows", repo.Workflows.OrderBy(w => w.Id), w => json.Workflow(repo, w));
            case ["dependabot", "alerts"]:
                if (!repo.DependabotAlertsEnabled)
                {
                    return (403, FakeGitHubJson.Error("Dependabot alerts are disabled for this repository.", "https://docs.github.com/rest/dependabot/alerts#list-dependabot-alerts-for-a-repository", 403), null);
                }

                return Page(http, request, repo.DependabotAlerts
                    .Where(a => request["state"] is not { } state || state.Split(',').Contains(a.State))
                    .OrderByDescending(a => a.Number), a => json.DependabotAlert(repo, a));
            case ["secret-scanning", "alerts"]:
                if (!repo.SecretScanningEnabled)
                {
                    return (404, FakeGitHubJson.Error("Secret scanning is disabled on this repository.", "https://docs.github.com/rest/secret-scanning/secret-scanning#list-secret-scanning-alerts-for-a-repository", 404), null);
                }

                var hide = !org.IgnoresHideSecret && string.Equals(request["hide_secret"], "true", StringComparison.OrdinalIgnoreCase);
                return Page(http, request, repo.SecretScanningAlerts
                    .Where(a => request["state"] is not { } state || a.State == state)
                    .OrderByDescending(a => a.Number), a => json.SecretScanningAlert(repo, a, hide));
            default:
                return (404, FakeGitHubJson.NotFound(), null);
        }
    }

    /// <summary>A JSON array page with GitHub's Link header (next/last, prev/first). Only the page is rendered.</summary>
    private static (int, JsonNode, string?) Page<T>(HttpContext http, FakeGitHubRequest request, IEnumerable<T> items, Func<T, JsonObject> render)
    {
        var (page, perPage, all) = Slice(request, items);
        var body = new JsonArray(all.Skip((page - 1) * perPage).Take(perPage).Select(i => (JsonNode)render(i)).ToArray());
        return (200, body, Link(http, page, perPage, all.Count));
    }

    /// <summary>A page of an object-wrapped list ({"total_count": n, "name": [...]}), as installations and workflows are.</summary>
    private static (int, JsonNode, string?) PageWrapped<T>(HttpContext http, FakeGitHubRequest request, string name, IEnumerable<T> items, Func<T, JsonObject> render)
    {
        var (page, perPage, all) = Slice(request, items);
        var body = new JsonObject
        {
            ["total_count"] = all.Count,
            [name] = new JsonArray(all.Skip((page - 1) * perPage).Take(perPage).Select(i => (JsonNode)render(i)).ToArray()),
        };
        return (200, body, Link(http, page, perPage, all.Count));
    }

    private static (int Page, int PerPage, List<T> All) Slice<T>(FakeGitHubRequest request, IEnumerable<T> items)
    {
        var perPage = int.TryParse(request["per_page"], CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, MaxPerPage) : DefaultPerPage;
        var page = int.TryParse(request["page"], CultureInfo.InvariantCulture, out var n) ? Math.Max(1, n) : 1;
        return (page, perPage, items.ToList());
    }

    private static string? Link(HttpContext http, int page, int perPage, int total)
    {
        var last = Math.Max(1, (int)Math.Ceiling(total / (double)perPage));
        if (last == 1)
        {
            return null;
        }

        string Url(int target)
        {
            var query = http.Request.Query
                .Where(q => q.Key is not ("page" or "per_page"))
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"per_page={perPage}")
                .Append($"page={target}");
            return $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}?{string.Join('&', query)}";
        }

        var links = new List<string>();
        if (page < last)
        {
            links.Add($"<{Url(page + 1)}>; rel=\"next\"");
            links.Add($"<{Url(last)}>; rel=\"last\"");
        }

        if (page > 1)
        {
            links.Add($"<{Url(1)}>; rel=\"first\"");
            links.Add($"<{Url(page - 1)}>; rel=\"prev\"");
        }

        return string.Join(", ", links);
    }

    private static bool Is(FakeOrganization org, string login) => org.Login.Equals(login, StringComparison.OrdinalIgnoreCase);

    private static bool Id(long id, string text) => long.TryParse(text, CultureInfo.InvariantCulture, out var parsed) && parsed == id;
}
