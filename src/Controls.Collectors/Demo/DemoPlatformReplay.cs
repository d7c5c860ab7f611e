using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Controls.Collectors.Logs.Http;
using Controls.Collectors.Shopify.Client;
using Controls.Compliance.Collection;
using Controls.Compliance.Systems;
using Microsoft.Extensions.Logging;

namespace Controls.Collectors.Demo;

/// <summary>
/// How a request is looked up in a recording. GET requests by method, path and sorted query (as GitHub's). GraphQL
/// POSTs all go to one path, so their "query" is made from the operation: a short hash of the query text and the
/// page cursor. Other variables (the events search's created_at bound, which moves with the clock) are left out
/// so a recording made once replays at any time.
/// </summary>
public static class DemoRequestKey
{
    public static async Task<(string Method, string Path, string Query)> ForAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (request.Method != HttpMethod.Post || request.Content is null)
        {
            return (request.Method.Method, uri.AbsolutePath, DemoRecording.NormaliseQuery(uri.Query));
        }

        var body = JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
        return (request.Method.Method, uri.AbsolutePath, GraphQlQuery(body?["query"]?.GetValue<string>(), body?["variables"]?["after"]?.GetValue<string>()));
    }

    public static string GraphQlQuery(string? query, string? after) =>
        DemoRecording.NormaliseQuery($"operation={Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query ?? string.Empty)))[..16]}&after={after}");
}

/// <summary>
/// Answers a demo system's traffic from its recording; a request the recording lacks gets a 404 and a warning.
/// Used for the demo Shopify store and log store, through the real collectors.
/// </summary>
public sealed class DemoPlatformReplayHandler(DemoRecording recording, ILogger logger) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (method, path, query) = await DemoRequestKey.ForAsync(request, cancellationToken);
        if (!recording.TryFind(method, path, query, out var recorded, out var body))
        {
            logger.LogWarning("The demo recording has no response for {Method} {Path} {Query}", method, path, query);
            return new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                RequestMessage = request,
                Content = new StringContent("{\"error\":{\"type\":\"resource_not_found_exception\",\"reason\":\"not in the demo recording\"},\"status\":404}", Encoding.UTF8, "application/json"),
            };
        }

        var response = new HttpResponseMessage((HttpStatusCode)recorded.Status)
        {
            RequestMessage = request,
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in recorded.Headers.Where(h => !h.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)))
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}

/// <summary>The recorded sample data of one demo platform, served only to systems of demo workspaces at its replay address.</summary>
public abstract class DemoPlatformTransport(string baseUrl, string resourceName, ILoggerFactory loggers)
{
    private readonly Uri _base = new(baseUrl);
    private readonly Lazy<DemoRecording> _recording = new(() => DemoRecording.LoadEmbedded(resourceName));

    public bool Serves(Uri baseAddress) =>
        baseAddress.Scheme.Equals(_base.Scheme, StringComparison.OrdinalIgnoreCase) && baseAddress.Host.Equals(_base.Host, StringComparison.OrdinalIgnoreCase);

    public HttpMessageHandler CreateHandler(ConnectedSystem system, bool workspaceIsDemo)
    {
        if (!workspaceIsDemo)
        {
            throw new CollectionAbortedException(
                $"The address {system.BaseUrl} of '{system.Name}' serves recorded sample data and is only allowed in the demo workspace. " +
                "Set the system's BaseUrl to the platform's real address to collect it.");
        }

        return new DemoPlatformReplayHandler(_recording.Value, loggers.CreateLogger<DemoPlatformReplayHandler>());
    }
}

/// <summary>Serves <see cref="DemoNames.ShopifyBaseUrl"/> from Recordings/acme-outfitters-shopify.json.</summary>
public sealed class DemoShopifyTransport(ILoggerFactory loggers)
    : DemoPlatformTransport(DemoNames.ShopifyBaseUrl, DemoNames.ShopifyRecording, loggers), IShopifyTransport;

/// <summary>Serves <see cref="DemoNames.LogStoreBaseUrl"/> from Recordings/acme-outfitters-logs.json.</summary>
public sealed class DemoLogStoreTransport(ILoggerFactory loggers)
    : DemoPlatformTransport(DemoNames.LogStoreBaseUrl, DemoNames.LogStoreRecording, loggers), ILogStoreTransport;

/// <summary>Serves <see cref="DemoNames.MagentoBaseUrl"/> (its REST API) from Recordings/acme-outfitters-magento.json.</summary>
public sealed class DemoMagentoTransport(ILoggerFactory loggers)
    : DemoPlatformTransport(DemoNames.MagentoBaseUrl, DemoNames.MagentoRecording, loggers), Magento.Client.IMagentoTransport;
