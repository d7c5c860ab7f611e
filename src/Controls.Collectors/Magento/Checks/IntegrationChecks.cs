using Controls.Collectors.Magento.Evidence;
using Controls.Compliance.Evaluation;

namespace Controls.Collectors.Magento.Checks;

/// <summary>
/// magento.integrations-least-privilege: no active integration holds Magento_Backend::all, and every active
/// integration reaching customer, order, payment, admin-user or configuration resources is approved.
/// </summary>
public sealed class IntegrationsLeastPrivilegeEvaluator : ICheckEvaluator
{
    /// <summary>ACL resource prefixes that reach personal, payment or account data, or can grant themselves more.</summary>
    public static readonly IReadOnlyList<string> SensitivePrefixes =
    [
        "Magento_Customer::", "Magento_Sales::", "Magento_Payment::", "Magento_Paypal::", "Magento_Vault::",
        "Magento_User::", "Magento_Integration::", "Magento_Config::",
    ];

    public string CheckId => "magento.integrations-least-privilege";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [MagentoEvidenceKinds.Integrations];

    public static IReadOnlyList<string> Sensitive(IEnumerable<string> resources) =>
        resources.Where(r => SensitivePrefixes.Any(p => r.StartsWith(p, StringComparison.Ordinal))).Order(StringComparer.Ordinal).ToList();

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var (integrations, _) = MagentoEvidenceReader.Read<IntegrationsEvidence>(evidence, MagentoEvidenceKinds.Integrations);
        var approved = new HashSet<string>(parameters.GetStrings("approvedIntegrations"), StringComparer.OrdinalIgnoreCase);
        var active = integrations.Integrations.Where(i => i.Status == 1).ToList();
        var findings = new List<FindingDraft>();
        foreach (var integration in active)
        {
            var resource = $"{integrations.Instance}/integrations/{integration.Name}";
            if (integration.AllResources)
            {
                findings.Add(new FindingDraft(resource,
                    $"{integrations.Instance}: integration `{integration.Name}` is granted Magento_Backend::all (every admin resource){(approved.Contains(integration.Name) ? ", although approved" : string.Empty)}"));
                continue;
            }

            if (approved.Contains(integration.Name))
            {
                continue;
            }

            var sensitive = Sensitive(integration.Resources);
            findings.Add(new FindingDraft(resource, sensitive.Count == 0
                ? $"{integrations.Instance}: integration `{integration.Name}` is active without approval"
                : $"{integrations.Instance}: integration `{integration.Name}` has {string.Join(", ", sensitive)} without approval"));
        }

        return CheckVerdict.FromFindings(
            findings,
            $"{integrations.Instance}: all {active.Count} active integration(s) are approved and none holds every resource.",
            $"{integrations.Instance}: {findings.Count} of {active.Count} active integration(s) hold every resource or are not approved.");
    }
}
