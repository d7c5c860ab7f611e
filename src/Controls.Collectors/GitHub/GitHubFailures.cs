using System.Net;
using Controls.Compliance.Collection;
using Octokit;

namespace Controls.Collectors.GitHub;

/// <summary>A failure already described with its context (which part of a repository could not be read).</summary>
internal sealed class GitHubItemException(CollectionFailure failure, Exception inner) : Exception(failure.Reason, inner)
{
    public CollectionFailure Failure { get; } = failure;
}

/// <summary>Turns what went wrong talking to GitHub into a stored, readable <see cref="CollectionFailure"/>.</summary>
internal static class GitHubFailures
{
    public static CollectionFailure Describe(Exception exception, GitHubOptions options) => exception switch
    {
        GitHubItemException item => item.Failure,
        ApiException { StatusCode: var status } api when (int)status >= 500 => new CollectionFailure(
            $"GitHub kept failing with HTTP {(int)status} ({status}) after {options.MaxRetries} retries",
            (int)status,
            Trim(api.ApiError?.Message)),
        ApiException { StatusCode: HttpStatusCode.NotFound } api => new CollectionFailure(
            "GitHub answered 404 Not Found: the resource does not exist or the token cannot see it", 404, Trim(api.ApiError?.Message)),
        ApiException { StatusCode: HttpStatusCode.Forbidden } api => new CollectionFailure(
            $"GitHub refused access (403): {Trim(api.ApiError?.Message) ?? "the token lacks the permission"}", 403),
        ApiException api => new CollectionFailure(
            $"GitHub answered HTTP {(int)api.StatusCode}: {Trim(api.ApiError?.Message) ?? api.StatusCode.ToString()}", (int)api.StatusCode),
        System.Runtime.Serialization.SerializationException or System.Text.Json.JsonException or FormatException or InvalidCastException => new CollectionFailure(
            "GitHub returned a response body that is not valid JSON (truncated or malformed)", null, Trim(exception.Message)),
        OperationCanceledException => new CollectionFailure($"GitHub did not answer within {options.RequestTimeout.TotalSeconds:0} seconds"),
        HttpRequestException http => new CollectionFailure($"Could not reach GitHub after {options.MaxRetries} retries: {Trim(http.Message)}"),
        _ => new CollectionFailure($"Unexpected {exception.GetType().Name} while reading GitHub: {Trim(exception.Message)}"),
    };

    /// <summary>Bounded, single-line text from a platform: bodies of error pages must not flood the ledger.</summary>
    public static string? Trim(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..199] + "…";
    }
}
