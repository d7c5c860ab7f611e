using Controls.Compliance.Evaluation;
using Controls.Compliance.ThirdParty;

namespace Controls.Collectors.ThirdParty.Checks;

/// <summary>third-party.apps-approved: every installed app, module and integration belongs to an approved vendor.</summary>
public sealed class AppsApprovedEvaluator : ICheckEvaluator
{
    public string CheckId => "third-party.apps-approved";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [ThirdPartyRegister.RegisterEvidenceKind, ThirdPartyRegister.InventoryEvidenceKind];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var register = RegisterEvidence.Read(evidence);
        var inventories = RegisterEvidence.Inventories(evidence);
        var findings = new List<FindingDraft>();
        var total = 0;
        foreach (var (inventory, item) in inventories.SelectMany(i => i.Items.Select(item => (i, item))))
        {
            total++;
            var vendor = register.Find(item.Vendor);
            if (vendor is null)
            {
                findings.Add(new FindingDraft(item.Resource(inventory.System),
                    $"{inventory.System}: {RegisterEvidence.Describe(item)} matches no vendor in the register{RegisterEvidence.Reach(item)}"));
            }
            else if (!vendor.Approved)
            {
                findings.Add(new FindingDraft(item.Resource(inventory.System),
                    $"{inventory.System}: {RegisterEvidence.Describe(item)} belongs to {vendor.Name}, which is not approved{RegisterEvidence.Reach(item)}"));
            }
        }

        var systems = string.Join(", ", inventories.Select(i => i.System));
        return CheckVerdict.FromFindings(
            findings,
            $"All {total} installed third-party item(s) on {systems} belong to approved vendors.",
            $"{findings.Count} of {total} installed third-party item(s) on {systems} are not from an approved vendor.");
    }
}

/// <summary>
/// third-party.sensitive-access-assessed: items reaching sensitive data (customer, payment) belong to an approved
/// vendor with a signed DPA and a current (not overdue) security assessment.
/// </summary>
public sealed class SensitiveAccessAssessedEvaluator : ICheckEvaluator
{
    public string CheckId => "third-party.sensitive-access-assessed";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [ThirdPartyRegister.RegisterEvidenceKind, ThirdPartyRegister.InventoryEvidenceKind];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var register = RegisterEvidence.Read(evidence);
        var today = RegisterEvidence.Today(evidence);
        var sensitive = parameters.GetStrings("sensitiveReach").ToHashSet(StringComparer.Ordinal);
        var interval = parameters.GetInt("assessmentIntervalMonths");
        var findings = new List<FindingDraft>();
        var count = 0;
        foreach (var inventory in RegisterEvidence.Inventories(evidence))
        {
            foreach (var item in inventory.Items)
            {
                var reach = item.DataReach.Where(sensitive.Contains).ToList();
                if (reach.Count == 0)
                {
                    continue;
                }

                count++;
                var vendor = register.Find(item.Vendor);
                var problems = new List<string>();
                if (vendor is null)
                {
                    problems.Add("no vendor in the register");
                }
                else
                {
                    if (!vendor.Approved)
                    {
                        problems.Add($"vendor {vendor.Name} is not approved");
                    }

                    if (!vendor.DpaSigned)
                    {
                        problems.Add($"no signed DPA with {vendor.Name}");
                    }

                    var due = vendor.EffectiveDueOn(interval);
                    if (vendor.LastAssessmentOn is null)
                    {
                        problems.Add($"{vendor.Name} has never been security-assessed");
                    }
                    else if (due is { } d && d < today)
                    {
                        problems.Add($"the assessment of {vendor.Name} was due on {d:yyyy-MM-dd}");
                    }
                }

                if (problems.Count > 0)
                {
                    findings.Add(new FindingDraft(item.Resource(inventory.System),
                        $"{inventory.System}: {RegisterEvidence.Describe(item)} reaches {string.Join(", ", reach)} data ({string.Join(", ", item.Access)}) but {string.Join("; ", problems)}"));
                }
            }
        }

        return CheckVerdict.FromFindings(
            findings,
            $"All {count} item(s) reaching {string.Join(" or ", sensitive.Order(StringComparer.Ordinal))} data belong to approved, assessed vendors with a signed DPA.",
            $"{findings.Count} of {count} item(s) reaching {string.Join(" or ", sensitive.Order(StringComparer.Ordinal))} data lack an approved vendor, a signed DPA or a current assessment.");
    }
}

/// <summary>
/// third-party.new-installs-reviewed: every item installed after a platform's inventory started (not present in
/// its first, baseline inventory) has been reviewed into the register, i.e. matches a vendor.
/// </summary>
public sealed class NewInstallsReviewedEvaluator : ICheckEvaluator
{
    public string CheckId => "third-party.new-installs-reviewed";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [ThirdPartyRegister.RegisterEvidenceKind, ThirdPartyRegister.InventoryEvidenceKind];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var register = RegisterEvidence.Read(evidence);
        var inventories = RegisterEvidence.Inventories(evidence);
        var installed = inventories.SelectMany(i => i.Items.Where(item => !item.PresentAtBaseline).Select(item => (i, item))).ToList();
        var findings = installed
            .Where(x => register.Find(x.item.Vendor) is null)
            .Select(x => new FindingDraft(x.item.Resource(x.i.System),
                $"{x.i.System}: {RegisterEvidence.Describe(x.item)} is new since {x.item.FirstSeenAt:yyyy-MM-dd} and not reviewed into the vendor register{RegisterEvidence.Reach(x.item)}"))
            .ToList();
        return CheckVerdict.FromFindings(
            findings,
            $"All {installed.Count} item(s) installed since the inventory started have been reviewed into the vendor register.",
            $"{findings.Count} of {installed.Count} item(s) installed since the inventory started are not in the vendor register.");
    }
}

/// <summary>
/// third-party.vendor-assessments-current: no vendor's security assessment is overdue, and no high or critical
/// vendor is without one. "Today" is the register's collection date, so the verdict is reproducible from evidence.
/// </summary>
public sealed class VendorAssessmentsCurrentEvaluator : ICheckEvaluator
{
    public string CheckId => "third-party.vendor-assessments-current";

    // Only the register: an inventory failure on one platform says nothing about the vendors' assessments.
    public IReadOnlyCollection<string> EvidenceKinds { get; } = [ThirdPartyRegister.RegisterEvidenceKind];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var register = RegisterEvidence.Read(evidence);
        var today = RegisterEvidence.Today(evidence);
        var interval = parameters.GetInt("assessmentIntervalMonths");
        var findings = new List<FindingDraft>();
        foreach (var vendor in register.Vendors)
        {
            var due = vendor.EffectiveDueOn(interval);
            if (due is { } d && d < today)
            {
                findings.Add(new FindingDraft($"vendors/{vendor.Name}",
                    $"{vendor.Name} ({vendor.RiskTier} risk, owner {vendor.Owner ?? "none"}): security assessment overdue since {d:yyyy-MM-dd}" +
                    (vendor.LastAssessmentOn is { } last ? $" (last assessed {last:yyyy-MM-dd})" : " (never assessed)")));
            }
            else if (vendor.LastAssessmentOn is null && vendor.IsHighRisk)
            {
                findings.Add(new FindingDraft($"vendors/{vendor.Name}",
                    $"{vendor.Name} ({vendor.RiskTier} risk, owner {vendor.Owner ?? "none"}) has never been security-assessed"));
            }
        }

        return CheckVerdict.FromFindings(
            findings,
            $"All {register.Vendors.Count} vendor(s) have a current security assessment where one is due (as of {today:yyyy-MM-dd}).",
            $"{findings.Count} of {register.Vendors.Count} vendor(s) have an overdue or missing security assessment (as of {today:yyyy-MM-dd}).");
    }
}

/// <summary>Reading the register's evidence; a missing register or no inventory at all is an evaluation error, never a pass.</summary>
internal static class RegisterEvidence
{
    public static RegisterView Read(EvidenceSnapshot evidence) =>
        new(evidence.Single<VendorRegisterEvidence>(ThirdPartyRegister.RegisterEvidenceKind)
            ?? throw new InvalidOperationException("The run recorded no third-party.vendor-register evidence."));

    /// <summary>The day the register was collected: due dates are judged against it, not the evaluation's clock.</summary>
    public static DateOnly Today(EvidenceSnapshot evidence) =>
        DateOnly.FromDateTime(evidence.OfKind(ThirdPartyRegister.RegisterEvidenceKind).Select(i => i.CollectedAt).DefaultIfEmpty().Max());

    public static List<InventoryEvidence> Inventories(EvidenceSnapshot evidence)
    {
        var inventories = evidence.All<InventoryEvidence>(ThirdPartyRegister.InventoryEvidenceKind).Select(i => i.Content).OrderBy(i => i.System, StringComparer.Ordinal).ToList();
        return inventories.Count > 0
            ? inventories
            : throw new InvalidOperationException("No connected platform (GitHub, Shopify, Magento) provides a third-party inventory yet.");
    }

    public static string Describe(InventoryItemEvidence item) =>
        $"{item.Kind} `{item.Name}`" + (item.Vendor is null && item.VendorHint is { } hint ? $" (developer {hint})" : string.Empty);

    public static string Reach(InventoryItemEvidence item) =>
        item.DataReach.Count == 0 ? string.Empty : $"; it reaches {string.Join(", ", item.DataReach)} data";

    public sealed class RegisterView(VendorRegisterEvidence register)
    {
        private readonly Dictionary<string, VendorEvidence> _byName = register.Vendors.ToDictionary(v => v.Name, StringComparer.OrdinalIgnoreCase);

        public IReadOnlyList<VendorEvidence> Vendors => register.Vendors;

        public VendorEvidence? Find(string? name) => name is null ? null : _byName.GetValueOrDefault(name);
    }
}
