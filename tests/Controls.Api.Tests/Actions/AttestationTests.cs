using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Controls.Api.Tests.Support;

namespace Controls.Api.Tests.Actions;

public sealed class AttestationTests(ApiTestFactory factory) : ApiTest(factory)
{
    private const string PolicyCheck = "attested.policy-set-approved";

    private static MultipartFormDataContent Form(byte[] file, string? title = "Security policy set v3", string? owner = "Head of Information Security", string? validUntil = null)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(content, "file", "policies.pdf");
        if (title is not null)
        {
            form.Add(new StringContent(title), "title");
        }

        if (owner is not null)
        {
            form.Add(new StringContent(owner), "owner");
        }

        if (validUntil is not null)
        {
            form.Add(new StringContent(validUntil), "validUntil");
        }

        return form;
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> UploadAsync(HttpClient client, string checkId, MultipartFormDataContent form)
    {
        using var response = await client.PostAsync($"/api/checks/{checkId}/attestations", form);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length == 0 ? null : JsonNode.Parse(body));
    }

    private static async Task<string> CheckStatusAsync(HttpClient client, string checkId) =>
        (string)(await GetJsonAsync(client, $"/odata/Checks('{checkId}')?$select=Status"))["Status"]!;

    [Fact]
    public async Task Upload_TurnsNeedsEvidenceIntoPass_AndExpiryTurnsItBack()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        Assert.Equal("NeedsEvidence", await CheckStatusAsync(client, PolicyCheck));

        var validUntil = Factory.Clock.GetUtcNow().AddDays(30).ToString("O", CultureInfo.InvariantCulture);
        var (status, body) = await UploadAsync(client, PolicyCheck, Form("%PDF-1.7 approved"u8.ToArray(), validUntil: validUntil));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("Pass", (string?)body!["checkStatus"]);
        Assert.Equal("Pass", await CheckStatusAsync(client, PolicyCheck));
        Assert.DoesNotContain(await GetValuesAsync(client, "/odata/Gaps?$top=1000"), g => (string?)g!["CheckId"] == PolicyCheck);

        Factory.Clock.Advance(TimeSpan.FromDays(31));
        var (evaluated, _) = await PostJsonAsync(client, "/api/evaluate", null);

        Assert.Equal(200, evaluated);
        Assert.Equal("NeedsEvidence", await CheckStatusAsync(client, PolicyCheck));
        var current = Assert.Single(await GetValuesAsync(client, $"/odata/Evaluations?$filter=IsCurrent and CheckId eq '{PolicyCheck}'"));
        Assert.Contains("expired", (string)current!["Summary"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_IsStoredInTheWorkspaceLedger_AndTheLedgerStaysVerifiable()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        var file = "%PDF-1.7 roles matrix"u8.ToArray();

        var (_, body) = await UploadAsync(client, PolicyCheck, Form(file));
        var recordId = (long)body!["evidenceRecordId"]!;
        var content = JsonNode.Parse(await client.GetStringAsync($"/api/evidence/{recordId}/content"))!;
        var (_, verification) = await PostJsonAsync(client, "/api/evidence/verify", null);
        var systems = await GetValuesAsync(client, "/odata/Systems");

        Assert.Equal(Convert.ToBase64String(file), (string?)content["contentBase64"]);
        Assert.Equal("Head of Information Security", (string?)content["owner"]);
        Assert.True((bool)verification!["intact"]!);
        var manual = Assert.Single(systems);
        Assert.Equal("manual", (string?)manual!["Kind"]);
        Assert.Equal("uploaded-evidence", (string?)manual["Name"]);
        Assert.False((bool)manual["Enabled"]!);
    }

    [Fact]
    public async Task Upload_ValidUntilBeyondTheFreshnessWindow_IsCappedAtIt()
    {
        await Workspace("acme").BuildAsync();
        var now = Factory.Clock.GetUtcNow();

        var (_, body) = await UploadAsync(ClientFor("acme"), PolicyCheck, Form("x"u8.ToArray(), validUntil: now.AddYears(3).ToString("O", CultureInfo.InvariantCulture)));

        Assert.Equal(now.AddDays(365), DateTimeOffset.Parse((string)body!["validUntil"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }

    [Fact]
    public async Task Upload_ForAnAutomatedCheck_Is400()
    {
        await Workspace("acme").BuildAsync();

        var (status, body) = await UploadAsync(ClientFor("acme"), FixtureOwnershipEvaluator.Id, Form("x"u8.ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("automatically", (string)body!["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ForAnUnknownCheck_Is404()
    {
        await Workspace("acme").BuildAsync();

        var (status, _) = await UploadAsync(ClientFor("acme"), "attested.no-such-check", Form("x"u8.ToArray()));

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Upload_WithoutOwner_Is400NamingTheField()
    {
        await Workspace("acme").BuildAsync();

        var (status, body) = await UploadAsync(ClientFor("acme"), PolicyCheck, Form("x"u8.ToArray(), owner: null));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body!["errors"]!["owner"]);
        Assert.Equal("NeedsEvidence", await CheckStatusAsync(ClientFor("acme"), PolicyCheck));
    }

    [Fact]
    public async Task Upload_OverTwentyMegabytes_Is413()
    {
        await Workspace("acme").BuildAsync();

        var (status, body) = await UploadAsync(ClientFor("acme"), PolicyCheck, Form(new byte[(20 * 1024 * 1024) + 1]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(413, (int)body!["status"]!);
        Assert.Empty(await GetValuesAsync(ClientFor("acme"), "/odata/Evidence"));
    }

    [Fact]
    public async Task Upload_FromAnotherOrigin_IsRefused()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        client.DefaultRequestHeaders.Add("Origin", "https://evil.example");

        var (status, _) = await UploadAsync(client, PolicyCheck, Form("x"u8.ToArray()));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("NeedsEvidence", await CheckStatusAsync(ClientFor("acme"), PolicyCheck));
    }
}
