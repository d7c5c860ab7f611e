using System.Net;
using Controls.Collectors.GitHub.Http;
using Controls.Compliance.Collection;
using Controls.Compliance.Systems;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Controls.Collectors.Logs.Http;

/// <summary>
/// Builds one run's <see cref="ILogStoreClient"/>. HTTP pipeline, outermost first: guard (auth header, run
/// cancellation, 401 abort) → resilience (bounded retries of 5xx and network errors) → counting → pooled primary handler.
/// </summary>
public sealed class LogStoreClientFactory(
    IHttpMessageHandlerFactory handlers,
    IOptions<LogStoreOptions> options,
    TimeProvider time,
    IEnumerable<ILogStoreTransport> transports)
{
    public const string HttpClientName = "Controls.LogStore";

    private readonly Lazy<ResiliencePipeline<HttpResponseMessage>> _pipeline = new(() => BuildPipeline(options.Value, time));

    /// <summary>Whether a transport other than the network (the demo's recording) serves this system's address.</summary>
    public bool IsReplayed(ConnectedSystem system) => Transport(system) is not null;

    private ILogStoreTransport? Transport(ConnectedSystem system) =>
        Uri.TryCreate(system.BaseUrl?.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var address) ? transports.FirstOrDefault(t => t.Serves(address)) : null;

    public LogStoreSession Open(ConnectedSystem system, Secret? credential, CancellationToken runCancellation, bool workspaceIsDemo = false)
    {
        var settings = options.Value;
        var description = $"log store '{system.Name}'";
        var credentialDescription = system.CredentialName is null ? "the system's credential" : $"Controls:Credentials:{system.CredentialName}";
        if (string.IsNullOrWhiteSpace(system.BaseUrl) || !Uri.TryCreate(system.BaseUrl.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var baseAddress))
        {
            throw new CollectionAbortedException($"The {description} has no absolute base URL: set it to the Elasticsearch or OpenSearch address (https://host:9200).");
        }

        var transport = Transport(system);
        if (transport is not null)
        {
            // Recorded responses: nothing travels and no credential is needed; the transport refuses non-demo workspaces.
            credential ??= new Secret("replay");
        }
        else if (baseAddress.Scheme != Uri.UriSchemeHttps && !(baseAddress.Scheme == Uri.UriSchemeHttp && baseAddress.IsLoopback))
        {
            throw new CollectionAbortedException(
                $"Refusing to collect {description}: its address {baseAddress} is not HTTPS, and the credential would travel in clear text.");
        }

        if (credential is null)
        {
            throw new CollectionAbortedException(
                $"No credential is configured for {description}: set Controls:Credentials:{system.CredentialName ?? "<name>"} " +
                "to an Elasticsearch API key (encoded form) or 'basic:<user>:<password>', and name it in the system's CredentialName.");
        }

        var header = LogStoreCredential.ToHeader(credential, credentialDescription);
        // The whole value and, for basic auth, the password alone: a store may echo either back in an error.
        var parts = credential.Reveal().Trim().Split(':', 3);
        var password = parts.Length == 3 && parts[0].Equals("basic", StringComparison.OrdinalIgnoreCase) ? parts[2] : string.Empty;
        var secrets = new[] { credential.Reveal(), password }
            .Where(s => s.Length >= 4)
            .ToArray();
        string? Scrub(string? text) => text is null ? null : secrets.Aggregate(text, (t, s) => t.Replace(s, "***", StringComparison.Ordinal));

        var counter = new RequestCounter();
        var counting = new RequestCountingHandler(counter)
        {
            InnerHandler = transport?.CreateHandler(system, workspaceIsDemo) ?? handlers.CreateHandler(HttpClientName),
        };
        var resilience = new ResilienceHandler(_pipeline.Value) { InnerHandler = counting };
        var guard = new LogStoreGuardHandler(header, description, credentialDescription, Scrub, runCancellation) { InnerHandler = resilience };
        var http = new HttpClient(guard, disposeHandler: true) { BaseAddress = baseAddress, Timeout = settings.RequestTimeout };
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Controls-Compliance");
        return new LogStoreSession(new LogStoreClient(http, settings.IsmPageSize, Scrub), counter, http, Scrub);
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(LogStoreOptions settings, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException } => true,
                    { Result: { } response } => (int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.NotImplemented,
                    _ => false,
                }),
            });
        }

        return builder.Build();
    }
}

/// <summary>One run's client and request count.</summary>
public sealed class LogStoreSession(ILogStoreClient client, RequestCounter counter, HttpClient http, Func<string?, string?> scrub) : IDisposable
{
    public ILogStoreClient Client => client;

    public RequestCounter Counter => counter;

    /// <summary>Removes the credential from text that came from the store (defence in depth: stores may echo headers).</summary>
    public Func<string?, string?> Scrub => scrub;

    public void Dispose() => http.Dispose();
}
