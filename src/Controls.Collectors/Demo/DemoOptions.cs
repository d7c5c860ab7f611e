namespace Controls.Collectors.Demo;

public sealed class DemoOptions
{
    public const string Section = "Controls:Demo";

    /// <summary>Creates the demo workspace at start and collects it once from recorded GitHub responses.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>The names the demo uses, shared by the seeder, the replay transport and the tests.</summary>
public static class DemoNames
{
    public const string WorkspaceSlug = "demo";

    public const string WorkspaceName = "Demo — Acme Outfitters (sample data)";

    public const string GitHubOrganization = "acme-outfitters";

    /// <summary>Not a network address: only <see cref="DemoGitHubTransport"/> serves it, and only for demo workspaces.</summary>
    public const string GitHubBaseUrl = "replay://demo-github/";

    public const string Caller = "demo-seeder";
}
