using Controls.Compliance.Workspaces;

namespace Controls.Web.Workspaces;

/// <summary>The workspace the current page shows, and the others it can switch to. Filled by <see cref="WorkspacePageFilter"/>.</summary>
public sealed class CurrentWorkspace
{
    private Workspace? _workspace;

    public Workspace Workspace => _workspace ?? throw new InvalidOperationException("No workspace was resolved for this request.");

    public bool IsResolved => _workspace is not null;

    public IReadOnlyList<Workspace> All { get; private set; } = [];

    public string Slug => Workspace.Slug;

    public void Resolve(Workspace workspace, IReadOnlyList<Workspace> all)
    {
        _workspace = workspace;
        All = all;
    }

    public void ListOnly(IReadOnlyList<Workspace> all) => All = all;
}
