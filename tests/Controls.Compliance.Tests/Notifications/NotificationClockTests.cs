using Controls.Compliance.Catalog;
using Controls.Compliance.Notifications;

namespace Controls.Compliance.Tests.Notifications;

/// <summary>The shipped notification table, computed for incidents around daylight-saving changes, holidays and weekends.</summary>
public sealed class NotificationClockTests
{
    private static readonly NotificationTable Table =
        CatalogLoader.Load(Path.Combine(AppContext.BaseDirectory, "control-catalog")).Notifications;

    private static readonly string[] EuPersonalData = ["personal-data"];

    [Fact]
    public void ShippedTable_HasAVersionAndEveryRegimeTheIssueNames()
    {
        Assert.Equal("2026.11", Table.Version);
        foreach (var id in new[] { "gdpr-art33", "gdpr-art34", "nis2-art23", "us-ca-1798-82", "us-ny-899-aa", "us-wa-19-255", "us-fl-501-171", "us-co-6-1-716", "sec-8k-1-05", "card-brand-visa", "card-brand-mastercard" })
        {
            Assert.NotNull(Table.FindRegime(id));
        }
    }

    [Fact]
    public void Gdpr72Hours_IsElapsedTime_AcrossTheSpringForward()
    {
        // Aware Saturday 10:00 in Berlin (UTC+1); clocks go forward on Sunday 29 March 2026.
        var deadline = Single(Facts(At("2026-03-28T10:00:00+01:00"), ["EU"], EuPersonalData), "gdpr-art33/supervisory-authority");

        Assert.Equal(At("2026-03-31T09:00:00Z"), deadline.DueAt);
        Assert.Equal("2026-03-31 11:00 +02:00", deadline.DueLocal(Zone("Europe/Brussels")));
    }

    [Fact]
    public void CalendarDays_EndAtLocalMidnight_AcrossTheFallBack()
    {
        // Aware 20 October 2026 in California (PDT); the 30th day, 19 November, is in PST (UTC-8).
        var deadline = Single(Facts(At("2026-10-20T15:00:00-07:00"), ["US-CA"], EuPersonalData), "us-ca-1798-82/residents");

        Assert.Equal(At("2026-11-20T07:59:59Z"), deadline.DueAt);
    }

    [Fact]
    public void CalendarDays_CountFromTheRegimesLocalDay_NotTheUtcDay()
    {
        // 05:00 UTC on 1 June is still 31 May in California: day 30 is 30 June, not 1 July.
        var deadline = Single(Facts(At("2026-06-01T05:00:00Z"), ["US-CA"], EuPersonalData), "us-ca-1798-82/residents");

        Assert.Equal(At("2026-07-01T06:59:59Z"), deadline.DueAt);
    }

    [Fact]
    public void Sec8K_CountsFourBusinessDays_SkippingThanksgiving_ByTheEdgarCutoff()
    {
        // Determined material Tuesday 24 Nov 2026, 15:00 ET: Wed 25, (Thu 26 Thanksgiving), Fri 27, Mon 30, Tue 1 Dec.
        var facts = Facts(At("2026-11-20T12:00:00Z"), ["US-SEC"], ["material-cybersecurity"]) with { MaterialityDeterminedAt = At("2026-11-24T20:00:00Z") };

        var deadline = Single(facts, "sec-8k-1-05/form-8k");

        Assert.Equal(At("2026-12-01T22:30:00Z"), deadline.DueAt);
        Assert.Equal("2026-12-01 17:30 -05:00", deadline.DueLocal(Zone("America/New_York")));
    }

    [Fact]
    public void Sec8K_UsesTheEasternDay_AndTheObservedIndependenceDay()
    {
        // Thursday 2 July 23:30 EDT is already Friday in UTC. 4 July 2026 is a Saturday, observed Friday 3 July.
        var facts = Facts(At("2026-07-01T12:00:00Z"), ["US-SEC"], ["material-cybersecurity"]) with { MaterialityDeterminedAt = At("2026-07-02T23:30:00-04:00") };

        var deadline = Single(facts, "sec-8k-1-05/form-8k");

        // Business days after Thu 2 July: Mon 6, Tue 7, Wed 8, Thu 9 — by 17:30 EDT.
        Assert.Equal(At("2026-07-09T21:30:00Z"), deadline.DueAt);
    }

    [Fact]
    public void Sec8K_BeforeTheMaterialityDetermination_HasNoDueDateAndSaysWhatItWaitsFor()
    {
        var deadline = Single(Facts(At("2026-11-20T12:00:00Z"), ["US-SEC"], ["material-cybersecurity"]), "sec-8k-1-05/form-8k");

        Assert.Null(deadline.DueAt);
        Assert.Equal("the materiality determination", deadline.WaitingFor);
        Assert.False(deadline.IsOverdue(At("2030-01-01T00:00:00Z")));
    }

    [Fact]
    public void Nis2FinalReport_IsOneMonthAfterTheNotificationWasMade_ClampedToTheMonthEnd()
    {
        var done = new Dictionary<string, DateTimeOffset> { ["nis2-art23/incident-notification"] = At("2026-01-31T10:00:00+01:00") };
        var facts = Facts(At("2026-01-29T08:00:00Z"), ["EU"], ["service-disruption"]) with { Done = done };

        var deadline = Single(facts, "nis2-art23/final-report");

        Assert.Equal(At("2026-02-28T09:00:00Z"), deadline.DueAt);
        Assert.False(deadline.Provisional);
    }

    [Fact]
    public void Nis2FinalReport_WhileTheNotificationIsOpen_IsProvisionalFromItsDeadline()
    {
        var facts = Facts(At("2026-05-04T08:00:00Z"), ["EU"], ["service-disruption"]);

        var deadlines = NotificationClock.Compute(Table, facts);

        var notification = deadlines.Single(d => d.Key == "nis2-art23/incident-notification");
        var final = deadlines.Single(d => d.Key == "nis2-art23/final-report");
        Assert.Equal(At("2026-05-07T08:00:00Z"), notification.DueAt);
        Assert.True(final.Provisional);
        Assert.Equal(At("2026-06-07T08:00:00Z"), final.DueAt);
        Assert.Equal(At("2026-05-05T08:00:00Z"), deadlines.Single(d => d.Key == "nis2-art23/early-warning").DueAt);
    }

    [Fact]
    public void Regimes_ApplyByJurisdictionAndDataKind_CardBrandsEverywhere()
    {
        var eu = NotificationClock.Compute(Table, Facts(At("2026-05-04T08:00:00Z"), ["EU"], ["personal-data", "payment-card"]));
        var california = NotificationClock.Compute(Table, Facts(At("2026-05-04T08:00:00Z"), ["US-CA"], ["personal-data"]));

        Assert.Equal(
            ["card-brand-mastercard", "card-brand-visa", "gdpr-art33", "gdpr-art34", "nis2-art23"],
            eu.Select(d => d.RegimeId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["us-ca-1798-82"], california.Select(d => d.RegimeId).Distinct());
    }

    [Fact]
    public void WithoutUndueDelay_IsReportedAsAnInternalTarget()
    {
        var deadline = Single(Facts(At("2026-05-04T08:00:00Z"), ["EU"], EuPersonalData), "gdpr-art34/data-subjects");

        Assert.True(deadline.InternalTarget);
        Assert.Equal(At("2026-05-07T08:00:00Z"), deadline.DueAt);
        Assert.Contains("without undue delay", deadline.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void VisaIncidentReport_CountsWorkingDays_OverAWeekend()
    {
        // Aware Friday 6 Nov 2026: working days Mon 9, Tue 10, Wed 11 (no holidays in the generic calendar).
        var deadline = Single(Facts(At("2026-11-06T16:00:00Z"), ["US-CA"], ["payment-card"]), "card-brand-visa/incident-report");

        Assert.Equal(At("2026-11-11T23:59:59Z"), deadline.DueAt);
    }

    [Theory]
    [InlineData("2026-11-05T07:59:00Z", false, null)]
    [InlineData("2026-11-05T08:01:00Z", true, null)]
    [InlineData("2026-11-06T00:00:00Z", false, "2026-11-05T07:00:00Z")]
    [InlineData("2026-11-06T00:00:00Z", true, "2026-11-05T09:00:00Z")]
    public void Overdue_WhenPastDueAndNotDone_OrDoneLate(string now, bool overdue, string? doneAt)
    {
        var done = doneAt is null ? new Dictionary<string, DateTimeOffset>() : new Dictionary<string, DateTimeOffset> { ["card-brand-mastercard/acquirer"] = At(doneAt) };
        var facts = Facts(At("2026-11-04T08:00:00Z"), ["UK"], ["payment-card"]) with { Done = done };

        var deadline = Single(facts, "card-brand-mastercard/acquirer");

        Assert.Equal(overdue, deadline.IsOverdue(At(now)));
    }

    [Fact]
    public void UsFederalCalendar_ObservesWeekendHolidaysOnTheNearestWeekday()
    {
        var calendar = Table.FindCalendar("us-federal")!;

        var holidays2026 = BusinessDays.HolidaysIn(calendar, 2026);

        foreach (var day in new[] { "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25" })
        {
            Assert.Contains(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), holidays2026);
        }

        Assert.Equal(11, holidays2026.Count);

        // 1 January 2028 is a Saturday: observed on Friday 31 December 2027.
        Assert.False(BusinessDays.IsBusinessDay(calendar, new DateOnly(2027, 12, 31)));
        Assert.True(BusinessDays.IsBusinessDay(calendar, new DateOnly(2027, 12, 30)));
    }

    [Fact]
    public void LocalTimes_InADstGapMoveForward_AndAmbiguousOnesTakeTheEarlierInstant()
    {
        var newYork = Zone("America/New_York");

        Assert.Equal(At("2026-03-08T07:00:00Z"), NotificationClock.ToInstant(new DateTime(2026, 3, 8, 2, 30, 0), newYork));
        Assert.Equal(At("2026-11-01T05:30:00Z"), NotificationClock.ToInstant(new DateTime(2026, 11, 1, 1, 30, 0), newYork));
    }

    private static NotificationDeadline Single(IncidentClockFacts facts, string key) =>
        NotificationClock.Compute(Table, facts).Single(d => d.Key == key);

    private static IncidentClockFacts Facts(DateTimeOffset awareAt, string[] jurisdictions, string[] dataKinds) =>
        new(awareAt, null, jurisdictions, dataKinds, new Dictionary<string, DateTimeOffset>());

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
