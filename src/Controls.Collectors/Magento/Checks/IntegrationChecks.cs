using Controls.Collectors.Magento.Evidence;
using Controls.Compliance.Evaluation;

namespace Controls.Collectors.Magento.Checks;

/// <summary>
/// magento.integrations-least-privilege: no active integration holds Magento_Backend::all or resources that grant
/// more access (admin users, integrations, configuration).
/// </summary>
public sealed class IntegrationsLeastPrivilegeEvaluator : ICheckEvaluator
{
    public string CheckId => "magento.integrations-least-privilege";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [MagentoEvidenceKinds.Integrations];

    /// <summary>Resources that let an integration grant itself (or anyone) more: admin users, integrations, configuration.</summary>
    public static readonly IReadOnlyList<string> EscalationPrefixes = ["Magento_User::", "Magento_Integration::", "Magento_Config::"];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        // Whether an integration's vendor is approved and assessed for the data it reaches is the vendor register's
        // judgement (third-party.* checks read the same ACL); this check is about the grant itself being least privilege.
        var (integrations, _) = MagentoEvidenceReader.Read<IntegrationsEvidence>(evidence, MagentoEvidenceKinds.Integrations);
        var active = integrations.Integrations.Where(i => i.Status == 1).ToList();
        var findings = new List<FindingDraft>();
        foreach (var integration in active)
        {
            var resource = $"{integrations.Instance}/integrations/{integration.Name}";
            if (integration.AllResources)
            {
                findings.Add(new FindingDraft(resource,
                    $"{integrations.Instance}: integration `{integration.Name}` is granted Magento_Backend::all (every admin resource)"));
                continue;
            }

            var escalation = integration.Resources.Where(r => EscalationPrefixes.Any(p => r.StartsWith(p, StringComparison.Ordinal))).Order(StringComparer.Ordinal).ToList();
            if (escalation.Count > 0)
            {
                findings.Add(new FindingDraft(resource,
                    $"{integrations.Instance}: integration `{integration.Name}` holds {string.Join(", ", escalation)}, which can change admin users, integrations or configuration"));
            }
        }

        return CheckVerdict.FromFindings(
            findings,
            $"{integrations.Instance}: none of {active.Count} active integration(s) holds every resource or resources that grant more access.",
            $"{integrations.Instance}: {findings.Count} of {active.Count} active integration(s) hold every resource or resources that grant more access.");
    }
}
