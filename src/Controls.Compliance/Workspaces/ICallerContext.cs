namespace Controls.Compliance.Workspaces;

/// <summary>
/// Who is calling, for which workspace. Every workspace-owned query is filtered by <see cref="WorkspaceId"/>
/// in the DbContext, so adding authentication later changes how this is filled, never a query.
/// </summary>
public interface ICallerContext
{
    /// <summary>The workspace every query of this scope is limited to; null before one is chosen.</summary>
    int? WorkspaceId { get; }

    /// <summary>A stable description of the caller for audit trails ("local-user", "scheduler").</summary>
    string Caller { get; }
}

/// <summary>The scoped, settable caller context filled by the API middleware or by a scheduled job.</summary>
public sealed class CallerContext : ICallerContext
{
    public int? WorkspaceId { get; private set; }

    public string Caller { get; private set; } = "anonymous";

    public void Set(int workspaceId, string caller)
    {
        if (WorkspaceId is { } current && current != workspaceId)
        {
            // A scope serves one workspace; switching mid-scope would mix tenants in one DbContext.
            throw new InvalidOperationException("The caller context of this scope is already bound to another workspace.");
        }

        WorkspaceId = workspaceId;
        Caller = caller;
    }
}

/// <summary>Records that belong to a workspace; the DbContext filters them by the caller's workspace.</summary>
public interface IWorkspaceOwned
{
    int WorkspaceId { get; set; }
}
