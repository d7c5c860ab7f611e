using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Controls.Api.Tests.Support;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.ThirdParty;
using Controls.Compliance.Workspaces;
using Controls.Testing.FakeShopify;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Api.Tests.Actions;

public sealed class VendorTests(ApiTestFactory factory) : ApiTest(factory)
{
    private const string CsvHeader = "Vendor Name,Approved,Risk Tier,Owner,DPA signed,Last assessment,Assessment due,Matches\r\n";

    [Fact]
    public async Task Create_ValidVendor_IsListedAndRecordedInTheRegisterLedger()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        var (status, body) = await PostJsonAsync(client, "/api/vendors", new
        {
            name = "Klaviyo", approved = true, riskTier = "high", owner = "crm@acme.example", dpaSigned = true,
            lastAssessmentOn = "2026-06-01", assessmentDueOn = "2027-06-01", matches = new[] { "klaviyo-email-marketing" },
        });

        Assert.Equal(201, status);
        Assert.Equal("High", body!["riskTier"]!.GetValue<string>());
        var listed = Assert.Single((await GetJsonAsync(client, "/api/vendors")).AsArray());
        Assert.Equal("Klaviyo", listed!["name"]!.GetValue<string>());
        var odata = await GetValuesAsync(client, "/odata/Vendors?$filter=Approved eq true");
        Assert.Equal("2027-06-01", Assert.Single(odata)!["AssessmentDueOn"]!.GetValue<string>());
        var register = await RegisterRunsAsync("acme");
        Assert.Equal([ThirdPartyRegister.TriggerRegisterEdit], register.Select(r => r.Trigger));
    }

    [Fact]
    public async Task Create_InvalidFields_AnswersValidationProblemAndSavesNothing()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        var (status, body) = await PostJsonAsync(client, "/api/vendors", new { name = " ", riskTier = "extreme", lastAssessmentOn = "01/02/2026" });

        Assert.Equal(400, status);
        var errors = body!["errors"]!.AsObject();
        Assert.Contains("'extreme' is not a risk tier", errors["riskTier"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("'01/02/2026' is not a last assessment date", errors["lastAssessmentOn"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(errors["name"]);
        Assert.Empty((await GetJsonAsync(client, "/api/vendors")).AsArray());
    }

    [Fact]
    public async Task Create_DuplicateNameIgnoringCase_Conflicts()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        Assert.Equal(201, (await PostJsonAsync(client, "/api/vendors", new { name = "Slack" })).Status);

        var (status, _) = await PostJsonAsync(client, "/api/vendors", new { name = "SLACK" });

        Assert.Equal(409, status);
    }

    [Fact]
    public async Task Approve_ThroughTheApi_TurnsTheFakeStoresAppFindingsIntoPasses()
    {
        await using var shopify = await FakeShopifyServer.StartAsync(Store());
        shopify.State.UseToken(ApiTestFactory.CredentialValue);
        await Workspace("acme").BuildAsync();
        await CollectShopifyAsync("acme", shopify);
        var client = ClientFor("acme");
        Assert.Equal(CheckStatus.Fail, (await RegisterResultAsync("acme", "third-party.apps-approved")).Status);
        Assert.Equal(CheckStatus.Fail, (await RegisterResultAsync("acme", "third-party.sensitive-access-assessed")).Status);

        var (created, vendor) = await PostJsonAsync(client, "/api/vendors", new { name = "Klaviyo", riskTier = "High", matches = new[] { "klaviyo-email-marketing" } });
        Assert.Equal(201, created);
        var stillUnapproved = await RegisterResultAsync("acme", "third-party.apps-approved");
        Assert.Contains("belongs to Klaviyo, which is not approved", Assert.Single(stillUnapproved.Findings).Message, StringComparison.Ordinal);

        using var response = await client.PutAsJsonAsync($"/api/vendors/{vendor!["id"]!.GetValue<int>()}",
            new { approved = true, dpaSigned = true, lastAssessmentOn = "2026-10-01", assessmentDueOn = "2027-10-01" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CheckStatus.Pass, (await RegisterResultAsync("acme", "third-party.apps-approved")).Status);
        Assert.Equal(CheckStatus.Pass, (await RegisterResultAsync("acme", "third-party.sensitive-access-assessed")).Status);
        var item = Assert.Single(await GetValuesAsync(client, "/odata/InventoryItems"));
        Assert.Equal(("Klaviyo", true, "customer, order"), (item!["Vendor"]!.GetValue<string>(), item["Approved"]!.GetValue<bool>(), item["DataReach"]!.GetValue<string>()));

        var page = await ClientFor(null).GetStringAsync("/third-parties?workspace=acme");
        Assert.Contains("data-item=\"acme.myshopify.com/shopify-app/klaviyo-email-marketing\"", page, StringComparison.Ordinal);
        Assert.Contains("data-vendor=\"Klaviyo\"", page, StringComparison.Ordinal);
        Assert.Contains("2027-10-01", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_UnknownVendor_IsNotFound()
    {
        await Workspace("acme").BuildAsync();

        using var response = await ClientFor("acme").PutAsJsonAsync("/api/vendors/999", new { approved = true });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ImportCsv_WithQuotedCommasBadRowsAndDuplicates_SavesTheGoodRowsAndListsEachRejectedOne()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        Assert.Equal(201, (await PostJsonAsync(client, "/api/vendors", new { name = "Slack", owner = "old@acme.example" })).Status);
        var csv = CsvHeader
            + "\"Amasty, Ltd.\",yes,High,\"Ops, Magento\",yes,2026-01-15,2027-01-15,\"Amasty; amasty-promo\"\r\n"
            + "slack,Y,low,it@acme.example,no,,,slack\r\n"
            + "Broken Tier,yes,extreme,x,yes,,,\r\n"
            + "Bad Date,yes,low,x,yes,15/01/2026,,\r\n"
            + ",yes,low,x,yes,,,\r\n"
            + "\"Amasty, LTD.\",no,low,x,no,,,\r\n"
            + "\r\n"
            + "\"Quote \"\"Co\"\"\",no,medium,,no,,,\"multi\nline\"\r\n";

        var (status, body) = await ImportAsync(client, "vendors.csv", "text/csv", Encoding.UTF8.GetBytes(csv));

        Assert.Equal(200, status);
        Assert.Equal(3, body!["accepted"]!.GetValue<int>());
        Assert.Equal(2, body["created"]!.GetValue<int>());
        Assert.Equal(1, body["updated"]!.GetValue<int>());
        var rejected = body["rejected"]!.AsArray().Select(r => $"{r!["row"]}: {r["reason"]}").ToList();
        Assert.Equal(4, rejected.Count);
        Assert.StartsWith("4: 'extreme' is not a risk tier", rejected[0], StringComparison.Ordinal);
        Assert.StartsWith("5: '15/01/2026' is not a last assessment date", rejected[1], StringComparison.Ordinal);
        Assert.StartsWith("6: Name is required", rejected[2], StringComparison.Ordinal);
        Assert.Equal("7: 'Amasty, LTD.' appears again; row 2 already imports it.", rejected[3]);

        var vendors = (await GetJsonAsync(client, "/api/vendors")).AsArray().ToDictionary(v => v!["name"]!.GetValue<string>());
        Assert.Equal(["Amasty, Ltd.", "Quote \"Co\"", "Slack"], vendors.Keys.Order(StringComparer.Ordinal));
        var amasty = vendors["Amasty, Ltd."]!;
        Assert.Equal(("Ops, Magento", "High", "2027-01-15"), (amasty["owner"]!.GetValue<string>(), amasty["riskTier"]!.GetValue<string>(), amasty["assessmentDueOn"]!.GetValue<string>()));
        Assert.Equal(["Amasty", "amasty-promo"], amasty["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(("it@acme.example", true, "Low"), (vendors["Slack"]!["owner"]!.GetValue<string>(), vendors["Slack"]!["approved"]!.GetValue<bool>(), vendors["Slack"]!["riskTier"]!.GetValue<string>()));
        Assert.Equal(["multi", "line"], vendors["Quote \"Co\""]!["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task ImportXlsx_RealWorkbook_ReadsTextNumbersDatesAndBooleans()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        var workbook = TestWorkbook.Build(
            ["Supplier", "Approved", "Risk", "Owner", "DPA", "Last assessed", "Next assessment", "Apps"],
            [TestWorkbook.TextCell("PixelPop"), TestWorkbook.BoolCell(true), TestWorkbook.TextCell("Critical"), TestWorkbook.TextCell("ops@acme.example"), TestWorkbook.TextCell("signed"), TestWorkbook.DateCell(new DateOnly(2026, 3, 1)), TestWorkbook.TextCell("2027-03-01"), TestWorkbook.TextCell("pixelpop, pixel-pop-pro")],
            [TestWorkbook.TextCell("Nameless Tier"), TestWorkbook.BoolCell(false), TestWorkbook.TextCell("urgent"), TestWorkbook.TextCell(""), TestWorkbook.TextCell("no"), TestWorkbook.TextCell(""), TestWorkbook.TextCell(""), TestWorkbook.TextCell("")],
            [TestWorkbook.TextCell("Store Locator"), TestWorkbook.TextCell("no"), TestWorkbook.TextCell("low"), TestWorkbook.TextCell(""), TestWorkbook.BoolCell(false), TestWorkbook.TextCell(""), TestWorkbook.TextCell(""), TestWorkbook.TextCell("store-locator")]);

        var (status, body) = await ImportAsync(client, "register.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook);

        Assert.Equal(200, status);
        Assert.Equal(2, body!["accepted"]!.GetValue<int>());
        var rejected = Assert.Single(body["rejected"]!.AsArray());
        Assert.Equal(3, rejected!["row"]!.GetValue<int>());
        Assert.Equal("Nameless Tier", rejected["name"]!.GetValue<string>());
        var pixelpop = (await GetJsonAsync(client, "/api/vendors")).AsArray().Single(v => v!["name"]!.GetValue<string>() == "PixelPop")!;
        Assert.Equal(("Critical", true, true, "2026-03-01", "2027-03-01"), (
            pixelpop["riskTier"]!.GetValue<string>(), pixelpop["approved"]!.GetValue<bool>(), pixelpop["dpaSigned"]!.GetValue<bool>(),
            pixelpop["lastAssessmentOn"]!.GetValue<string>(), pixelpop["assessmentDueOn"]!.GetValue<string>()));
        Assert.Equal(["pixelpop", "pixel-pop-pro"], pixelpop["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task ImportXlsx_CorruptWorkbook_Answers400AndChangesNothing()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        Assert.Equal(201, (await PostJsonAsync(client, "/api/vendors", new { name = "Slack", approved = true })).Status);
        var workbook = TestWorkbook.Build(["Name", "Approved"], [TestWorkbook.TextCell("Slack"), TestWorkbook.TextCell("no")]);
        var corrupt = workbook[..(workbook.Length / 2)];

        var (status, body) = await ImportAsync(client, "register.xlsx", "application/octet-stream", corrupt);

        Assert.Equal(400, status);
        Assert.Contains("not a readable Excel workbook", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Assert.Single((await GetJsonAsync(client, "/api/vendors")).AsArray())!["approved"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Import_UnknownFormatOrNoNameColumn_Answers400()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        var (pdf, pdfBody) = await ImportAsync(client, "register.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.7"));
        var (noName, noNameBody) = await ImportAsync(client, "register.csv", "text/csv", Encoding.UTF8.GetBytes("Owner,Approved\r\nx,yes\r\n"));

        Assert.Equal(400, pdf);
        Assert.Contains("neither CSV", pdfBody!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, noName);
        Assert.Contains("name", noNameBody!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await GetJsonAsync(client, "/api/vendors")).AsArray());
    }

    private static FakeShopifyState Store()
    {
        var state = new FakeShopifyState();
        state.Apps.Add(new FakeApp("gid://shopify/AppInstallation/11", "Klaviyo", "klaviyo-email-marketing", ["read_customers", "read_orders"]));
        return state;
    }

    private async Task CollectShopifyAsync(string slug, FakeShopifyServer shopify)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var workspace = await services.GetRequiredService<WorkspaceDirectory>().FindAsync(slug, CancellationToken.None);
        services.GetRequiredService<CallerContext>().Set(workspace!.Id, "test");
        var db = services.GetRequiredService<ControlsDbContext>();
        var system = new ConnectedSystem
        {
            WorkspaceId = workspace.Id, Kind = SystemKinds.Shopify, Name = shopify.State.Domain, BaseUrl = shopify.BaseUrl.AbsoluteUri,
            CredentialName = ApiTestFactory.CredentialName,
        };
        db.Systems.Add(system);
        await db.SaveChangesAsync();
        var run = await services.GetRequiredService<CollectionRunner>().RunAsync(system.Id, "manual", CancellationToken.None);
        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
    }

    private async Task<T> InWorkspaceAsync<T>(string slug, Func<ControlsDbContext, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().FindAsync(slug, CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspace!.Id, "test");
        return await action(scope.ServiceProvider.GetRequiredService<ControlsDbContext>());
    }

    private Task<List<CollectionRun>> RegisterRunsAsync(string slug) =>
        InWorkspaceAsync(slug, db => db.CollectionRuns.AsNoTracking()
            .Where(r => db.Systems.Any(s => s.Id == r.SystemId && s.Kind == ThirdPartyRegister.Kind)).ToListAsync());

    private Task<CheckEvaluation> RegisterResultAsync(string slug, string checkId) =>
        InWorkspaceAsync(slug, db => db.CheckEvaluations.AsNoTracking().Include(e => e.Findings).SingleAsync(e => e.IsCurrent && e.CheckId == checkId));

    private static async Task<(int Status, JsonNode? Body)> ImportAsync(HttpClient client, string fileName, string contentType, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        using var response = await client.PostAsync("/api/vendors/import", form);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, body.Length == 0 ? null : JsonNode.Parse(body));
    }
}
