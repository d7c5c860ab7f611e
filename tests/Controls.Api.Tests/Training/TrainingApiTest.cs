using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Controls.Api.Tests.Support;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Api.Tests.Training;

/// <summary>Shared steps of the people and training tests: people through the API, uploads as real multipart files.</summary>
public abstract class TrainingApiTest(ApiTestFactory factory) : ApiTest(factory)
{
    protected const string CsvType = "text/csv";
    protected const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    protected static async Task AddPersonAsync(HttpClient client, object person)
    {
        var (status, body) = await PostJsonAsync(client, "/api/people", person);
        Assert.True(status is 200 or 201, $"POST /api/people answered {status}: {body}");
    }

    protected static Task<(int Status, JsonNode? Body)> UploadCsvAsync(HttpClient client, string url, string csv, params (string Name, string Value)[] fields) =>
        UploadAsync(client, url, "export.csv", CsvType, Encoding.UTF8.GetBytes(csv), fields);

    protected static async Task<(int Status, JsonNode? Body)> UploadAsync(
        HttpClient client, string url, string fileName, string contentType, byte[] content, params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        using var response = await client.PostAsync(url, form);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, body.Length == 0 ? null : JsonNode.Parse(body));
    }

    protected async Task<T> InWorkspaceAsync<T>(string slug, Func<ControlsDbContext, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().FindAsync(slug, CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspace!.Id, "test");
        return await action(scope.ServiceProvider.GetRequiredService<ControlsDbContext>());
    }

    protected Task<CheckEvaluation> CoverageResultAsync(string slug) =>
        InWorkspaceAsync(slug, db => db.CheckEvaluations.AsNoTracking().Include(e => e.Findings)
            .SingleAsync(e => e.IsCurrent && e.CheckId == "training.coverage" && db.Systems.Any(s => s.Id == e.SystemId && s.Kind == SystemKinds.TrainingRegister)));

    protected Task<List<CollectionRun>> RegisterRunsAsync(string slug) =>
        InWorkspaceAsync(slug, db => db.CollectionRuns.AsNoTracking()
            .Where(r => db.Systems.Any(s => s.Id == r.SystemId && s.Kind == SystemKinds.TrainingRegister)).ToListAsync());

    protected static Cell Text(string value) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)) };

    protected static Cell Serial(DateOnly date) =>
        new() { CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)) };

    /// <summary>A real .xlsx: header row of shared strings, then the given rows (cell references written, as Excel does).</summary>
    protected static byte[] Workbook(string[] header, params Cell[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var sharedPart = workbookPart.AddNewPart<SharedStringTablePart>();
            sharedPart.SharedStringTable = new SharedStringTable(header.Select(h => new SharedStringItem(new Text(h))));
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var headerRow = new Row { RowIndex = 1 };
            for (var i = 0; i < header.Length; i++)
            {
                headerRow.Append(new Cell { CellReference = $"{(char)('A' + i)}1", DataType = CellValues.SharedString, CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture)) });
            }

            data.Append(headerRow);
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 2) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    rows[r][c].CellReference = $"{(char)('A' + c)}{r + 2}";
                    row.Append(rows[r][c]);
                }

                data.Append(row);
            }

            worksheetPart.Worksheet = new Worksheet(data);
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = "Export" });
            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }
}
