using System.Security.Cryptography;

namespace Controls.Api.Actions;

/// <summary>An uploaded table read from a bounded multipart form: its header row, data rows and the form's other fields.</summary>
public sealed class Upload
{
    public required string FileName { get; init; }

    /// <summary>"csv" or "xlsx".</summary>
    public required string Format { get; init; }

    public required string Sha256 { get; init; }

    public required TableRow Header { get; init; }

    /// <summary>Rows after the header with at least one non-blank cell (blank rows are skipped, not rejected).</summary>
    public required IReadOnlyList<TableRow> DataRows { get; init; }

    public required IFormCollection Form { get; init; }

    /// <summary>xlsx: date cells arrive as Excel serial numbers.</summary>
    public bool Spreadsheet => Format == "xlsx";

    /// <summary>The columns the user chose per field (form fields "{field}Column").</summary>
    public Dictionary<string, string?> Chosen(IEnumerable<ImportField> fields) =>
        fields.ToDictionary(f => f.Name, f => (string?)Form[f.Name + "Column"].FirstOrDefault(), StringComparer.Ordinal);

    /// <summary>The upload, or the problem to answer with (nothing read, nothing changed).</summary>
    public static async Task<(Upload? Upload, IResult? Problem)> ReadAsync(HttpRequest request, long limit, string expected, CancellationToken cancellationToken)
    {
        var (form, problem) = await BoundedForm.ReadAsync(request, limit, expected, cancellationToken);
        if (form is null)
        {
            return (null, problem);
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["A non-empty .csv or .xlsx file is required."] }, title: "Nothing to import"));
        }

        byte[] content;
        await using (var stream = file.OpenReadStream())
        using (var buffer = new MemoryStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }

        var parsed = Parse(file.FileName, file.ContentType, content);
        if (parsed.Problem is not null)
        {
            return (null, parsed.Problem);
        }

        return (new Upload
        {
            FileName = Path.GetFileName(file.FileName),
            Format = parsed.Format!,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Header = parsed.Header!,
            DataRows = parsed.Rows!,
            Form = form,
        }, null);
    }

    /// <summary>Reads a file into header and data rows; public so benchmarks and tests share the path the API takes.</summary>
    public static (string? Format, TableRow? Header, IReadOnlyList<TableRow>? Rows, IResult? Problem) Parse(string fileName, string? contentType, byte[] content)
    {
        IReadOnlyList<TableRow> rows;
        try
        {
            rows = VendorTableReader.Read(fileName, contentType, content);
        }
        catch (UnreadableTableException ex)
        {
            return (null, null, null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The file cannot be read", detail: $"{ex.Message} Nothing was changed."));
        }

        var header = rows.FirstOrDefault(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c)));
        if (header is null)
        {
            return (null, null, null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The file is empty",
                detail: "The first row must name the columns. Nothing was changed."));
        }

        var format = content.Length >= 2 && content[0] == 'P' && content[1] == 'K' ? "xlsx" : "csv";
        return (format, header, [.. rows.Where(r => r.Number > header.Number && r.Cells.Any(c => !string.IsNullOrWhiteSpace(c)))], null);
    }
}
