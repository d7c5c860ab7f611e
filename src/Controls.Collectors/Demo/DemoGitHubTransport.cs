using Controls.Collectors.GitHub.Http;
using Controls.Compliance.Collection;
using Controls.Compliance.Systems;
using Microsoft.Extensions.Logging;

namespace Controls.Collectors.Demo;

/// <summary>
/// Serves <see cref="DemoNames.GitHubBaseUrl"/> from the recording — and refuses to for any workspace that is not
/// a demo, so recorded data can never be passed off as a real organisation's evidence.
/// </summary>
public sealed class DemoGitHubTransport(ILoggerFactory loggers) : IGitHubTransport
{
    private static readonly Uri ReplayBase = new(DemoNames.GitHubBaseUrl);
    private readonly Lazy<DemoRecording> _recording = new(DemoRecording.LoadEmbedded);

    public bool Serves(Uri baseAddress) =>
        baseAddress.Scheme.Equals(ReplayBase.Scheme, StringComparison.OrdinalIgnoreCase)
        || baseAddress.Host.Equals(ReplayBase.Host, StringComparison.OrdinalIgnoreCase);

    public HttpMessageHandler CreateHandler(ConnectedSystem system, bool workspaceIsDemo)
    {
        if (!workspaceIsDemo || !system.BaseUrl!.StartsWith(DemoNames.GitHubBaseUrl, StringComparison.OrdinalIgnoreCase))
        {
            throw new CollectionAbortedException(
                $"The address {system.BaseUrl} of '{system.Name}' serves recorded sample data and is only allowed in the demo workspace. " +
                "Set the system's BaseUrl to the GitHub API (https://api.github.com/) to collect a real organisation.");
        }

        return new DemoReplayHandler(_recording.Value, loggers.CreateLogger<DemoReplayHandler>());
    }
}
