using System.Globalization;
using Controls.Collectors.Magento.Evidence;
using Controls.Compliance.Evaluation;

namespace Controls.Collectors.Magento.Checks;

/// <summary>magento.storefront-https: every store view's secure URLs (and, when required, its base URLs) are https.</summary>
public sealed class StorefrontHttpsEvaluator : ICheckEvaluator
{
    public string CheckId => "magento.storefront-https";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [MagentoEvidenceKinds.Stores];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var (stores, _) = MagentoEvidenceReader.Read<StoresEvidence>(evidence, MagentoEvidenceKinds.Stores);
        var requireBase = parameters.GetBool("requireHttpsBaseUrl");
        var findings = new List<FindingDraft>();
        foreach (var view in stores.StoreViews)
        {
            var urls = new List<(string Field, string? Url)> { ("secure_base_url", view.SecureBaseUrl), ("secure_base_link_url", view.SecureBaseLinkUrl) };
            if (requireBase)
            {
                urls.Add(("base_url", view.BaseUrl));
                urls.Add(("base_link_url", view.BaseLinkUrl));
            }

            var plain = urls.Where(u => u.Url is null || !u.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)).ToList();
            if (plain.Count > 0)
            {
                findings.Add(new FindingDraft($"{stores.Instance}/stores/{view.Code}",
                    $"{stores.Instance}: store view `{view.Code}` serves {string.Join(", ", plain.Select(u => $"{u.Field} {u.Url ?? "(none)"}"))} without https"));
            }
        }

        return CheckVerdict.FromFindings(
            findings,
            $"{stores.Instance}: all {stores.StoreViews.Count} store view(s) use https{(requireBase ? " for every base URL" : " for their secure URLs")}.",
            $"{stores.Instance}: {findings.Count} of {stores.StoreViews.Count} store view(s) serve pages over plain http.");
    }
}

/// <summary>
/// magento.customer-data-retention: customer accounts not updated for more than retentionDays number at most
/// maxStaleCustomers, counted per website from the aggregate (the ledger holds no customer data).
/// </summary>
public sealed class CustomerDataRetentionEvaluator : ICheckEvaluator
{
    public string CheckId => "magento.customer-data-retention";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [MagentoEvidenceKinds.Customers];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var (customers, now) = MagentoEvidenceReader.Read<CustomersEvidence>(evidence, MagentoEvidenceKinds.Customers);
        var days = parameters.GetInt("retentionDays");
        var max = parameters.GetInt("maxStaleCustomers");
        var cutoff = MagentoEvidenceReader.Day(now.AddDays(-days));
        var findings = new List<FindingDraft>();
        var stale = 0;
        foreach (var website in customers.Websites)
        {
            // Whole days strictly before the cut-off date: an account updated on the cut-off day itself is not yet over.
            var count = website.UpdatedOn.Where(d => d.Key != "unknown" && string.CompareOrdinal(d.Key, cutoff) < 0).Sum(d => d.Value);
            stale += count;
            if (count > 0)
            {
                var name = website.WebsiteCode ?? website.WebsiteId.ToString(CultureInfo.InvariantCulture);
                findings.Add(new FindingDraft($"{customers.Instance}/websites/{name}/customers",
                    $"{customers.Instance}: website `{name}` has {count} of {website.Customers} customer account(s) not updated for more than {days} days (oldest {(website.OldestUpdatedAt is { } o ? MagentoEvidenceReader.Day(o) : "unknown")})"));
            }
        }

        var incomplete = customers.Truncated || customers.Read < customers.TotalCount;
        var scope = $"{customers.Read} of {customers.TotalCount} customer account(s) read";
        if (incomplete)
        {
            findings.Add(new FindingDraft($"{customers.Instance}/customers",
                $"{customers.Instance}: only {scope}{(customers.Truncated ? " (reading stopped at the page limit)" : string.Empty)}; accounts not read cannot be shown to be within retention"));
        }

        if (stale <= max && !incomplete)
        {
            return CheckVerdict.Pass($"{customers.Instance}: {scope}; {stale} not updated for more than {days} days (at most {max} allowed).");
        }

        return CheckVerdict.Fail(
            $"{customers.Instance}: {scope}; {stale} not updated for more than {days} days (at most {max} allowed).",
            findings);
    }
}
