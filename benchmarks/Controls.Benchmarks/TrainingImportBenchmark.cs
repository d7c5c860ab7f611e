using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Controls.Api.Actions;
using Controls.Compliance.Catalog;
using Controls.Compliance.People;
using Controls.Compliance.Workspaces;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Benchmarks;

/// <summary>
/// Imports a generated 50,000-row LMS export (CSV, and the same rows as xlsx) through the real parser and
/// <see cref="TrainingImportService"/> into a SQLite file holding 2,000 people: one import per invocation, the
/// completions removed between iterations so each import stores every row. A few rows in every hundred are bad
/// (unknown module, unknown person, unparseable date) so rejection is measured too.
/// Run: dotnet run -c Release --project benchmarks/Controls.Benchmarks -- training [BenchmarkDotNet options]
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcess))]
public class TrainingImportBenchmark
{
    public const int Rows = 50_000;
    private const int People = 2_000;

    private BenchmarkHost _host = null!;
    private byte[] _csv = [];
    private byte[] _xlsx = [];

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationSetup]
    public void ClearCompletions() => _host.InScopeAsync(async (_, db) =>
    {
        await db.TrainingCompletions.ExecuteDeleteAsync();
        await db.TrainingImportRejections.ExecuteDeleteAsync();
        return await db.TrainingImports.ExecuteDeleteAsync();
    }).GetAwaiter().GetResult();

    [Benchmark(Description = "Import 50,000-row CSV")]
    public Task<int> ImportCsv() => ImportAsync("lms.csv", _csv);

    [Benchmark(Description = "Import 50,000-row xlsx")]
    public Task<int> ImportXlsx() => ImportAsync("lms.xlsx", _xlsx);

    private Task<int> ImportAsync(string fileName, byte[] content) => _host.InScopeAsync(async (services, db) =>
    {
        var (format, header, rows, problem) = Upload.Parse(fileName, null, content);
        if (problem is not null)
        {
            throw new InvalidOperationException($"{fileName} could not be read.");
        }

        var service = new TrainingImportService(db, services.GetRequiredService<ICallerContext>(), services.GetRequiredService<ControlCatalog>(), TimeProvider.System);
        var outcome = await service.ImportAsync(fileName, format!, Convert.ToHexStringLower(SHA256.HashData(content)), header!, rows!, new Dictionary<string, string?>(), CancellationToken.None);
        var import = outcome.Import ?? throw new InvalidOperationException(outcome.Problem);
        return import.Accepted != 0 && import.Accepted + import.Rejected == Rows ? import.Accepted : throw new InvalidOperationException($"Unexpected counts: {import.Accepted} accepted, {import.Rejected} rejected.");
    });

    private async Task SetupAsync()
    {
        _host = await BenchmarkHost.StartAsync("unused");
        var modules = _host.Services.GetRequiredService<ControlCatalog>().TrainingModules.Select(m => m.Id).ToList();
        await _host.InScopeAsync(async (_, db) =>
        {
            var now = DateTime.UnixEpoch;
            for (var i = 0; i < People; i++)
            {
                var email = $"person{i}@acme.example";
                db.People.Add(new PersonEntry { WorkspaceId = _host.WorkspaceId, Key = email, Name = $"Person {i}", PrimaryEmail = email, Aliases = [$"p{i}@old.example"], CreatedAt = now, UpdatedAt = now, UpdatedBy = "benchmark" });
            }

            return await db.SaveChangesAsync();
        });

        var rows = new List<string[]>(Rows);
        var start = new DateOnly(2020, 1, 1);
        for (var r = 0; r < Rows; r++)
        {
            // Unique (person, module, day) per row; 3 % bad rows of three kinds.
            var person = r % 97 == 0 ? $"stranger{r}@acme.example" : (r % 2 == 0 ? $"person{r % People}@acme.example" : $"p{r % People}@old.example");
            var module = r % 89 == 0 ? "Basket weaving" : modules[r / People % modules.Count];
            var day = r % 83 == 0 ? "someday" : start.AddDays(r / People + (r / (People * modules.Count) * 7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            rows.Add([person, module, day]);
        }

        var csv = new StringBuilder("User Email,Course,Completion Date\r\n");
        foreach (var row in rows)
        {
            csv.Append(row[0]).Append(',').Append(row[1]).Append(',').Append(row[2]).Append("\r\n");
        }

        _csv = Encoding.UTF8.GetBytes(csv.ToString());
        _xlsx = Workbook(["User Email", "Course", "Completion Date"], rows);
    }

    private static byte[] Workbook(string[] header, List<string[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, header));
            for (var r = 0; r < rows.Count; r++)
            {
                data.Append(Row((uint)(r + 2), rows[r]));
            }

            worksheetPart.Worksheet = new Worksheet(data);
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = "Export" }));
            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Row Row(uint index, string[] cells)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < cells.Length; c++)
        {
            row.Append(new Cell { CellReference = $"{(char)('A' + c)}{index}", DataType = CellValues.InlineString, InlineString = new InlineString(new Text(cells[c])) });
        }

        return row;
    }

    /// <summary>
    /// A few invocations of one import each (every one stores 50,000 rows), in this process: the figures are
    /// seconds, far above what a separate process or more iterations would change.
    /// </summary>
    private sealed class ShortInProcess : ManualConfig
    {
        public ShortInProcess() =>
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(1).WithUnrollFactor(1)
                .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
