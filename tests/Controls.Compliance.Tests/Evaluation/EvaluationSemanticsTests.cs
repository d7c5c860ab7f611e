using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Compliance.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Compliance.Tests.Evaluation;

public sealed class EvaluationSemanticsTests : IAsyncLifetime
{
    private ComplianceHost _host = null!;

    public async Task InitializeAsync() => _host = await ComplianceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Evaluate_BeforeAnyCollection_NeedsEvidenceAndRequirementIsNotPass()
    {
        await _host.EvaluateAsync();

        var evaluations = await _host.CurrentEvaluationsAsync();
        Assert.Equal(CheckStatus.NeedsEvidence, evaluations[TestCatalog.AutomatedCheck].Status);
        Assert.Equal(CheckStatus.NeedsEvidence, await _host.RequirementStatusAsync(FrameworkIds.Iso27001V2022, "8.15"));
    }

    [Fact]
    public async Task Collect_WhenAllWidgetsLocked_PassesTheAutomatedCheck()
    {
        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var evaluation = (await _host.CurrentEvaluationsAsync())[TestCatalog.AutomatedCheck];
        Assert.Equal(CheckStatus.Pass, evaluation.Status);
        Assert.Empty(evaluation.Findings);
    }

    [Fact]
    public async Task Collect_WhenAWidgetIsUnlocked_FailsWithAFindingNamingTheResource()
    {
        _host.Platform.Widgets["w2"] = false;

        await _host.CollectAsync();

        var evaluation = (await _host.CurrentEvaluationsAsync())[TestCatalog.AutomatedCheck];
        Assert.Equal(CheckStatus.Fail, evaluation.Status);
        var finding = Assert.Single(evaluation.Findings);
        Assert.Equal("acme-logs/w2", finding.Resource);
        Assert.Equal("widget `w2` is unlocked", finding.Message);
        Assert.Equal(CheckStatus.Fail, await _host.RequirementStatusAsync(FrameworkIds.Iso27001V2022, "8.15"));
    }

    [Fact]
    public async Task Collect_WhenTheCollectorThrowsAfterAPassingRun_IsErrorNotTheOldPass()
    {
        await _host.CollectAsync();
        _host.Platform.FailWith = new HttpRequestException("connection refused");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Contains("connection refused", run.Error, StringComparison.Ordinal);
        var evaluation = (await _host.CurrentEvaluationsAsync())[TestCatalog.AutomatedCheck];
        Assert.Equal(CheckStatus.Error, evaluation.Status);
        Assert.Equal(CheckStatus.Error, await _host.RequirementStatusAsync(FrameworkIds.Iso27001V2022, "8.15"));
    }

    [Fact]
    public async Task Collect_WhenTheEvidenceTheCheckNeedsFailedToCollect_IsError()
    {
        _host.Platform.FailWidgetListing = true;

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var evaluation = (await _host.CurrentEvaluationsAsync())[TestCatalog.AutomatedCheck];
        Assert.Equal(CheckStatus.Error, evaluation.Status);
        Assert.Contains(evaluation.Findings, f => f.Message.Contains("forbidden (HTTP 403)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evaluate_WhenEvidenceIsOlderThanItsFreshnessWindow_IsStale()
    {
        await _host.CollectAsync();
        _host.Clock.Advance(TimeSpan.FromHours(27));

        await _host.EvaluateAsync();

        Assert.Equal(CheckStatus.Stale, (await _host.CurrentEvaluationsAsync())[TestCatalog.AutomatedCheck].Status);
        Assert.Equal(CheckStatus.Stale, await _host.RequirementStatusAsync(FrameworkIds.Iso27001V2022, "8.15"));
    }

    [Fact]
    public async Task Requirement_WithAPassingAutomatedCheckButNoAttestation_IsNotPass()
    {
        await _host.CollectAsync();

        // 8.15 is evidenced by the passing automated check and by the attested check nobody uploaded.
        Assert.Equal(CheckStatus.NeedsEvidence, await _host.RequirementStatusAsync(FrameworkIds.Iso27001V2022, "8.15"));
    }

    [Fact]
    public async Task AttestedCheck_PassesWhileTheUploadIsValidAndNeedsEvidenceOnceItExpires()
    {
        await _host.CollectAsync();
        await AttestAsync(validFor: TimeSpan.FromDays(30));
        await _host.EvaluateAsync();

        Assert.Equal(CheckStatus.Pass, (await _host.CurrentEvaluationsAsync())[TestCatalog.AttestedCheck].Status);
        Assert.Equal(CheckStatus.Pass, await _host.RequirementStatusAsync(FrameworkIds.Iso27001V2022, "5.1"));

        _host.Clock.Advance(TimeSpan.FromDays(31));
        await _host.CollectAsync();

        var attested = (await _host.CurrentEvaluationsAsync())[TestCatalog.AttestedCheck];
        Assert.Equal(CheckStatus.NeedsEvidence, attested.Status);
        Assert.Contains("expired", attested.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exclusion_MakesTheCheckNotApplicableWithItsJustification()
    {
        await _host.InWorkspaceAsync(async sp =>
        {
            var db = sp.GetRequiredService<ControlsDbContext>();
            db.Exclusions.Add(new Exclusion
            {
                WorkspaceId = _host.WorkspaceId,
                CheckId = TestCatalog.AutomatedCheck,
                Justification = "No widgets in scope: logs are shipped by the hosting provider.",
                ExcludedBy = "ciso@acme.test",
                ExcludedAt = _host.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        });

        await _host.CollectAsync();

        var evaluation = (await _host.CurrentEvaluationsAsync())[TestCatalog.AutomatedCheck];
        Assert.Equal(CheckStatus.NotApplicable, evaluation.Status);
        Assert.Contains("hosting provider", evaluation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParameterOverride_ChangesTheThreshold()
    {
        _host.Platform.Widgets["w2"] = false;
        await _host.InWorkspaceAsync(async sp =>
        {
            var db = sp.GetRequiredService<ControlsDbContext>();
            db.ParameterOverrides.Add(new ParameterOverride { WorkspaceId = _host.WorkspaceId, CheckId = TestCatalog.AutomatedCheck, Name = "maxUnlocked", ValueJson = "1" });
            await db.SaveChangesAsync();
        });

        await _host.CollectAsync();

        Assert.Equal(CheckStatus.Pass, (await _host.CurrentEvaluationsAsync())[TestCatalog.AutomatedCheck].Status);
    }

    [Fact]
    public async Task History_AppendsOnlyWhenTheResultChanges()
    {
        await _host.CollectAsync();
        await _host.CollectAsync();
        _host.Platform.Widgets["w1"] = false;
        await _host.CollectAsync();

        var history = await _host.InWorkspaceAsync(sp => sp.GetRequiredService<ControlsDbContext>().CheckEvaluations
            .Where(e => e.CheckId == TestCatalog.AutomatedCheck).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([CheckStatus.Pass, CheckStatus.Fail], history.Select(h => h.Status));
        Assert.Equal([false, true], history.Select(h => h.IsCurrent));
    }

    [Fact]
    public async Task Gaps_ListNonPassingChecksWithRemediationAndCost()
    {
        _host.Platform.Widgets["w1"] = false;
        await _host.CollectAsync();

        var gaps = await _host.InWorkspaceAsync(sp => sp.GetRequiredService<ControlsDbContext>().Gaps.ToListAsync());
        var gap = Assert.Single(gaps, g => g.CheckId == TestCatalog.AutomatedCheck);
        Assert.Equal(CheckStatus.Fail, gap.Status);
        Assert.Equal("pipeline", gap.Surface);
        Assert.Equal(1, gap.FindingCount);
        Assert.Equal(6, gap.HoursHigh);
        Assert.Equal(900m, gap.CostHigh);
        Assert.Contains("iso27001-2022/8.15", gap.Requirements, StringComparison.Ordinal);
        Assert.Contains(gaps, g => g.CheckId == TestCatalog.AttestedCheck && g.Status == CheckStatus.NeedsEvidence);
    }

    private Task AttestAsync(TimeSpan validFor) => _host.InWorkspaceAsync(async sp =>
    {
        var db = sp.GetRequiredService<ControlsDbContext>();
        var now = _host.Clock.GetUtcNow().UtcDateTime;
        db.Attestations.Add(new Attestation
        {
            WorkspaceId = _host.WorkspaceId,
            CheckId = TestCatalog.AttestedCheck,
            Title = "Information security policy v3",
            Owner = "ciso@acme.test",
            UploadedBy = "test",
            UploadedAt = now,
            ValidUntil = now + validFor,
            FileName = "policy.pdf",
            ContentType = "application/pdf",
            FileSha256 = new string('a', 64),
        });
        await db.SaveChangesAsync();
    });
}

public sealed class StatusRollupTests
{
    [Theory]
    [InlineData(new[] { CheckStatus.Pass, CheckStatus.Pass }, CheckStatus.Pass)]
    [InlineData(new[] { CheckStatus.Pass, CheckStatus.NotApplicable }, CheckStatus.Pass)]
    [InlineData(new[] { CheckStatus.NotApplicable }, CheckStatus.NotApplicable)]
    [InlineData(new[] { CheckStatus.Pass, CheckStatus.Stale }, CheckStatus.Stale)]
    [InlineData(new[] { CheckStatus.Pass, CheckStatus.Error }, CheckStatus.Error)]
    [InlineData(new[] { CheckStatus.Pass, CheckStatus.NeedsEvidence }, CheckStatus.NeedsEvidence)]
    [InlineData(new[] { CheckStatus.Error, CheckStatus.Fail }, CheckStatus.Fail)]
    [InlineData(new CheckStatus[0], CheckStatus.NeedsEvidence)]
    public void Combine_NeverPassesWhenAnyEvidenceIsMissingStaleOrFailed(CheckStatus[] statuses, CheckStatus expected) =>
        Assert.Equal(expected, StatusRollup.Combine(statuses));
}
