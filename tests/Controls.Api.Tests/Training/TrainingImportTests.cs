using System.Text;
using Controls.Api.Tests.Support;
using Controls.Compliance.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Api.Tests.Training;

public sealed class TrainingImportTests(ApiTestFactory factory) : TrainingApiTest(factory)
{
    // The test clock's day is 2026-11-02.
    private async Task<HttpClient> DirectoryAsync()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        await AddPersonAsync(client, new { name = "Jane Doe", email = "jane@acme.example", roles = new[] { "engineering" }, aliases = new[] { "jane.doe@gmail.example", "github:janedoe" } });
        await AddPersonAsync(client, new { name = "Omar Haddad", email = "omar@acme.example", roles = new[] { "ecommerce-managers" }, aliases = new[] { "shared-inbox@acme.example" } });
        await AddPersonAsync(client, new { name = "Li Wei", email = "li@acme.example", aliases = new[] { "shared-inbox@acme.example" } });
        return client;
    }

    [Fact]
    public async Task ImportCsv_WithBadRowsDuplicatePeopleUnknownModulesAndBadDates_StoresTheAcceptedRowsAndKeepsEachRejection()
    {
        var client = await DirectoryAsync();
        var csv = new StringBuilder("User Email,Course,Completion Date\r\n")
            .Append("JANE+lms@acme.example,security-awareness,2026-03-01\r\n")       // 2: accepted (case and +tag ignored)
            .Append("jane.doe@gmail.example,Secure coding,15.04.2026\r\n")           // 3: accepted by e-mail alias and title
            .Append("omar@acme.example,Basket weaving,2026-03-01\r\n")               // 4: unknown module
            .Append("nobody@acme.example,security-awareness,2026-03-01\r\n")         // 5: unknown person
            .Append("shared-inbox@acme.example,security-awareness,2026-03-01\r\n")   // 6: two people
            .Append(",,\r\n")                                                         // 7: empty, skipped
            .Append("omar@acme.example,security-awareness,03/04/2026\r\n")           // 8: ambiguous date
            .Append("omar@acme.example,security-awareness,2027-01-01\r\n")           // 9: future
            .Append("omar@acme.example,security-awareness,25/03/2026\r\n")           // 10: accepted, day first
            .Append("jane@acme.example,security-awareness,2026-03-01\r\n");          // 11: repeats row 2

        var (status, body) = await UploadCsvAsync(client, "/api/training/imports", csv.ToString());

        Assert.Equal(201, status);
        Assert.Equal((9, 3, 1, 5), (body!["rows"]!.GetValue<int>(), body["accepted"]!.GetValue<int>(), body["alreadyRecorded"]!.GetValue<int>(), body["rejected"]!.GetValue<int>()));
        var rejections = body["rejections"]!.AsArray().ToDictionary(r => r!["row"]!.GetValue<int>(), r => r!["reason"]!.GetValue<string>());
        Assert.Equal([4, 5, 6, 8, 9], rejections.Keys.Order());
        Assert.Contains("'Basket weaving' is not a training module", rejections[4], StringComparison.Ordinal);
        Assert.Contains("'nobody@acme.example' is not in the people directory", rejections[5], StringComparison.Ordinal);
        Assert.Contains("matches several people", rejections[6], StringComparison.Ordinal);
        Assert.Contains("ambiguous", rejections[8], StringComparison.Ordinal);
        Assert.Contains("in the future", rejections[9], StringComparison.Ordinal);

        var stored = await InWorkspaceAsync("acme", db => db.TrainingCompletions.AsNoTracking().OrderBy(c => c.RowNumber).Select(c => new { c.PersonKey, c.ModuleId, c.CompletedOn }).ToListAsync());
        Assert.Equal(
            [("jane@acme.example", "security-awareness", new DateOnly(2026, 3, 1)), ("jane@acme.example", "secure-coding", new DateOnly(2026, 4, 15)), ("omar@acme.example", "security-awareness", new DateOnly(2026, 3, 25))],
            stored.Select(c => (c.PersonKey, c.ModuleId, c.CompletedOn)));

        var again = await GetJsonAsync(client, $"/api/training/imports/{body["id"]!.GetValue<int>()}");
        Assert.Equal(5, again["rejections"]!.AsArray().Count);
        Assert.Equal("Basket weaving", again["rejections"]![0]!["values"]!["module"]!.GetValue<string>());
        Assert.Contains(await RegisterRunsAsync("acme"), r => r.Trigger == "training-change");
    }

    [Fact]
    public async Task ImportCsv_SameFileTwice_CountsTheRowsAsAlreadyRecordedAndStoresNothingTwice()
    {
        var client = await DirectoryAsync();
        const string csv = "Email,Module,Completed\njane@acme.example,security-awareness,2026-03-01\nomar@acme.example,security-awareness,2026-03-02\n";
        Assert.Equal(201, (await UploadCsvAsync(client, "/api/training/imports", csv)).Status);

        var (status, body) = await UploadCsvAsync(client, "/api/training/imports", csv);

        Assert.Equal(201, status);
        Assert.Equal((0, 2), (body!["accepted"]!.GetValue<int>(), body["alreadyRecorded"]!.GetValue<int>()));
        Assert.Equal(2, await InWorkspaceAsync("acme", db => db.TrainingCompletions.CountAsync()));
        Assert.Equal(2, (await GetJsonAsync(client, "/api/training/imports")).AsArray().Count);
    }

    [Fact]
    public async Task ImportCsv_SameFileTwiceAtOnce_BothSucceedAndEachCompletionIsStoredOnce()
    {
        var client = await DirectoryAsync();
        const string csv = "Email,Module,Completed\njane@acme.example,security-awareness,2026-03-01\nomar@acme.example,security-awareness,2026-03-02\n";

        var results = await Task.WhenAll(UploadCsvAsync(client, "/api/training/imports", csv), UploadCsvAsync(client, "/api/training/imports", csv));

        Assert.All(results, r => Assert.True(r.Status == 201, r.Body?.ToJsonString()));
        Assert.Equal(2, results.Sum(r => r.Body!["accepted"]!.GetValue<int>()));
        Assert.Equal(2, results.Sum(r => r.Body!["alreadyRecorded"]!.GetValue<int>()));
        Assert.Equal(2, await InWorkspaceAsync("acme", db => db.TrainingCompletions.CountAsync()));
    }

    [Fact]
    public async Task ImportXlsx_RealWorkbookWithDateCells_ReadsSerialDatesAndRejectsUnknownModules()
    {
        var client = await DirectoryAsync();
        var workbook = TestWorkbook.Build(
            ["Learner", "Training", "Date Completed"],
            [TestWorkbook.TextCell("jane@acme.example"), TestWorkbook.TextCell("Incident response"), TestWorkbook.DateCell(new DateOnly(2026, 5, 20))],
            [TestWorkbook.TextCell("omar@acme.example"), TestWorkbook.TextCell("checkout-payment-emergency-procedures"), TestWorkbook.TextCell("2026-06-01")],
            [TestWorkbook.TextCell("omar@acme.example"), TestWorkbook.TextCell("Underwater basket weaving"), TestWorkbook.DateCell(new DateOnly(2026, 6, 1))]);

        var (status, body) = await UploadAsync(client, "/api/training/imports", "lms.xlsx", XlsxType, workbook,
            ("personColumn", "Learner"), ("moduleColumn", "Training"), ("completedOnColumn", "Date Completed"));

        Assert.Equal(201, status);
        Assert.Equal(("xlsx", 2, 1), (body!["format"]!.GetValue<string>(), body["accepted"]!.GetValue<int>(), body["rejected"]!.GetValue<int>()));
        Assert.Equal(4, body["rejections"]![0]!["row"]!.GetValue<int>());
        var dates = await InWorkspaceAsync("acme", db => db.TrainingCompletions.AsNoTracking().Select(c => c.CompletedOn).ToListAsync());
        Assert.Equal([new DateOnly(2026, 5, 20), new DateOnly(2026, 6, 1)], dates.Order());
    }

    [Fact]
    public async Task ImportXlsx_CorruptWorkbook_Answers400AndChangesNothing()
    {
        var client = await DirectoryAsync();
        var corrupt = TestWorkbook.Build(["Email", "Module", "Completed"], [TestWorkbook.TextCell("jane@acme.example"), TestWorkbook.TextCell("security-awareness"), TestWorkbook.TextCell("2026-03-01")])[..200];

        var (status, body) = await UploadAsync(client, "/api/training/imports", "lms.xlsx", XlsxType, corrupt);

        Assert.Equal(400, status);
        Assert.Contains("Nothing was changed", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((0, 0), (await InWorkspaceAsync("acme", db => db.TrainingCompletions.CountAsync()), await InWorkspaceAsync("acme", db => db.TrainingImports.CountAsync())));
    }

    [Fact]
    public async Task Import_MappingNamingAMissingColumn_Answers400AndChangesNothing()
    {
        var client = await DirectoryAsync();

        var (status, body) = await UploadCsvAsync(client, "/api/training/imports", "Email,Module,Completed\njane@acme.example,security-awareness,2026-03-01\n", ("personColumn", "Learner ID"));

        Assert.Equal(400, status);
        Assert.Contains("'Learner ID' chosen for person is not in the file", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await InWorkspaceAsync("acme", db => db.TrainingImports.CountAsync()));
        Assert.Empty((await GetJsonAsync(client, "/api/training/mapping"))["columns"]!.AsObject());
    }

    [Fact]
    public async Task Import_MappingChosenOnce_IsRememberedForTheNextImport()
    {
        var client = await DirectoryAsync();
        const string header = "Learner,Curriculum,Passed On,Email\n";
        var first = await UploadCsvAsync(client, "/api/training/imports", header + "jane@acme.example,security-awareness,2026-03-01,x@acme.example\n",
            ("personColumn", "Learner"), ("moduleColumn", "Curriculum"), ("completedOnColumn", "Passed On"));
        Assert.Equal(201, first.Status);
        Assert.Equal(1, first.Body!["accepted"]!.GetValue<int>());

        var mapping = await GetJsonAsync(client, "/api/training/mapping");
        Assert.Equal("Learner", mapping["columns"]!["person"]!.GetValue<string>());

        // No columns chosen: the remembered ones win over the recognisable "Email" header.
        var (status, body) = await UploadCsvAsync(client, "/api/training/imports", header + "omar@acme.example,security-awareness,2026-03-01,x@acme.example\n");

        Assert.Equal(201, status);
        Assert.Equal(1, body!["accepted"]!.GetValue<int>());
        Assert.Equal("Passed On", body["mapping"]!["completedOn"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_WithoutAnyFile_IsAValidationProblem()
    {
        var client = await DirectoryAsync();
        using var form = new MultipartFormDataContent { { new StringContent("x"), "personColumn" } };

        using var response = await client.PostAsync("/api/training/imports", form);

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task Coverage_EveryoneCurrent_PassesAndFallsUnderTheThresholdWhenOneLapses()
    {
        var client = await DirectoryAsync();
        var csv = new StringBuilder("Email,Module,Completed\n");
        foreach (var person in new[] { "jane@acme.example", "omar@acme.example", "li@acme.example" })
        {
            foreach (var module in Factory.Services.GetRequiredService<Compliance.Catalog.ControlCatalog>().TrainingModules)
            {
                csv.Append(person).Append(',').Append(module.Id).Append(",2026-10-01\n");
            }
        }

        Assert.Equal(201, (await UploadCsvAsync(client, "/api/training/imports", csv.ToString())).Status);
        var passing = await CoverageResultAsync("acme");
        Assert.True(passing.Status == CheckStatus.Pass, passing.Summary);

        // Li leaves nothing behind, but a new engineer who started in January has never trained.
        await AddPersonAsync(client, new { name = "New Starter", email = "new@acme.example", roles = new[] { "engineering" }, startedOn = "2026-01-05" });

        var failing = await CoverageResultAsync("acme");
        Assert.Equal(CheckStatus.Fail, failing.Status);
        var finding = Assert.Single(failing.Findings, f => f.Resource == "training/security-awareness");
        Assert.Contains("75 % of the 4 people required are current (3), under the 95 % threshold", finding.Message, StringComparison.Ordinal);
        Assert.Contains(failing.Findings, f => f.Resource == "training/secure-coding");
    }

    [Fact]
    public async Task Coverage_ThresholdOverriddenForTheWorkspace_PassesAtThatThreshold()
    {
        var client = await DirectoryAsync();
        var csv = new StringBuilder("Email,Module,Completed\n");
        foreach (var person in new[] { "jane@acme.example", "omar@acme.example", "li@acme.example" })
        {
            csv.Append(person).Append(",security-awareness,2026-10-01\n");
        }

        await InWorkspaceAsync("acme", async db =>
        {
            var workspace = await db.Workspaces.SingleAsync(w => w.Slug == "acme");
            db.ParameterOverrides.Add(new ParameterOverride { WorkspaceId = workspace.Id, CheckId = "training.coverage", Name = "threshold", ValueJson = "0" });
            return await db.SaveChangesAsync();
        });

        Assert.Equal(201, (await UploadCsvAsync(client, "/api/training/imports", csv.ToString())).Status);

        var result = await CoverageResultAsync("acme");
        Assert.True(result.Status == CheckStatus.Pass, result.Summary);
    }

    [Fact]
    public async Task Coverage_EmptyDirectory_NeverPasses()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        await AddPersonAsync(client, new { name = "Gone", email = "gone@acme.example", startedOn = "2020-01-01", leftOn = "2026-01-31" });

        var result = await CoverageResultAsync("acme");

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("people directory is empty", result.Summary, StringComparison.Ordinal);
    }
}
