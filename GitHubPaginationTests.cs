using Controls.Collectors.GitHub.Evidence;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Testing;
using Controls.Testing.FakeGitHub;
using Microsoft.EntityFrameworkCore;

namespace Controls.Collectors.Tests.GitHub;

public sealed class GitHubPaginationTests
{
    [Fact]
    public async Task Collect_OrganizationLargerThanOnePage_FollowsLinkHeadersAcrossPages()
    {
        var clock = new TestClock();
        var state = FakeGitHubState.Create("acme", org =>
        {
            org.Member("owner", admin: true);
            for (var i = 1; i <= 130; i++)
            {
                org.Member($"dev-{i:D3}", twoFactor: i % 50 != 0);
            }

            // 205 repositories: three pages of 100; every 40th is unprotected.
            org.AddRepositories(205, "svc", (i, r) =>
            {
                r.CodeOwners().PullRequestWorkflow();
                if (i % 40 != 0)
                {
                    r.ProtectFully();
                }
            });
        });
        await using var github = await FakeGitHubServer.StartAsync(state, clock);
        await using var host = await GitHubTestHost.StartAsync(github, time: clock);
        try
        {
            var run = await host.CollectAsync();

            Assert.Equal(RunOutcome.Succeeded, run.Outcome);
            var repositoryPages = github.Requests.All.Where(r => r.Path == "/orgs/acme/repos").ToList();
            Assert.Equal(3, repositoryPages.Count);
            Assert.All(repositoryPages, p => Assert.Contains("per_page=100", p.Query, StringComparison.Ordinal));
            Assert.Equal(2, github.Requests.CountWhere(r => r.Path == "/orgs/acme/members" && !r.Query.Contains("filter", StringComparison.Ordinal) && !r.Query.Contains("role", StringComparison.Ordinal)));

            var subjects = await host.InScopeAsync((_, db) => db.EvidenceRecords.Where(r => r.RunId == run.Id && r.Kind == GitHubEvidenceKinds.Repository).Select(r => r.Subject).ToListAsync());
            Assert.Equal(205, subjects.Distinct().Count());

            var results = await host.EvaluationsAsync();
            Assert.Equal(
                ["acme/svc-0040", "acme/svc-0080", "acme/svc-0120", "acme/svc-0160", "acme/svc-0200"],
                results["github.branch-review-required"].Findings.Select(f => f.Resource).Order(StringComparer.Ordinal));
            Assert.Equal(CheckStatus.Fail, results["github.org-2fa-required"].Status);
            Assert.Equal(2, results["github.org-2fa-required"].Findings.Count);
        }
        finally
        {
            host.DeleteFolder();
        }
    }
}
