namespace Controls.Compliance.Collection;

/// <summary>
/// Records one of the workspace's registers (vendors, incidents, access reviews, training, readiness) into the
/// ledger right after a change, and re-evaluates: how a change made in the web UI or the API becomes evidence the
/// checks judge at once. The registers themselves live with their collectors; callers only name the kind.
/// </summary>
public interface IRegisterCollection
{
    /// <summary>Collects the register of <paramref name="registerKind"/> (a <c>SystemKinds</c> value), creating its system when missing.</summary>
    Task<CollectionRun> CollectAsync(string registerKind, string trigger, CancellationToken cancellationToken);
}
