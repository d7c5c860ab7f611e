using System.Text.Json;
using Controls.Collectors.Logs.Evidence;
using Controls.Collectors.Logs.Http;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.Logs;

/// <summary>
/// Collects an Elasticsearch or OpenSearch cluster (ConnectedSystem.BaseUrl): what it is, its lifecycle policies
/// (ILM or ISM) normalised to retention in days, and which indices each policy governs. <c>GET /</c> must
/// succeed or the run aborts; policies and indices each become a recorded failure of their own kind otherwise.
/// </summary>
public sealed class LogStoreCollector(
    LogStoreClientFactory clients,
    IOptions<LogStoreOptions> options,
    ControlsDbContext db,
    ILogger<LogStoreCollector> logger) : ICollector
{
    public string SystemKind => SystemKinds.LogStore;

    public async Task CollectAsync(CollectionContext context, CancellationToken cancellationToken)
    {
        var system = context.System;
        var settings = options.Value;
        var isDemo = clients.IsReplayed(system) && await db.Workspaces.AsNoTracking()
            .Where(w => w.Id == system.WorkspaceId)
            .Select(w => w.IsDemo)
            .SingleOrDefaultAsync(cancellationToken);
        using var session = clients.Open(system, context.Credential, cancellationToken, isDemo);
        try
        {
            var client = session.Client;
            Wire.ClusterInfoWire info;
            try
            {
                info = await client.GetClusterInfoAsync(cancellationToken);
            }
            catch (Exception ex) when (IsItemFailure(ex, cancellationToken))
            {
                throw new CollectionAbortedException($"Could not read log store '{system.Name}': {Describe(ex, settings, session.Scrub).Reason}", ex);
            }

            if (info.Version?.Number is null)
            {
                // Kibana, a proxy's landing page or another product answering on the address: nothing here is a log store's answer.
                throw new CollectionAbortedException(
                    $"The address of log store '{system.Name}' answered GET / without version.number: it is not an Elasticsearch or OpenSearch cluster (check the base URL and port, usually 9200).");
            }

            var openSearch = string.Equals(info.Version?.Distribution, LogStoreFlavours.OpenSearch, StringComparison.OrdinalIgnoreCase);
            var mechanism = openSearch ? "ism" : "ilm";
            context.Record(LogStoreEvidenceKinds.Store, system.Name, new LogStoreInfoEvidence(
                openSearch ? LogStoreFlavours.OpenSearch : LogStoreFlavours.Elasticsearch,
                info.Version?.Number,
                info.ClusterName,
                mechanism));

            // Data streams managed by the data stream lifecycle (Elasticsearch 8.11+) look unmanaged to ILM explain;
            // their lifecycle is read from the data stream listing. OpenSearch has no data stream lifecycle.
            var (dataStreams, dataStreamsFailure) = openSearch ? ([], null) : await ReadDataStreamsAsync(client, cancellationToken);

            await RecordAsync(context, LogStoreEvidenceKinds.LifecyclePolicies, settings, session, async () => openSearch
                ? new LifecyclePoliciesEvidence(mechanism, (await client.GetIsmPoliciesAsync(cancellationToken))
                    .Select(LifecycleNormaliser.FromIsm).OrderBy(p => p.Name, StringComparer.Ordinal).ToList())
                : new LifecyclePoliciesEvidence(mechanism, (await client.GetIlmPoliciesAsync(cancellationToken))
                    .Select(p => LifecycleNormaliser.FromIlm(p.Key, p.Value))
                    .Concat(LifecycleNormaliser.DataStreamLifecycles(dataStreams))
                    .OrderBy(p => p.Name, StringComparer.Ordinal).ToList()),
                cancellationToken);

            await RecordAsync(context, LogStoreEvidenceKinds.Indices, settings, session, async () =>
            {
                if (openSearch)
                {
                    return LifecycleNormaliser.Group((await client.ExplainIsmAsync(cancellationToken)).Select(i => (i.Index, i.PolicyId)), settings.SampleIndicesPerGroup);
                }

                // Without the data stream listing an index the data stream lifecycle manages cannot be told from an unmanaged one.
                if (dataStreamsFailure is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(dataStreamsFailure);
                }

                return LifecycleNormaliser.Group(
                    LifecycleNormaliser.ElasticsearchIndices(await client.ExplainIlmAsync(cancellationToken), dataStreams), settings.SampleIndicesPerGroup);
            }, cancellationToken);
        }
        finally
        {
            context.RequestCount += session.Counter.Requests;
        }
    }

    /// <summary>
    /// <c>GET /_data_stream</c>; a cluster without the API (before 7.9, or a proxy that does not route it) answers
    /// 404, 400 or 405 and simply has no data streams. Any other failure is returned, to fail the indices evidence.
    /// </summary>
    private static async Task<(IReadOnlyList<Wire.DataStreamWire> Streams, Exception? Failure)> ReadDataStreamsAsync(ILogStoreClient client, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetDataStreamsAsync(cancellationToken), null);
        }
        catch (LogStoreHttpException e) when (e.Status is 404 or 400 or 405)
        {
            return ([], null);
        }
        catch (Exception ex) when (IsItemFailure(ex, cancellationToken))
        {
            return ([], ex);
        }
    }

    private async Task RecordAsync<T>(CollectionContext context, string kind, LogStoreOptions settings, LogStoreSession session, Func<Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            context.Record(kind, context.System.Name, await read());
        }
        catch (Exception ex) when (IsItemFailure(ex, cancellationToken))
        {
            var failure = Describe(ex, settings, session.Scrub);
            logger.LogWarning("Could not collect {Kind} from log store {System}: {Reason}", kind, context.System.Name, failure.Reason);
            context.RecordFailure(kind, context.System.Name, failure);
        }
    }

    private static bool IsItemFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is LogStoreHttpException or JsonException or HttpRequestException or NotSupportedException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    internal static CollectionFailure Describe(Exception exception, LogStoreOptions options, Func<string?, string?> scrub) => exception switch
    {
        LogStoreHttpException { Status: 403 } e => new CollectionFailure(
            $"The log store refused {e.Path} (403 {e.ErrorType ?? "forbidden"}): the credential lacks the privilege " +
            "(read_ilm / monitor cluster privileges and view_index_metadata on the indices; on OpenSearch, ISM read permissions)",
            403,
            e.Reason),
        LogStoreHttpException { Status: >= 500 } e => new CollectionFailure(
            $"The log store kept failing with HTTP {e.Status} on {e.Path} after {options.MaxRetries} retries", e.Status, e.Reason),
        LogStoreHttpException { Status: 404 or 400 } e when e.Path.StartsWith("/_plugins/_ism", StringComparison.Ordinal) => new CollectionFailure(
            $"The OpenSearch cluster does not answer {e.Path} (HTTP {e.Status}): the Index State Management plugin is not installed or not reachable", e.Status, e.Reason),
        LogStoreHttpException e => new CollectionFailure($"The log store answered HTTP {e.Status} on {e.Path}{(e.ErrorType is null ? string.Empty : $" ({e.ErrorType})")}", e.Status, e.Reason),
        JsonException or NotSupportedException => new CollectionFailure(
            "The log store returned a response body that is not valid JSON of the expected shape (truncated or malformed)", null, scrub(Http.LogStoreClient.Trim(exception.Message))),
        OperationCanceledException => new CollectionFailure($"The log store did not answer within {options.RequestTimeout.TotalSeconds:0} seconds"),
        HttpRequestException http => new CollectionFailure($"Could not reach the log store after {options.MaxRetries} retries: {scrub(Http.LogStoreClient.Trim(http.Message))}"),
        _ => new CollectionFailure($"Unexpected {exception.GetType().Name} while reading the log store"),
    };
}
