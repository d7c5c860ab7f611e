using Controls.Collectors.Logs;

namespace Controls.Collectors.Tests.Logs;

public sealed class LogDurationTests
{
    [Theory]
    [InlineData("30d", 30)]
    [InlineData("90d", 90)]
    [InlineData("1095d", 1095)]
    [InlineData("12h", 0.5)]
    [InlineData("36h", 1.5)]
    [InlineData("1440m", 1)]
    [InlineData("0ms", 0)]
    [InlineData("0", 0)]
    [InlineData(" 7D ", 7)]
    public void TryParse_ElasticsearchTimeUnits_GivesDays(string text, double days)
    {
        Assert.True(LogDuration.TryParse(text, out var duration));
        Assert.Equal(days, LogDuration.Days(duration));
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("30 days")]
    [InlineData("P30D")]
    [InlineData("-5d")]
    [InlineData("30w")]
    public void TryParse_NotATimeValue_Fails(string text) => Assert.False(LogDuration.TryParse(text, out _));

    [Theory]
    [InlineData(".ds-logs-nginx-default-2026.11.01-000001", "logs-nginx-default")]
    [InlineData("shopify-events-2026.11.01", "shopify-events-*")]
    [InlineData("audit-magento-000042", "audit-magento-*")]
    [InlineData("magento-audit", "magento-audit")]
    public void GroupName_StripsDateAndSequenceSuffixes(string index, string group) =>
        Assert.Equal(group, LifecycleNormaliser.GroupName(index));
}
