using Controls.Testing.FakeGitHub;

namespace Controls.Benchmarks;

/// <summary>A large organisation with the mix of states a real one has.</summary>
public static class FakeOrganizations
{
    public static FakeGitHubState Large(int repositories)
    {
        var alertDate = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
        return FakeGitHubState.Create("acme-large", org =>
        {
            for (var m = 1; m <= 120; m++)
            {
                org.Member($"dev{m:D3}", admin: m <= 4, twoFactor: m % 40 != 0);
            }

            org.OutsideCollaborator("contractor-one").OutsideCollaborator("agency-two");
            org.Installation("renovate", new Dictionary<string, string> { ["contents"] = "write", ["pull_requests"] = "write" });
            org.Installation("sentry", new Dictionary<string, string> { ["issues"] = "write" });
            org.AddRepositories(repositories, "service", (i, repo) =>
            {
                switch (i % 4)
                {
                    case 0:
                        repo.Compliant();
                        break;
                    case 1:
                        repo.Protect(p => p.RequiredApprovals = 1).PullRequestWorkflow();
                        break;
                    case 2:
                        repo.CodeOwners();
                        break;
                    default:
                        repo.Compliant().DependabotAlert(1, "high", alertDate);
                        break;
                }
            });
        });
    }
}
