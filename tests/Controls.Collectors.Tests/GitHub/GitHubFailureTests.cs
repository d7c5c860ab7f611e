using Controls.Compliance.Systems;
using Controls.Collectors.Tests.Support;
using Controls.Collectors.GitHub.Evidence;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Testing;
using Controls.Testing.FakeGitHub;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.GitHub;

public sealed class GitHubFailureTests : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private FakeGitHubServer _github = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync(TestOrganizations.Small(), _clock);
        _host = await GitHubTestHost.StartAsync(_github, time: _clock);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _github.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Collect_WhenTokenRevoked_FailsTheRunAndEveryGitHubCheckIsError()
    {
        var first = await _host.CollectAsync();
        Assert.Equal(RunOutcome.Succeeded, first.Outcome);
        _github.State.RevokeToken(FakeGitHubState.DefaultToken);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Equal(
            "GitHub rejected the token (401 Bad credentials) while reading GitHub organisation 'acme'. " +
            $"The token configured as Controls:Credentials:{GitHubTestHost.CredentialName} is wrong, expired or revoked: replace it and collect again.",
            run.Error);
        var github = (await _host.EvaluationsAsync()).Values.Where(e => e.CheckId.StartsWith("github.", StringComparison.Ordinal)).ToList();
        Assert.Equal(13, github.Count);
        Assert.All(github, e =>
        {
            Assert.Equal(CheckStatus.Error, e.Status);
            Assert.Contains("GitHub rejected the token (401", e.Summary, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Collect_WhenTokenRevoked_NeverStoresTheToken()
    {
        await _host.CollectAsync();
        _github.State.RevokeToken(FakeGitHubState.DefaultToken);
        await _host.CollectAsync();

        var stored = await _host.InScopeAsync(async (_, db) => new
        {
            Contents = await db.EvidenceContents.Select(c => c.Json).ToListAsync(),
            Errors = await db.CollectionRuns.Select(r => r.Error).ToListAsync(),
            Findings = await db.Findings.Select(f => f.Resource + " " + f.Message).ToListAsync(),
            Summaries = await db.CheckEvaluations.Select(e => e.Summary).ToListAsync(),
        });
        Assert.DoesNotContain(stored.Contents, c => c.Contains(FakeGitHubState.DefaultToken, StringComparison.Ordinal));
        Assert.DoesNotContain(stored.Errors, e => e != null && e.Contains(FakeGitHubState.DefaultToken, StringComparison.Ordinal));
        Assert.DoesNotContain(stored.Findings, f => f.Contains(FakeGitHubState.DefaultToken, StringComparison.Ordinal));
        Assert.DoesNotContain(stored.Summaries, s => s.Contains(FakeGitHubState.DefaultToken, StringComparison.Ordinal));

        // Byte-level: the database, its WAL and the ETag cache files.
        Assert.Empty(DataFolderScanner.FilesContaining(_host.Folder, FakeGitHubState.DefaultToken));
    }

    [Fact]
    public async Task Collect_WhenTokenIsNotAnOwners_OnlyTheTwoFactorCheckIsError()
    {
        _github.Faults.ForbidTwoFactorFilter();

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        Assert.Equal(1, run.CollectionErrorCount);
        var results = await _host.EvaluationsAsync();
        var twoFactor = results["github.org-2fa-required"];
        Assert.Equal(CheckStatus.Error, twoFactor.Status);
        var finding = Assert.Single(twoFactor.Findings);
        Assert.Equal("acme", finding.Resource);
        Assert.Contains("Only organisation owners may list members by two-factor status", finding.Message, StringComparison.Ordinal);
        Assert.Contains("(HTTP 403)", finding.Message, StringComparison.Ordinal);
        Assert.All(results.Values.Where(e => e.CheckId.StartsWith("github.", StringComparison.Ordinal) && e.CheckId != "github.org-2fa-required"),
            e => Assert.True(e.Status is CheckStatus.Pass or CheckStatus.Fail, $"{e.CheckId} is {e.Status}: {e.Summary}"));
    }

    [Fact]
    public async Task Collect_DuringServerErrorStorm_FailsClearlyAndKeepsEarlierEvidence()
    {
        var first = await _host.CollectAsync();
        var recordsBefore = await _host.InScopeAsync((_, db) => db.EvidenceRecords.CountAsync(r => r.SystemId == _host.SystemId));
        _github.Faults.FailAll(503);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Equal("Could not read GitHub organisation 'acme': GitHub kept failing with HTTP 503 (ServiceUnavailable) after 2 retries", run.Error);
        Assert.Equal(3, run.RequestCount);
        var github = (await _host.EvaluationsAsync()).Values.Where(e => e.CheckId.StartsWith("github.", StringComparison.Ordinal)).ToList();
        Assert.All(github, e => Assert.Equal(CheckStatus.Error, e.Status));
        Assert.All(github, e => Assert.Contains("HTTP 503", e.Summary, StringComparison.Ordinal));

        // Nothing lost: the first run's evidence is still there and the chain verifies.
        Assert.Equal(recordsBefore, await _host.InScopeAsync((_, db) => db.EvidenceRecords.CountAsync(r => r.SystemId == _host.SystemId)));
        Assert.Equal(first.EvidenceCount, recordsBefore);
        var report = await _host.InScopeAsync((services, _) => services.GetRequiredService<EvidenceVerifier>().VerifyAsync(CancellationToken.None));
        Assert.True(report.Intact, report.FirstBreak?.Reason);
    }

    [Fact]
    public async Task Collect_WhenServerErrorsAreTransient_RetriesAndSucceeds()
    {
        _github.Faults.FailAll(502, times: 2);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(2, _github.Requests.CountWhere(r => r.Status == 502));
        Assert.Equal(_github.Requests.Count, run.RequestCount);
    }

    [Fact]
    public async Task Collect_WhenOneRepositoryKeepsFailing_ErrorsItsChecksAndEvaluatesTheRest()
    {
        _github.Faults.FailPath("/repos/acme/storefront/rules/", 500);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var results = await _host.EvaluationsAsync();
        var review = results["github.branch-review-required"];
        Assert.Equal(CheckStatus.Error, review.Status);
        var finding = Assert.Single(review.Findings);
        Assert.Equal("acme/storefront", finding.Resource);
        Assert.Equal(
            "github.repository could not be collected: Protection of default branch `main`: GitHub kept failing with HTTP 500 (InternalServerError) after 2 retries (HTTP 500)",
            finding.Message);
        Assert.Equal(CheckStatus.Fail, results["github.org-2fa-required"].Status);
        Assert.Equal(CheckStatus.Fail, results["github.dependabot-alerts-sla"].Status);
        Assert.Equal(CheckStatus.Pass, results["github.org-admins-limited"].Status);
    }

    [Fact]
    public async Task Collect_WhenTokenCannotReadBranchProtection_ExplainsTheMissingAdminAccess()
    {
        _github.Faults.Fail(r => r.Path == "/repos/acme/checkout/branches/main/protection", 404, "Not Found");

        await _host.CollectAsync();

        var review = (await _host.EvaluationsAsync())["github.branch-review-required"];
        Assert.Equal(CheckStatus.Error, review.Status);
        Assert.Equal(
            "github.repository could not be collected: Protection of default branch `main`: GitHub shows branch protection only to tokens with admin access " +
            "to the repository (classic token: repo scope; fine-grained: Administration: read) (HTTP 404)",
            Assert.Single(review.Findings).Message);
    }

    [Fact]
    public async Task Collect_WhenOrganizationBodyIsTruncated_FailsWithAClearMessage()
    {
        _github.Faults.TruncateJson(r => r.Path == "/orgs/acme");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Equal("Could not read GitHub organisation 'acme': GitHub returned a response body that is not valid JSON (truncated or malformed)", run.Error);
    }

    [Fact]
    public async Task Collect_WhenAlertsBodyIsTruncated_ErrorsOnlyTheAlertCheck()
    {
        _github.Faults.TruncateJson(r => r.Path == "/repos/acme/checkout/dependabot/alerts");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var results = await _host.EvaluationsAsync();
        var dependabot = results["github.dependabot-alerts-sla"];
        Assert.Equal(CheckStatus.Error, dependabot.Status);
        Assert.Equal(
            "github.dependabot-alerts could not be collected: GitHub returned a response body that is not valid JSON (truncated or malformed)",
            Assert.Single(dependabot.Findings).Message);
        Assert.Equal(CheckStatus.Fail, results["github.branch-review-required"].Status);

        // The broken body was not cached: the next collection fetches it afresh and succeeds.
        _github.Faults.Clear();
        var next = await _host.CollectAsync();
        Assert.Equal(RunOutcome.Succeeded, next.Outcome);
    }

    [Fact]
    public async Task Collect_WhenDependabotIsDisabled_ErrorsTheSlaCheckNamingTheRepository()
    {
        _github.State.Update(org => org["storefront"].DependabotAlertsEnabled = false);

        await _host.CollectAsync();

        var dependabot = (await _host.EvaluationsAsync())["github.dependabot-alerts-sla"];
        Assert.Equal(CheckStatus.Error, dependabot.Status);
        var finding = Assert.Single(dependabot.Findings);
        Assert.Equal("acme/storefront", finding.Resource);
        Assert.Equal("github.dependabot-alerts could not be collected: Dependabot alerts are disabled for this repository (HTTP 403)", finding.Message);
    }

    [Fact]
    public async Task Collect_WhenSecretScanningIsDisabled_ErrorsTheSlaCheckNamingTheRepository()
    {
        _github.State.Update(org => org["infra"].SecretScanningEnabled = false);

        await _host.CollectAsync();

        var secretScanning = (await _host.EvaluationsAsync())["github.secret-scanning-alerts-sla"];
        Assert.Equal(CheckStatus.Error, secretScanning.Status);
        Assert.Equal("acme/infra", Assert.Single(secretScanning.Findings).Resource);
        Assert.Contains("Secret scanning is disabled for this repository", secretScanning.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_WhenInstallationsAreForbidden_ErrorsOnlyTheThirdPartyInventory()
    {
        _github.Faults.Fail(r => r.Path == "/orgs/acme/installations", 403, "Resource not accessible by integration");

        await _host.CollectAsync();

        var results = await _host.EvaluationsAsync();
        Assert.DoesNotContain(results.Values, e => e.Status == CheckStatus.Error);
        Assert.Equal(CheckStatus.Fail, results["github.org-2fa-required"].Status);
        Assert.Contains("needs an owner's token", await _host.EvidenceJsonAsync(GitHubEvidenceKinds.AppInstallations), StringComparison.Ordinal);
        var register = await _host.InScopeAsync((_, db) => db.CheckEvaluations.AsNoTracking()
            .Where(e => e.IsCurrent && e.CheckId == "third-party.apps-approved").Include(e => e.Findings).SingleAsync());
        Assert.Equal(CheckStatus.Error, register.Status);
        Assert.Contains("github.app-installations could not be collected from acme", CollectorTestHost.Explain(register), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_WhenSecretLiteralIsReturned_NeverStoresIt()
    {
        // Older GitHub Enterprise versions ignore hide_secret=true and send the secret itself.
        const string literal = "sk_live_FAKE_LEAKED_SECRET_do_not_store";
        _github.State.Update(org =>
        {
            org.IgnoresHideSecret = true;
            org["storefront"].SecretScanningAlerts[0] = org["storefront"].SecretScanningAlerts[0] with { Secret = literal };
        });

        await _host.CollectAsync();
        await _host.CollectAsync();

        Assert.All(_github.Requests.All.Where(r => r.Path.EndsWith("/secret-scanning/alerts", StringComparison.Ordinal)),
            r => Assert.Contains("hide_secret=true", r.Query, StringComparison.Ordinal));
        var alerts = await _host.InScopeAsync((_, db) => db.EvidenceRecords.CountAsync(r => r.Kind == GitHubEvidenceKinds.SecretScanningAlerts && r.Subject == "acme/storefront"));
        Assert.Equal(2, alerts);
        Assert.Empty(DataFolderScanner.FilesContaining(_host.Folder, literal));
    }

    [Fact]
    public async Task Collect_WhenOrganizationDoesNotExist_FailsNamingIt()
    {
        await _host.ConnectAsync(SystemKinds.GitHub, "no-such-org", _github.BaseUrl.AbsoluteUri);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.StartsWith("GitHub has no organisation 'no-such-org' that this token can see (404).", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_WithPlainHttpToARemoteHost_RefusesWithoutSendingTheToken()
    {
        await _host.ConnectAsync(SystemKinds.GitHub, "elsewhere", "http://github.example.invalid/api/v3/");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Contains("is not HTTPS, and the token would travel in clear text", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, run.RequestCount);
    }

    [Fact]
    public async Task Collect_WithoutAConfiguredToken_FailsSayingWhereToSetIt()
    {
        await using var host = await GitHubTestHost.StartAsync(_github, time: _clock, token: string.Empty);
        try
        {
            var run = await host.CollectAsync();

            Assert.Equal(RunOutcome.Failed, run.Outcome);
            Assert.Contains($"set Controls:Credentials:{GitHubTestHost.CredentialName}", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            host.DeleteFolder();
        }
    }

    [Fact]
    public async Task Collect_WhenFailedItemRecovers_NextRunEvaluatesIt()
    {
        _github.Faults.FailPath("/repos/acme/storefront/rules/", 500);
        await _host.CollectAsync();
        _github.Faults.Clear();

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var records = await _host.InScopeAsync((_, db) => db.EvidenceRecords.Where(r => r.RunId == run.Id && r.Kind == GitHubEvidenceKinds.Repository).ToListAsync());
        Assert.All(records, r => Assert.Equal(EvidenceOutcome.Collected, r.Outcome));
        Assert.Equal(CheckStatus.Fail, (await _host.EvaluationsAsync())["github.branch-review-required"].Status);
    }
}
