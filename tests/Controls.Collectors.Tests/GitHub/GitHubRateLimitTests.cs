using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Testing;
using Controls.Testing.FakeGitHub;

namespace Controls.Collectors.Tests.GitHub;

public sealed class GitHubRateLimitTests
{
    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task Collect_WhenRateLimitResetsSoon_WaitsAndCompletes(int status)
    {
        // The real clock on both sides: the wait is real and the fake's window must actually reset.
        await using var github = await FakeGitHubServer.StartAsync(TestOrganizations.Small());
        await using var host = await GitHubTestHost.StartAsync(github);
        try
        {
            github.Faults.ExhaustRateLimit(TimeSpan.FromSeconds(1), status);

            var run = await host.CollectAsync();

            Assert.Equal(RunOutcome.Succeeded, run.Outcome);
            var limited = Assert.Single(github.Requests.All, r => r.Status == status);
            Assert.Equal("/orgs/acme", limited.Path);
            Assert.Equal(2, github.Requests.CountWhere(r => r.Path == "/orgs/acme"));
            Assert.Equal(github.Requests.Count, run.RequestCount);
        }
        finally
        {
            host.DeleteFolder();
        }
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task Collect_WhenRateLimitResetsLaterThanMaxWait_AbortsSayingWhen(int status)
    {
        var clock = new TestClock();
        await using var github = await FakeGitHubServer.StartAsync(TestOrganizations.Small(), clock);
        await using var host = await GitHubTestHost.StartAsync(github, time: clock);
        try
        {
            github.Faults.ExhaustRateLimit(TimeSpan.FromHours(2), status);

            var run = await host.CollectAsync();

            Assert.Equal(RunOutcome.Failed, run.Outcome);
            Assert.Equal(
                $"GitHub's API rate limit is exhausted for GitHub organisation 'acme' (HTTP {status}, core: 0 of 5000 requests left); " +
                "requests are allowed again at 2026-11-02 11:00:01 UTC, 120 minutes from now, longer than the configured maximum wait of 10 seconds " +
                "(Controls:GitHub:MaxRateLimitWait). The run stopped here; the next run continues, answered largely by 304s that do not count against the limit.",
                run.Error);
            Assert.Equal(1, run.RequestCount);
            Assert.All((await host.EvaluationsAsync()).Values.Where(e => e.CheckId.StartsWith("github.", StringComparison.Ordinal)),
                e => Assert.Equal(CheckStatus.Error, e.Status));
        }
        finally
        {
            host.DeleteFolder();
        }
    }

    [Fact]
    public async Task Collect_WhenQuotaRunsOutMidway_AbortsButKeepsWhatWasRead()
    {
        var clock = new TestClock();
        await using var github = await FakeGitHubServer.StartAsync(TestOrganizations.Small(), clock);
        await using var host = await GitHubTestHost.StartAsync(github, time: clock);
        try
        {
            github.Faults.RateLimitPerHour = 12;

            var run = await host.CollectAsync();

            Assert.Equal(RunOutcome.Failed, run.Outcome);
            Assert.Contains("rate limit is exhausted", run.Error, StringComparison.Ordinal);
            Assert.Equal(github.Requests.Count, run.RequestCount);

            // The organisation-level observations made before the quota ran out are in the ledger.
            Assert.True(run.EvidenceCount >= 4, $"{run.EvidenceCount} evidence records");
            Assert.All((await host.EvaluationsAsync()).Values.Where(e => e.CheckId.StartsWith("github.", StringComparison.Ordinal)),
                e => Assert.Equal(CheckStatus.Error, e.Status));
        }
        finally
        {
            host.DeleteFolder();
        }
    }

    [Fact]
    public async Task Collect_WhenSecondaryRateLimitHit_WaitsForRetryAfterAndCompletes()
    {
        var clock = new TestClock();
        await using var github = await FakeGitHubServer.StartAsync(TestOrganizations.Small(), clock);
        await using var host = await GitHubTestHost.StartAsync(github, time: clock);
        try
        {
            github.Faults.SecondaryRateLimit(retryAfterSeconds: 1, status: 429, times: 1, match: r => r.Path == "/orgs/acme/repos");

            var run = await host.CollectAsync();

            Assert.Equal(RunOutcome.Succeeded, run.Outcome);
            Assert.Equal([429, 200], github.Requests.All.Where(r => r.Path == "/orgs/acme/repos").Select(r => r.Status));
        }
        finally
        {
            host.DeleteFolder();
        }
    }

    [Fact]
    public async Task Collect_WhenMaxWaitIsOutOfRange_RefusesToStart()
    {
        var settings = new Dictionary<string, string?> { ["Controls:GitHub:MaxRateLimitWait"] = "05:00:00" };
        await using var host = await GitHubTestHost.StartAsync(null, settings: settings);
        try
        {
            var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
                () => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                    .GetRequiredService<Microsoft.Extensions.Options.IOptions<Controls.Collectors.GitHub.GitHubOptions>>(host.Services).Value);
            Assert.Contains("MaxRateLimitWait", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            host.DeleteFolder();
        }
    }
}
