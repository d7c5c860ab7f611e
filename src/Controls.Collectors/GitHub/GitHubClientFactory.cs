using System.Net;
using Controls.Collectors.GitHub.Caching;
using Controls.Collectors.GitHub.Http;
using Controls.Compliance.Collection;
using Controls.Compliance.Systems;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;
using Polly;

namespace Controls.Collectors.GitHub;

/// <summary>
/// Builds the Octokit client of one collection run. Its HTTP pipeline, outermost first:
/// guard (run cancellation, 401 abort, rate-limit waits) → resilience (bounded retries of 5xx and network errors)
/// → counting (every request on the wire, every 304) → the pooled primary handler, or a demo transport.
/// Octokit's <see cref="Octokit.Caching.CachingHttpClient"/> sits above it with the system's persisted ETag cache.
/// </summary>
public sealed class GitHubClientFactory(
    IHttpMessageHandlerFactory handlers,
    IEnumerable<IGitHubTransport> transports,
    GitHubResponseCacheStore caches,
    IOptions<GitHubOptions> options,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public const string HttpClientName = "Controls.GitHub";

    private readonly Lazy<ResiliencePipeline<HttpResponseMessage>> _pipeline = new(() => BuildPipeline(options.Value, time));

    public async Task<GitHubSession> OpenAsync(ConnectedSystem system, Secret? credential, bool workspaceIsDemo, CancellationToken runCancellation)
    {
        var settings = options.Value;
        var baseAddress = ResolveBaseAddress(system, settings);
        var description = $"GitHub organisation '{system.Name}'";
        var transport = transports.FirstOrDefault(t => t.Serves(baseAddress));
        HttpMessageHandler primary;
        if (transport is not null)
        {
            primary = transport.CreateHandler(system, workspaceIsDemo);
        }
        else
        {
            var loopback = baseAddress.IsLoopback;
            if (baseAddress.Scheme != Uri.UriSchemeHttps && !(baseAddress.Scheme == Uri.UriSchemeHttp && loopback))
            {
                throw new CollectionAbortedException(
                    $"Refusing to collect {description}: its API address {baseAddress} is not HTTPS, and the token would travel in clear text.");
            }

            if (credential is null)
            {
                throw new CollectionAbortedException(
                    $"No GitHub token is configured for {description}: set Controls:Credentials:{system.CredentialName ?? "<name>"} " +
                    "(environment variable Controls__Credentials__<name>) and name it in the system's CredentialName.");
            }

            primary = handlers.CreateHandler(HttpClientName);
        }

        var counter = new RequestCounter();
        var counting = new RequestCountingHandler(counter) { InnerHandler = primary };
        var resilience = new ResilienceHandler(_pipeline.Value) { InnerHandler = counting };
        var credentialDescription = system.CredentialName is null ? "the system's credential" : $"Controls:Credentials:{system.CredentialName}";
        var guard = new GitHubGuardHandler(time, settings.MaxRateLimitWait, description, credentialDescription, loggers.CreateLogger<GitHubGuardHandler>(), runCancellation)
        {
            InnerHandler = resilience,
        };

        var adapter = new HttpClientAdapter(() => guard);
        var credentials = credential is null ? Credentials.Anonymous : new Credentials(credential.Reveal(), AuthenticationType.Bearer);
        var connection = new Connection(
            new ProductHeaderValue("Controls-Compliance"),
            baseAddress,
            new InMemoryCredentialStore(credentials),
            adapter,
            new SimpleJsonSerializer());
        connection.SetRequestTimeout(settings.RequestTimeout);
        var cache = await caches.OpenAsync(system.WorkspaceId, system.Id, runCancellation);
        connection.ResponseCache = cache;
        return new GitHubSession(new GitHubClient(connection), new ApiConnection(connection), counter, cache, caches, adapter);
    }

    private static Uri ResolveBaseAddress(ConnectedSystem system, GitHubOptions settings)
    {
        var configured = string.IsNullOrWhiteSpace(system.BaseUrl) ? settings.DefaultApiBaseUrl : system.BaseUrl.Trim();

        // Octokit resolves relative endpoints against the base; without a trailing slash GHES's /api/v3 would be dropped.
        if (!configured.EndsWith('/'))
        {
            configured += "/";
        }

        return Uri.TryCreate(configured, UriKind.Absolute, out var uri)
            ? uri
            : throw new CollectionAbortedException($"The API address '{configured}' of GitHub organisation '{system.Name}' is not an absolute URL.");
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(GitHubOptions settings, TimeProvider time)
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

                // Rate limits (403/429) are the guard handler's: they need waiting until a reset, not quick retries.
                ShouldRetryAfterHeader = false,
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

/// <summary>One run's Octokit client, its raw API connection, request counts and ETag cache (saved on dispose).</summary>
public sealed class GitHubSession(
    GitHubClient client,
    ApiConnection api,
    RequestCounter counter,
    FileResponseCache cache,
    GitHubResponseCacheStore store,
    IDisposable transport) : IAsyncDisposable
{
    public GitHubClient Client => client;

    /// <summary>For endpoints without a typed Octokit client: same connection, same cache, same handlers.</summary>
    public ApiConnection Api => api;

    public RequestCounter Counter => counter;

    public FileResponseCache Cache => cache;

    public async ValueTask DisposeAsync()
    {
        // Saved even after a failed run: every entry in it was a genuine 200 with an ETag.
        await store.SaveAsync(cache, CancellationToken.None);
        transport.Dispose();
    }
}
