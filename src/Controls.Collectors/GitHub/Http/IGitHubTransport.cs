using Controls.Compliance.Systems;

namespace Controls.Collectors.GitHub.Http;

/// <summary>
/// Serves GitHub traffic for base addresses that are not a real API (the demo's recorded responses). A transport
/// replaces only the innermost handler: Octokit, the cache, counting and rate-limit handling run unchanged above it.
/// </summary>
public interface IGitHubTransport
{
    bool Serves(Uri baseAddress);

    /// <summary>Throws <see cref="Compliance.Collection.CollectionAbortedException"/> when the system may not use this transport.</summary>
    HttpMessageHandler CreateHandler(ConnectedSystem system, bool workspaceIsDemo);
}
