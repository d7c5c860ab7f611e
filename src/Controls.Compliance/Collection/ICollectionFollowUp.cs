using Controls.Compliance.Systems;

namespace Controls.Compliance.Collection;

/// <summary>
/// Work that must happen after a system's collection run is recorded and evaluated, e.g. re-collecting a register
/// that is derived from the platforms' evidence. Called in the run's scope (caller set); a follow-up that throws
/// is logged and never changes the run's recorded outcome.
/// </summary>
public interface ICollectionFollowUp
{
    Task RunFinishedAsync(ConnectedSystem system, CollectionRun run, CancellationToken cancellationToken);
}
