using Controls.Compliance.Systems;
using Controls.Compliance.Collection;
using Controls.Testing;
using Controls.Testing.FakeGitHub;
using Microsoft.EntityFrameworkCore;

namespace Controls.Collectors.Tests.GitHub;

public sealed class GitHubConditionalRequestTests : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private FakeGitHubServer _github = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync(TestOrganizations.Small(), _clock);
        _folder = Directory.CreateTempSubdirectory("controls-github-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _github.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    [Fact]
    public async Task Recollect_AfterRestartWithUnchangedOrganization_IsAnsweredMostlyByNotModified()
    {
        CollectionRun first;
        await using (var host = await GitHubTestHost.StartAsync(_github, _folder, _clock))
        {
            first = await host.CollectAsync();
        }

        Assert.Equal(0, first.NotModifiedCount);
        var contentsAfterFirst = await CountContentsAsync();
        var cacheable = _github.Requests.CountWhere(r => r.Status == 200 && !r.Path.EndsWith("/secret-scanning/alerts", StringComparison.Ordinal));
        _github.Requests.Clear();
        _clock.Advance(TimeSpan.FromHours(6));

        // A new host over the same data folder: the ETag cache must come from disk, not memory.
        await using var restarted = await GitHubTestHost.StartAsync(_github, _folder, _clock);
        var second = await restarted.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, second.Outcome);
        Assert.Equal(_github.Requests.Count, second.RequestCount);
        Assert.Equal(_github.Requests.NotModifiedCount, second.NotModifiedCount);

        // Every 200 came back as 304, except secret-scanning alerts (never cached on disk, see FileResponseCache).
        // 404s (an unprotected branch, an absent CODEOWNERS) carry no ETag and are asked again, as on GitHub.
        var unconditional = _github.Requests.All.Where(r => r.Status != 304).ToList();
        Assert.All(unconditional, r => Assert.True(
            r.Status == 404 || r.Path.EndsWith("/secret-scanning/alerts", StringComparison.Ordinal),
            $"{r.Path}{r.Query} answered {r.Status}, not 304"));
        Assert.Equal(cacheable, second.NotModifiedCount);
        Assert.True(second.NotModifiedCount > second.RequestCount / 2, $"{second.NotModifiedCount} of {second.RequestCount} were 304");
        Assert.All(_github.Requests.All.Where(r => r.Status == 304), r => Assert.True(r.Conditional));

        // Same observations, same content: the ledger grew by records pointing at the stored content.
        Assert.Equal(first.EvidenceCount, second.EvidenceCount);
        Assert.Equal(0, second.NewContentCount);
        Assert.Equal(contentsAfterFirst, await CountContentsAsync());
    }

    [Fact]
    public async Task Recollect_AfterAChange_StoresOnlyTheChangedContent()
    {
        await using var host = await GitHubTestHost.StartAsync(_github, _folder, _clock);
        await host.CollectAsync();
        _github.State.Update(org => org["storefront"].ProtectFully());

        var second = await host.CollectAsync();

        // Only acme/storefront's github.repository content changed.
        Assert.Equal(1, second.NewContentCount);
        Assert.True(second.NotModifiedCount > 0);
    }

    private async Task<int> CountContentsAsync()
    {
        await using var host = await GitHubTestHost.StartAsync(null, _folder, _clock);
        await host.ConnectAsync(SystemKinds.GitHub, "acme", _github.BaseUrl.AbsoluteUri);
        // The organisation's own contents: the third-party register, re-collected after every run, records
        // provenance (source run and record ids) and so gains content on every run by design.
        return await host.InScopeAsync((_, db) => db.EvidenceContents.CountAsync(c => db.EvidenceRecords.Any(r => r.SystemId == host.SystemId && r.ContentSha256 == c.Sha256)));
    }
}
