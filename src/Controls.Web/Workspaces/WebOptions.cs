namespace Controls.Web.Workspaces;

public sealed class WebOptions
{
    /// <summary>The same key the API uses, so both front doors open on the same workspace by default.</summary>
    public const string DefaultWorkspaceKey = "Controls:DefaultWorkspace";

    public string DefaultWorkspace { get; set; } = "demo";
}
