using Microsoft.AspNetCore.Http.Features;

namespace Controls.Api.Actions;

/// <summary>
/// Reads a multipart upload without ever buffering more than the configured limit: the declared length is checked
/// first, the server's body limit is lowered to it, and a body that turns out larger is a 413, not a 500.
/// </summary>
public static class BoundedForm
{
    /// <summary>Room for the multipart boundaries and the small text fields next to the file.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    public static IResult TooLarge(long limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
            detail: $"Uploads are limited to {limit / (1024 * 1024)} MB.");

    /// <summary>The form, or the problem to answer instead (413 too large, 415 not multipart: <paramref name="expected"/> says what to send).</summary>
    public static async Task<(IFormCollection? Form, IResult? Problem)> ReadAsync(HttpRequest request, long limit, string expected, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit + FormOverheadBytes)
        {
            return (null, TooLarge(limit));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit + FormOverheadBytes;
        }

        if (!request.HasFormContentType)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Multipart form expected", detail: expected));
        }

        try
        {
            var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit + FormOverheadBytes }, cancellationToken);
            return form.Files.GetFile("file") is { } file && file.Length > limit ? (null, TooLarge(limit)) : (form, null);
        }
        catch (InvalidDataException)
        {
            return (null, TooLarge(limit));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }
    }
}
