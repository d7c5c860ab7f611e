using Controls.Compliance.Catalog;
using Controls.Compliance.Tests.Support;

namespace Controls.Compliance.Tests.Notifications;

public sealed class NotificationTableValidationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "controls-tests", Guid.NewGuid().ToString("n"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private const string Valid = """
        version: "t1"
        reviewedOn: "2026-11-23"
        calendars:
          - id: weekdays
            name: Weekdays
            timeZone: Etc/UTC
            weekend: [saturday, sunday]
            holidays: []
        regimes:
          - id: test-regime
            title: Test regime
            appliesTo: { jurisdictions: [EU], dataKinds: [personal-data] }
            timeZone: Europe/Berlin
            source: Test law, Article 1
            reviewedOn: "2026-11-23"
            deadlines:
              - id: first
                notify: The authority
                from: awareness
                clock: { elapsedHours: 72 }
              - id: second
                notify: The authority again
                from: done:first
                clock: { businessDays: 5, calendar: weekdays }
        """;

    [Fact]
    public void Load_AValidTable_IsOnTheCatalog()
    {
        var catalog = CatalogLoader.Load(Write(Valid));

        var regime = Assert.Single(catalog.Notifications.Regimes);
        Assert.Equal("t1", catalog.Notifications.Version);
        Assert.Equal(2, regime.Deadlines.Count);
    }

    [Fact]
    public void Load_WithoutANotificationsFolder_HasAnEmptyTable()
    {
        var catalog = CatalogLoader.Load(TestCatalog.Write(_root));

        Assert.Empty(catalog.Notifications.Regimes);
    }

    [Theory]
    [InlineData("timeZone: Europe/Berlin", "timeZone: Europe/Atlantis", 13, "time zone 'Europe/Atlantis' is not known")]
    [InlineData("calendar: weekdays }", "calendar: holidays }", 24, "'holidays' is not defined")]
    [InlineData("from: done:first", "from: done:third", 23, "when 'third' is done, which is not an earlier deadline")]
    [InlineData("clock: { elapsedHours: 72 }", "clock: { elapsedHours: 72, calendarDays: 3 }", 20, "exactly one of")]
    [InlineData("clock: { elapsedHours: 72 }", "clock: { elapsedHours: 72, cutoff: \"17:00\" }", 20, "only apply to businessDays")]
    public void Load_ASemanticMistake_NamesFileLineAndProblem(string from, string to, int line, string message)
    {
        var error = Assert.Throws<CatalogValidationException>(() => CatalogLoader.Load(Write(Valid.Replace(from, to, StringComparison.Ordinal))));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(Path.Combine("control-catalog", "notifications", "regimes.yaml"), problem.File);
        Assert.Equal(line, problem.Line);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnUnknownDataKind_IsASchemaError()
    {
        var error = Assert.Throws<CatalogValidationException>(() => CatalogLoader.Load(Write(Valid.Replace("dataKinds: [personal-data]", "dataKinds: [gossip]", StringComparison.Ordinal))));

        Assert.Contains(error.Errors, e => e.Line == 12 && e.Message.Contains("not one of the allowed values", StringComparison.Ordinal));
    }

    private string Write(string notifications)
    {
        var catalog = TestCatalog.Write(_root);
        Directory.CreateDirectory(Path.Combine(catalog, "notifications"));
        File.WriteAllText(Path.Combine(catalog, "notifications", "regimes.yaml"), notifications);
        return catalog;
    }
}
