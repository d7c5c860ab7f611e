using Controls.Compliance.Catalog;
using Controls.Compliance.Workspaces;

namespace Controls.Web.Posture;

/// <summary>What the shared result, finding, evidence and history partials render: for one check, or all checks of a requirement.</summary>
public sealed record CheckSection(
    IReadOnlyList<CheckDefinition> Checks,
    CheckDetails Details,
    PostureSnapshot Posture,
    Workspace Workspace,
    bool ShowCheckColumn)
{
    public string CheckTitle(string checkId) => Checks.FirstOrDefault(c => c.Id == checkId)?.Title ?? checkId;
}
