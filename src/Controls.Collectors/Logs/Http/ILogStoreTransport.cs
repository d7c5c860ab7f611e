using Controls.Compliance.Systems;

namespace Controls.Collectors.Logs.Http;

/// <summary>
/// Serves log-store traffic for base addresses that are not a real cluster (the demo's recorded responses). It
/// replaces only the innermost handler: the guard, retries, counting and the typed client run unchanged above it.
/// </summary>
public interface ILogStoreTransport
{
    bool Serves(Uri baseAddress);

    /// <summary>Throws <see cref="Compliance.Collection.CollectionAbortedException"/> when the system may not use this transport.</summary>
    HttpMessageHandler CreateHandler(ConnectedSystem system, bool workspaceIsDemo);
}
