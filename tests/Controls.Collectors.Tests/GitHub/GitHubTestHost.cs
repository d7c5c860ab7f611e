using Controls.Collectors.Tests.Support;
using Controls.Compliance.Systems;
using Controls.Testing.FakeGitHub;

namespace Controls.Collectors.Tests.GitHub;

/// <summary>A <see cref="CollectorTestHost"/> with organisation "acme"'s GitHub system pointing at a fake GitHub.</summary>
public static class GitHubTestHost
{
    public const string CredentialName = "github-acme";

    public static async Task<CollectorTestHost> StartAsync(
        FakeGitHubServer? github,
        string? folder = null,
        TimeProvider? time = null,
        string token = FakeGitHubState.DefaultToken,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Controls:GitHub:RetryBaseDelay"] = "00:00:00.010",
            ["Controls:GitHub:MaxRetries"] = "2",
            ["Controls:GitHub:MaxRateLimitWait"] = "00:00:10",
        };
        var host = await CollectorTestHost.StartAsync("github", CredentialName, token, defaults.Concat(settings ?? new Dictionary<string, string?>()), folder, time);
        if (github is not null)
        {
            await host.ConnectAsync(SystemKinds.GitHub, github.State.Organization.Login, github.BaseUrl.AbsoluteUri);
        }

        return host;
    }
}
