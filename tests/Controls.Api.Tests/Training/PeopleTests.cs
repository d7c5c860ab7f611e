using System.Net;
using System.Net.Http.Json;
using Controls.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Controls.Api.Tests.Training;

public sealed class PeopleTests(ApiTestFactory factory) : TrainingApiTest(factory)
{
    [Fact]
    public async Task Upsert_SameEmailTwice_CreatesThenUpdatesThePersonAndRecordsTheRegister()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        var (created, body) = await PostJsonAsync(client, "/api/people", new { name = "Jane Doe", email = "Jane@Acme.example", team = "Platform", roles = new[] { "Engineering" } });
        var (updated, _) = await PostJsonAsync(client, "/api/people", new { email = "jane@acme.example", name = "Jane Doe", surfaces = new[] { "checkout" } });

        Assert.Equal((201, 200), (created, updated));
        Assert.Equal("jane@acme.example", body!["key"]!.GetValue<string>());
        var person = Assert.Single((await GetJsonAsync(client, "/api/people")).AsArray())!;
        Assert.Equal(("Platform", "engineering", "checkout"), (person["team"]!.GetValue<string>(), person["roles"]![0]!.GetValue<string>(), person["surfaces"]![0]!.GetValue<string>()));
        Assert.Equal(2, (await RegisterRunsAsync("acme")).Count);
    }

    [Fact]
    public async Task Create_InvalidFields_AnswersValidationProblemNamingEachAndSavesNothing()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        var (status, body) = await PostJsonAsync(client, "/api/people", new
        {
            name = "", email = "not-an-email", surfaces = new[] { "moon-base" }, aliases = new[] { "octocat" }, startedOn = "2026-05-01", leftOn = "2026-04-01",
        });

        Assert.Equal(400, status);
        var errors = body!["errors"]!.AsObject();
        Assert.Equal(["aliases", "email", "leftOn", "name", "surfaces"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("github:octocat", errors["aliases"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await GetJsonAsync(client, "/api/people")).AsArray());
    }

    [Fact]
    public async Task Update_ChangesOnlyTheFieldsGivenAndUnknownKeyIsNotFound()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        await AddPersonAsync(client, new { name = "Jane Doe", email = "jane@acme.example", team = "Platform" });

        using var response = await client.PutAsJsonAsync("/api/people/JANE@acme.example", new { leftOn = "2026-10-31" });
        using var missing = await client.PutAsJsonAsync("/api/people/nobody@acme.example", new { leftOn = "2026-10-31" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (response.StatusCode, missing.StatusCode));
        var person = Assert.Single((await GetJsonAsync(client, "/api/people")).AsArray())!;
        Assert.Equal(("Platform", "2026-10-31"), (person["team"]!.GetValue<string>(), person["leftOn"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ImportCsv_HrExportWithBadAndDuplicateRows_SavesTheGoodRowsAndRemembersTheMapping()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        const string csv = "Employee,Work Email,Department,Job Roles,Logins,Hire Date,Termination Date\r\n"
            + "Jane Doe,jane@acme.example,Platform,engineering;on-call,github:janedoe;jane.doe@gmail.example,2024-02-01,\r\n"
            + "Omar Haddad,omar@acme.example,Commerce,ecommerce-managers,\"shopify:omar@acme.example, magento:ohaddad\",01.03.2025,\r\n"
            + "Broken Row,not-an-email,Commerce,,,,\r\n"
            + "Jane Again,JANE@acme.example,Platform,,,,\r\n"
            + "Ex Employee,ex@acme.example,Support,,,2020-01-01,2026-09-30\r\n";

        var (status, body) = await UploadCsvAsync(client, "/api/people/import", csv);

        Assert.Equal(200, status);
        Assert.Equal((3, 3), (body!["accepted"]!.GetValue<int>(), body["created"]!.GetValue<int>()));
        var rejected = body["rejected"]!.AsArray();
        Assert.Equal([4, 5], rejected.Select(r => r!["row"]!.GetValue<int>()));
        Assert.Contains("not an e-mail", rejected[0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("appears again", rejected[1]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var omar = await InWorkspaceAsync("acme", db => db.People.AsNoTracking().SingleAsync(p => p.Key == "omar@acme.example"));
        Assert.Equal(["shopify:omar@acme.example", "magento:ohaddad"], omar.Aliases);
        Assert.Equal(new DateOnly(2025, 3, 1), omar.StartedOn);
        var mapping = await InWorkspaceAsync("acme", db => db.ImportColumnMappings.AsNoTracking().SingleAsync(m => m.Purpose == "people"));
        Assert.Contains("\"leftOn\":\"Termination Date\"", mapping.ColumnsJson, StringComparison.Ordinal);
    }
}
