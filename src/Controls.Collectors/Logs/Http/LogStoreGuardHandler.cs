using System.Net;
using System.Net.Http.Headers;
using Controls.Compliance.Collection;

namespace Controls.Collectors.Logs.Http;

/// <summary>
/// Outermost handler of a run's log-store traffic: adds the Authorization header (so the credential lives in
/// one place), ties every request to the run's cancellation, and stops the whole run on 401 — a wrong, expired
/// or invalidated key does not get better by retrying. 403 is left to the caller: a key may read the cluster
/// but lack <c>read_ilm</c> or <c>view_index_metadata</c>, which fails only the evidence that needs it.
/// </summary>
public sealed class LogStoreGuardHandler(
    AuthenticationHeaderValue? authorization,
    string systemDescription,
    string credentialDescription,
    Func<string?, string?> scrub,
    CancellationToken runCancellation) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, runCancellation);
        request.Headers.Authorization = authorization;
        var response = await base.SendAsync(request, linked.Token);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        string? reason = null;
        try
        {
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            using var document = System.Text.Json.JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == System.Text.Json.JsonValueKind.Object
                && error.TryGetProperty("type", out var type))
            {
                reason = type.GetString();
            }
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or HttpRequestException or InvalidOperationException)
        {
            // No readable error body: the status alone is reported.
        }
        finally
        {
            response.Dispose();
        }

        throw new CollectionAbortedException(
            $"The log store rejected the credential (401{(reason is null ? string.Empty : " " + LogStoreClient.Trim(scrub(reason)))}) while reading {systemDescription}. " +
            $"The API key or user configured as {credentialDescription} is wrong, expired or invalidated: replace it and collect again.");
    }
}
