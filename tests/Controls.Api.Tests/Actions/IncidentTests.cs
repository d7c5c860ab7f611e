using System.Text.Json.Nodes;
using Controls.Api.Tests.Support;

namespace Controls.Api.Tests.Actions;

/// <summary>Declaring incidents, their notification clocks, and the check that judges them, through the real host.</summary>
public sealed class IncidentTests(ApiTestFactory factory) : ApiTest(factory)
{
    private const string Check = "incidents.notifications-on-time";

    // The factory's clock stands at 2026-11-02 09:00 UTC; awareness is the day before, 12:00 in Berlin.
    private static readonly object EuCardIncident = new
    {
        title = "Card skimmer injected into checkout",
        surfaces = new[] { "checkout", "payment" },
        dataKinds = new[] { "personal-data", "payment-card" },
        jurisdictions = new[] { "EU" },
        awareAt = "2026-11-01T12:00:00+01:00",
        declaredBy = "ciso@acme.example",
    };

    [Fact]
    public async Task Declare_EuCardDataIncident_OwesGdprNis2AndCardBrandNotificationsWithTheirDeadlines()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        var (status, body) = await PostJsonAsync(client, "/api/incidents", EuCardIncident);

        Assert.Equal(201, status);
        Assert.Equal("2026.11", body!["notificationTableVersion"]!.GetValue<string>());
        var notifications = Notifications(body);
        Assert.Equal(
            ["card-brand-mastercard/acquirer", "card-brand-visa/acquirer", "card-brand-visa/incident-report", "gdpr-art33/supervisory-authority",
             "gdpr-art34/data-subjects", "nis2-art23/early-warning", "nis2-art23/final-report", "nis2-art23/incident-notification"],
            notifications.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("2026-11-04T11:00:00Z", Due(notifications["gdpr-art33/supervisory-authority"]));
        Assert.Equal("2026-11-04 12:00 +01:00", notifications["gdpr-art33/supervisory-authority"]["dueLocal"]!.GetValue<string>());
        Assert.Equal("2026-11-02T11:00:00Z", Due(notifications["card-brand-mastercard/acquirer"]));
        Assert.True(notifications["nis2-art23/final-report"]["provisional"]!.GetValue<bool>());
        Assert.True(notifications["gdpr-art34/data-subjects"]["internalTarget"]!.GetValue<bool>());
        Assert.All(notifications.Values, n => Assert.Equal("open", n["state"]!.GetValue<string>()));

        var evaluation = await EvaluationAsync(client);
        Assert.Equal("Pass", evaluation["Status"]!.GetValue<string>());
        Assert.Equal(8, (await GetValuesAsync(client, "/odata/IncidentNotifications?$filter=DueAt ne null")).Count);
        Assert.Equal("Card skimmer injected into checkout", Assert.Single(await GetValuesAsync(client, "/odata/Incidents"))!["Title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Overdue_NotificationsBecomeFindings_UntilRecordedAsDone_AndLateOnesStayFindings()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        var (_, declared) = await PostJsonAsync(client, "/api/incidents", EuCardIncident);
        var id = declared!["id"]!.GetValue<int>();

        // Three hours later every 24-hour clock has run out: Mastercard's acquirer notice, the NIS2 early warning and
        // Visa's internal target.
        Factory.Clock.Advance(TimeSpan.FromHours(3));
        await PostJsonAsync(client, "/api/incidents/register", null);
        var evaluation = await EvaluationAsync(client);
        Assert.Equal("Fail", evaluation["Status"]!.GetValue<string>());
        var findings = Findings(evaluation);
        Assert.Equal(
            [$"incidents/{id}/card-brand-mastercard/acquirer", $"incidents/{id}/card-brand-visa/acquirer", $"incidents/{id}/nis2-art23/early-warning"],
            findings.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("overdue: the deadline was 2026-11-02 11:00 UTC", findings[$"incidents/{id}/card-brand-mastercard/acquirer"], StringComparison.Ordinal);
        Assert.Contains("overdue: the internal target was 2026-11-02 11:00 UTC", findings[$"incidents/{id}/card-brand-visa/acquirer"], StringComparison.Ordinal);

        // Made at 11:30 UTC, half an hour late: no longer overdue, but a late notification is still a finding in the audit period.
        var mastercard = Notifications(declared)["card-brand-mastercard/acquirer"]["id"]!.GetValue<int>();
        var (status, body) = await PostJsonAsync(client, $"/api/incidents/{id}/notifications/{mastercard}/done",
            new { doneAt = "2026-11-02T11:30:00Z", doneBy = "payments-lead@acme.example", reference = "Acquirer case 55-1234" });
        Assert.Equal(200, status);
        Assert.Equal("done-late", Notifications(body!)["card-brand-mastercard/acquirer"]["state"]!.GetValue<string>());
        Assert.Equal("overdue", Notifications(body!)["nis2-art23/early-warning"]["state"]!.GetValue<string>());
        Assert.Contains(
            "made late: 2026-11-02 11:30 UTC by payments-lead@acme.example, 0.5 h after the deadline 2026-11-02 11:00 UTC",
            Findings(await EvaluationAsync(client))[$"incidents/{id}/card-brand-mastercard/acquirer"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordingTheNis2Notification_StartsTheFinalReportClockFromWhenItWasMade()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        var (_, declared) = await PostJsonAsync(client, "/api/incidents", EuCardIncident);
        var id = declared!["id"]!.GetValue<int>();
        var nis2 = Notifications(declared)["nis2-art23/incident-notification"]["id"]!.GetValue<int>();

        var (_, body) = await PostJsonAsync(client, $"/api/incidents/{id}/notifications/{nis2}/done", new { doneAt = "2026-11-02T08:00:00Z", doneBy = "dpo@acme.example" });

        var final = Notifications(body!)["nis2-art23/final-report"];
        Assert.False(final["provisional"]!.GetValue<bool>());
        Assert.Equal("2026-12-02T08:00:00Z", Due(final));
    }

    [Fact]
    public async Task SecIncident_WaitsForTheMaterialityDetermination_ThenCountsFourBusinessDays()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");
        var (_, declared) = await PostJsonAsync(client, "/api/incidents", new
        {
            title = "Ransomware on the order management system",
            dataKinds = new[] { "material-cybersecurity" },
            jurisdictions = new[] { "US-SEC" },
            awareAt = "2026-10-29T14:00:00-04:00",
            declaredBy = "ciso@acme.example",
        });
        var sec = Notifications(declared!)["sec-8k-1-05/form-8k"];
        Assert.Equal("waiting", sec["state"]!.GetValue<string>());
        Assert.Equal("the materiality determination", sec["waitingFor"]!.GetValue<string>());

        // Determined material Friday 30 October 16:00 EDT: Mon 2, Tue 3, Wed 4, Thu 5 November (EST from 1 November).
        var (status, body) = await PostJsonAsync(client, $"/api/incidents/{declared!["id"]}/materiality", new { determinedAt = "2026-10-30T16:00:00-04:00" });

        Assert.Equal(200, status);
        Assert.Equal("2026-11-05T22:30:00Z", Due(Notifications(body!)["sec-8k-1-05/form-8k"]));
    }

    [Fact]
    public async Task NoIncidentEverDeclared_RecordingTheEmptyRegister_Passes()
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        var (status, _) = await PostJsonAsync(client, "/api/incidents/register", null);

        Assert.Equal(200, status);
        var evaluation = await EvaluationAsync(client);
        Assert.Equal("Pass", evaluation["Status"]!.GetValue<string>());
        Assert.Equal("No incidents declared.", evaluation["Summary"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("awareAt", "2026-11-03T09:00:00Z", "personal-data", "EU", "Awareness cannot be in the future")]
    [InlineData("dataKinds", "2026-11-01T09:00:00Z", "gossip", "EU", "'gossip' is not a data kind")]
    [InlineData("jurisdictions", "2026-11-01T09:00:00Z", "personal-data", "Europe!", "'Europe!' is not a jurisdiction code")]
    public async Task Declare_InvalidFacts_AnswersValidationProblemNamingTheFieldAndSavesNothing(string field, string awareAt, string dataKind, string jurisdiction, string message)
    {
        await Workspace("acme").BuildAsync();
        var client = ClientFor("acme");

        var (status, body) = await PostJsonAsync(client, "/api/incidents", new
        {
            title = "x", dataKinds = new[] { dataKind }, jurisdictions = new[] { jurisdiction }, awareAt, declaredBy = "me@acme.example",
        });

        Assert.Equal(400, status);
        Assert.Contains(message, body!["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await GetValuesAsync(client, "/odata/Incidents"));
    }

    [Fact]
    public async Task Notifications_CannotBeRecordedTwiceOrInTheFuture_AndOtherWorkspacesSeeNothing()
    {
        await Workspace("acme").BuildAsync();
        await Workspace("other").BuildAsync();
        var client = ClientFor("acme");
        var (_, declared) = await PostJsonAsync(client, "/api/incidents", EuCardIncident);
        var id = declared!["id"]!.GetValue<int>();
        var gdpr = Notifications(declared)["gdpr-art33/supervisory-authority"]["id"]!.GetValue<int>();

        var (future, _) = await PostJsonAsync(client, $"/api/incidents/{id}/notifications/{gdpr}/done", new { doneAt = "2026-11-05T00:00:00Z", doneBy = "dpo@acme.example" });
        var (first, _) = await PostJsonAsync(client, $"/api/incidents/{id}/notifications/{gdpr}/done", new { doneBy = "dpo@acme.example", reference = "BfDI-2026-991" });
        var (second, body) = await PostJsonAsync(client, $"/api/incidents/{id}/notifications/{gdpr}/done", new { doneBy = "dpo@acme.example" });
        var (foreign, _) = await PostJsonAsync(ClientFor("other"), $"/api/incidents/{id}/notifications/{gdpr}/done", new { doneBy = "mallory@evil.example" });

        Assert.Equal((400, 200, 400, 404), (future, first, second, foreign));
        Assert.Contains("already recorded as done", body!["errors"]!["notification"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await GetValuesAsync(ClientFor("other"), "/odata/IncidentNotifications"));
    }

    private static async Task<JsonNode> EvaluationAsync(HttpClient client) =>
        Assert.Single(await GetValuesAsync(client, $"/odata/Evaluations?$filter=CheckId eq '{Check}' and IsCurrent eq true&$expand=Findings"))!;

    private static Dictionary<string, string> Findings(JsonNode evaluation) =>
        evaluation["Findings"]!.AsArray().ToDictionary(f => f!["Resource"]!.GetValue<string>(), f => f!["Message"]!.GetValue<string>());

    private static Dictionary<string, JsonNode> Notifications(JsonNode incident) =>
        incident["notifications"]!.AsArray().ToDictionary(n => $"{n!["regimeId"]}/{n["deadlineId"]}", n => n!);

    private static string Due(JsonNode notification) =>
        DateTime.Parse(notification["dueAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal)
            .ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
