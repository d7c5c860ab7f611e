using System.Net;
using Controls.Api.Tests.Support;
using Controls.Compliance.Evidence;

namespace Controls.Api.Tests.Actions;

public sealed class EvidenceTests(ApiTestFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Verify_UntouchedLedger_ReportsIntact()
    {
        await Workspace("acme").WithSystem("alpha", ("a", "x"), ("b", "y")).WithSystem("beta", ("c", null)).BuildAsync();

        var (status, body) = await PostJsonAsync(ClientFor("acme"), "/api/evidence/verify", null);

        Assert.Equal(200, status);
        Assert.True((bool)body!["intact"]!);
        Assert.Equal(2, (int)body["systemsChecked"]!);
        Assert.Equal(3, (long)body["recordsChecked"]!);
        Assert.Null(body["firstBreak"]);
    }

    [Fact]
    public async Task Verify_RecordEditedBehindTheApplication_ReportsTheFirstBreak()
    {
        var acme = await Workspace("acme").WithSystem("alpha", ("a", "x"), ("b", "y"), ("c", "z")).BuildAsync();
        var records = await GetValuesAsync(ClientFor("acme"), "/odata/Evidence?$orderby=Sequence");
        var second = records[1]!;
        var tamperedId = (long)second["Id"]!;

        // Someone with database access rewrites what was observed; the application's append-only guard never sees it.
        await using (var connection = await Factory.Database.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE EvidenceRecords SET Subject = 'alpha/innocent' WHERE Id = $id";
            command.Parameters.AddWithValue("$id", tamperedId);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var (status, body) = await PostJsonAsync(ClientFor("acme"), "/api/evidence/verify", null);

        Assert.Equal(200, status);
        Assert.False((bool)body!["intact"]!);
        var firstBreak = body["firstBreak"]!;
        Assert.Equal(acme.System("alpha").Id, (int)firstBreak["systemId"]!);
        Assert.Equal((long)second["Sequence"]!, (long)firstBreak["sequence"]!);
        Assert.Equal(tamperedId, (long)firstBreak["recordId"]!);
        Assert.Contains("altered", (string)firstBreak["reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TamperingInAnotherWorkspace_DoesNotBreakThisOne()
    {
        await Workspace("acme").WithSystem("alpha", ("a", "x")).BuildAsync();
        await Workspace("bolt").WithSystem("beta", ("b", "y")).BuildAsync();
        var boltRecord = (long)Assert.Single(await GetValuesAsync(ClientFor("bolt"), "/odata/Evidence"))!["Id"]!;
        await using (var connection = await Factory.Database.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE EvidenceRecords SET Kind = 'fixture.other' WHERE Id = $id";
            command.Parameters.AddWithValue("$id", boltRecord);
            await command.ExecuteNonQueryAsync();
        }

        var (_, acme) = await PostJsonAsync(ClientFor("acme"), "/api/evidence/verify", null);
        var (_, bolt) = await PostJsonAsync(ClientFor("bolt"), "/api/evidence/verify", null);

        Assert.True((bool)acme!["intact"]!);
        Assert.False((bool)bolt!["intact"]!);
    }

    [Fact]
    public async Task Content_IsTheCanonicalJsonItsSha256Covers()
    {
        await Workspace("acme").WithSystem("alpha", ("checkout", "payments-team")).BuildAsync();
        var client = ClientFor("acme");
        var record = Assert.Single(await GetValuesAsync(client, "/odata/Evidence"))!;

        using var response = await client.GetAsync((string)record["ContentUrl"]!);
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((string)record["ContentSha256"]!, CanonicalJson.Sha256Hex(json));
        Assert.Contains("\"owner\":\"payments-team\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_UnknownRecord_Is404Problem()
    {
        await Workspace("acme").BuildAsync();

        using var response = await ClientFor("acme").GetAsync("/api/evidence/987654/content");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
