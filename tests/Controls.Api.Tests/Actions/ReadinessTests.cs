using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Controls.Api.Tests.Support;

namespace Controls.Api.Tests.Actions;

/// <summary>Playbook attestations, tabletop exercises, the readiness score and the readiness check, through the real host.</summary>
public sealed class ReadinessTests(ApiTestFactory factory) : ApiTest(factory)
{
    private const string Check = "incidents.response-readiness";

    private static readonly string[] AllSurfaces =
        ["storefront", "checkout", "payment", "product-catalog", "customer-account", "tenant-admin", "user-provisioning", "app-settings", "employee-portal"];

    // The factory's clock stands at 2026-11-02 09:00 UTC.
    private static object PaymentPlaybook(string? owner = "payments-lead@acme.example", string surface = "payment", string reviewedOn = "2026-10-01") => new
    {
        surface,
        title = "Payment incident playbook",
        owner,
        location = "https://wiki.acme.example/ir/payment",
        reviewedOn,
    };

    private static object Tabletop(string heldOn, params string[] surfaces) => new
    {
        scenario = "Card skimmer injected into the checkout page",
        surfaces,
        heldOn,
        facilitator = "ciso@acme.example",
        participants = new[] { "payments-lead@acme.example", "support-lead@acme.example" },
        outcome = "Acquirer contact list out of date; owner updates it by 2026-12-01.",
    };

    [Fact]
    public async Task AttestPlaybook_UnknownSurface_Is400NamingTheValidSurfaces()
    {
        await Workspace("acme").BuildAsync();

        var (status, body) = await PostJsonAsync(ClientFor("acme"), "/api/readiness/playbooks", PaymentPlaybook(surface: "paymnet"));

        Assert.Equal(400, status);
        var message = body!["errors"]!["surface"]![0]!.GetValue<string>();
        Assert.Contains("Unknown surface 'paymnet'", message, StringComparison.Ordinal);
        Assert.All(AllSurfaces, s => Assert.Contains(s, message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AttestPlaybook_ReviewedInTheFuture_Is400()
    {
        await Workspace("acme").BuildAsync();

        var (status, body) = await PostJsonAsync(ClientFor("acme"), "/api/readiness/playbooks", PaymentPlaybook(reviewedOn: "2026-11-03"));

        Assert.Equal(400, status);
        Assert.Contains("is in the future", body!["errors"]!["reviewedOn"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttestPlaybook_MalformedDate_Is400()
    {
        await Workspace("acme").BuildAsync();

        var (status, _) = await PostJsonAsync(ClientFor("acme"), "/api/readiness/playbooks", PaymentPlaybook(reviewedOn: "last spring"));

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task AttestPlaybook_WithoutOwner_Is400AndRecordsNothing()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        var (status, body) = await PostJsonAsync(client, "/api/readiness/playbooks", PaymentPlaybook(owner: null));

        Assert.Equal(400, status);
        Assert.NotNull(body!["errors"]!["owner"]);
        Assert.Empty(await GetValuesAsync(client, "/odata/PlaybookAttestations"));
    }

    [Fact]
    public async Task RecordTabletop_HeldInTheFutureOrOnAnUnknownSurface_Is400()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        var (future, futureBody) = await PostJsonAsync(client, "/api/readiness/tabletops", Tabletop("2026-11-09", "payment"));
        var (unknown, unknownBody) = await PostJsonAsync(client, "/api/readiness/tabletops", Tabletop("2026-10-09", "payment", "warehouse"));

        Assert.Equal(400, future);
        Assert.Contains("is in the future", futureBody!["errors"]!["heldOn"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, unknown);
        Assert.Contains("'warehouse'", unknownBody!["errors"]!["surfaces"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await GetValuesAsync(client, "/odata/TabletopExercises"));
    }

    [Fact]
    public async Task AttestPlaybook_WithFile_KeepsTheFileInTheLedger_AndTheChainsStillVerify()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        var document = Encoding.UTF8.GetBytes("# Payment incident playbook\n1. Call the acquirer within 24 hours.\n");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("payment"), "surface" },
            { new StringContent("Payment incident playbook"), "title" },
            { new StringContent("payments-lead@acme.example"), "owner" },
            { new StringContent("https://wiki.acme.example/ir/payment"), "location" },
            { new StringContent("2026-10-01"), "reviewedOn" },
        };
        var file = new ByteArrayContent(document);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
        form.Add(file, "file", "payment-playbook.md");

        using var response = await client.PostAsync("/api/readiness/playbooks", form);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(201, (int)response.StatusCode);
        var sha = Convert.ToHexStringLower(SHA256.HashData(document));
        Assert.Equal(sha, body["fileSha256"]!.GetValue<string>());
        Assert.Equal("payment-playbook.md", body["fileName"]!.GetValue<string>());
        var recordId = body["fileEvidenceRecordId"]!.GetValue<long>();
        var stored = JsonNode.Parse(await client.GetStringAsync($"/api/evidence/{recordId}/content"))!;
        Assert.Equal(document, Convert.FromBase64String(stored["contentBase64"]!.GetValue<string>()));
        Assert.Equal(sha, stored["fileSha256"]!.GetValue<string>());
        Assert.Equal(body["id"]!.GetValue<int>(), stored["attestationId"]!.GetValue<int>());

        var evidence = await GetValuesAsync(client, "/odata/Evidence?$filter=startswith(Kind,'readiness.')");
        Assert.Equal(["readiness.playbook-file", "readiness.register"], evidence.Select(e => e!["Kind"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var (verifyStatus, verify) = await PostJsonAsync(client, "/api/evidence/verify", null);
        Assert.Equal(200, verifyStatus);
        Assert.True(verify!["intact"]!.GetValue<bool>());

        var payment = await GetJsonAsync(client, "/api/readiness/payment");
        Assert.Equal("payment-playbook.md", payment["components"]!["playbook"]!["fileName"]!.GetValue<string>());
        Assert.Equal("2027-10-01", payment["components"]!["playbook"]!["nextReviewDue"]!.GetValue<string>());
    }

    [Fact]
    public async Task Readiness_WithoutAnything_ListsEverySurfaceNotReady_DetectionFromCurrentCheckStatuses()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        await PostJsonAsync(client, "/api/evaluate", null);

        var list = (await GetJsonAsync(client, "/api/readiness")).AsArray();

        Assert.Equal(AllSurfaces, list.Select(s => s!["surface"]!.GetValue<string>()));
        Assert.All(list, s => Assert.Equal("not-ready", s!["level"]!.GetValue<string>()));
        var payment = list.Single(s => s!["surface"]!.GetValue<string>() == "payment")!;
        var detection = payment["components"]!["detection"]!;

        // No platform is connected: every detection check is NeedsEvidence, which is "not wired", never fine.
        Assert.True(detection["measured"]!.GetValue<bool>());
        Assert.Equal(0, detection["wired"]!.GetValue<int>());
        Assert.Equal(4, detection["counted"]!.GetValue<int>());
        Assert.All(detection["checks"]!.AsArray(), c => Assert.Equal("NeedsEvidence", c!["status"]!.GetValue<string>()));
        var portal = list.Single(s => s!["surface"]!.GetValue<string>() == "employee-portal")!;
        Assert.False(portal["components"]!["detection"]!["measured"]!.GetValue<bool>());
        Assert.Contains(portal["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("employee-portal: detection not measured:", StringComparison.Ordinal));

        var (status, _) = await PostJsonAsync(client, "/api/readiness/playbooks", PaymentPlaybook());
        Assert.Equal(201, status);
        var afterPlaybook = await GetJsonAsync(client, "/api/readiness/payment");
        Assert.Equal(40, afterPlaybook["score"]!.GetValue<int>());
        Assert.Equal("not-ready", afterPlaybook["level"]!.GetValue<string>());

        await PostJsonAsync(client, "/api/readiness/tabletops", Tabletop("2026-10-15", "payment", "checkout"));
        var afterTabletop = await GetJsonAsync(client, "/api/readiness/payment");
        Assert.Equal(70, afterTabletop["score"]!.GetValue<int>());
        Assert.Equal("partial", afterTabletop["level"]!.GetValue<string>());
        Assert.Equal("2027-04-15", afterTabletop["components"]!["tabletop"]!["nextDue"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_RecordsTheLatestAttestationPerSurfaceWithItsHistory_AndEveryExercise()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        var (_, first) = await PostJsonAsync(client, "/api/readiness/playbooks", PaymentPlaybook(reviewedOn: "2025-10-01"));
        var (_, second) = await PostJsonAsync(client, "/api/readiness/playbooks", PaymentPlaybook(owner: "cfo@acme.example", reviewedOn: "2026-10-01"));
        await PostJsonAsync(client, "/api/readiness/tabletops", Tabletop("2026-10-15", "payment", "checkout"));

        var latest = (await GetValuesAsync(client, "/odata/Evidence?$filter=Kind eq 'readiness.register'&$orderby=Id desc&$top=1"))[0]!;
        var register = JsonNode.Parse(await client.GetStringAsync($"/api/evidence/{latest["Id"]!.GetValue<long>()}/content"))!;

        var payment = register["surfaces"]!.AsArray().Single(s => s!["surface"]!.GetValue<string>() == "payment")!;
        Assert.Equal(second!["id"]!.GetValue<int>(), payment["latestPlaybook"]!["id"]!.GetValue<int>());
        Assert.Equal("cfo@acme.example", payment["latestPlaybook"]!["owner"]!.GetValue<string>());
        Assert.Equal([first!["id"]!.GetValue<int>()], payment["playbookHistoryIds"]!.AsArray().Select(i => i!.GetValue<int>()));
        Assert.Equal("2026-10-15", payment["lastTabletopOn"]!.GetValue<string>());
        Assert.Equal(182, payment["tabletopCadenceDays"]!.GetValue<int>());
        var exercise = Assert.Single(register["tabletops"]!.AsArray())!;
        Assert.Equal(["payment", "checkout"], exercise["surfaces"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["payments-lead@acme.example", "support-lead@acme.example"], exercise["participants"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task GetReadiness_UnknownSurface_Is404()
    {
        await Workspace("acme").BuildAsync();

        using var response = await ClientFor("acme").GetAsync("/api/readiness/warehouse");

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task ResponseReadinessCheck_FailsPerSurfaceMissingAPlaybookOrWithAnOverdueTabletop_AndPassesOnceEveryOneIsCovered()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        foreach (var surface in AllSurfaces)
        {
            var (status, _) = await PostJsonAsync(client, "/api/readiness/playbooks", PaymentPlaybook(surface: surface));
            Assert.Equal(201, status);
        }

        // Payment's exercise is older than its half-year cadence; every other surface was exercised last month.
        await PostJsonAsync(client, "/api/readiness/tabletops", Tabletop("2026-03-02", "payment"));
        await PostJsonAsync(client, "/api/readiness/tabletops", Tabletop("2026-10-20", [.. AllSurfaces.Where(s => s != "payment")]));

        var failing = await EvaluationAsync(client);
        Assert.Equal("Fail", failing["Status"]!.GetValue<string>());
        var finding = Assert.Single(failing["Findings"]!.AsArray())!;
        Assert.Equal("readiness/payment", finding["Resource"]!.GetValue<string>());
        Assert.Equal("payment: last tabletop 2026-03-02, older than 182 days (was due 2026-08-31)", finding["Message"]!.GetValue<string>());

        await PostJsonAsync(client, "/api/readiness/tabletops", Tabletop("2026-11-01", "payment"));

        var passing = await EvaluationAsync(client);
        Assert.Equal("Pass", passing["Status"]!.GetValue<string>());

        // A year on, the register is re-collected: every playbook review and every exercise is overdue.
        Factory.Clock.Advance(TimeSpan.FromDays(400));
        await PostJsonAsync(client, "/api/readiness/tabletops", Tabletop("2027-12-01", "storefront"));
        var expired = await EvaluationAsync(client);
        Assert.Equal("Fail", expired["Status"]!.GetValue<string>());
        Assert.Contains(expired["Findings"]!.AsArray(), f => f!["Message"]!.GetValue<string>().StartsWith("payment: playbook 'Payment incident playbook'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResponseReadinessCheck_WithoutRegisterEvidence_IsNeverPass()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        await PostJsonAsync(client, "/api/evaluate", null);

        var evaluation = await EvaluationAsync(client);

        Assert.Equal("NeedsEvidence", evaluation["Status"]!.GetValue<string>());
    }

    [Fact]
    public async Task OData_ExposesSurfaceReadinessPlaybooksAndTabletops()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        await PostJsonAsync(client, "/api/readiness/playbooks", PaymentPlaybook());
        await PostJsonAsync(client, "/api/readiness/tabletops", Tabletop("2026-10-15", "payment"));

        var notReady = await GetValuesAsync(client, "/odata/SurfaceReadiness?$filter=Level eq 'not-ready'&$orderby=Surface");
        var payment = await GetJsonAsync(client, "/odata/SurfaceReadiness('payment')");
        var playbooks = await GetValuesAsync(client, "/odata/PlaybookAttestations?$filter=Surface eq 'payment'");
        var tabletops = await GetValuesAsync(client, "/odata/TabletopExercises");
        var owned = await GetValuesAsync(client, "/odata/SurfaceReadiness?$filter=contains(PlaybookOwner,'payments')&$select=Surface");

        Assert.Equal(8, notReady.Count);
        Assert.DoesNotContain(notReady, s => s!["Surface"]!.GetValue<string>() == "payment");
        Assert.Equal(70, payment["Score"]!.GetValue<int>());
        Assert.Equal("partial", payment["Level"]!.GetValue<string>());
        Assert.Equal("payments-lead@acme.example", payment["PlaybookOwner"]!.GetValue<string>());
        Assert.Equal("2027-10-01", payment["PlaybookNextReviewDue"]!.GetValue<string>());
        Assert.Equal("2026-10-15", payment["LastTabletopOn"]!.GetValue<string>());
        Assert.Equal("2027-04-15", payment["NextTabletopDue"]!.GetValue<string>());
        Assert.Equal(4, payment["DetectionMeasuredCount"]!.GetValue<int>());
        Assert.Equal("payments-lead@acme.example", Assert.Single(playbooks)!["Owner"]!.GetValue<string>());
        Assert.Equal(["payment"], Assert.Single(tabletops)!["Surfaces"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("payment", Assert.Single(owned)!["Surface"]!.GetValue<string>());
    }

    private static async Task<JsonNode> EvaluationAsync(HttpClient client) =>
        Assert.Single(await GetValuesAsync(client, $"/odata/Evaluations?$filter=CheckId eq '{Check}' and IsCurrent eq true&$expand=Findings"))!;
}
