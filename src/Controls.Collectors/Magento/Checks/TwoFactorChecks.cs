using Controls.Collectors.Magento.Evidence;
using Controls.Compliance.Evaluation;

namespace Controls.Collectors.Magento.Checks;

/// <summary>magento.admin-2fa-enforced: Magento_TwoFactorAuth is enabled and at least one provider is forced for admins.</summary>
public sealed class AdminTwoFactorEnforcedEvaluator : ICheckEvaluator
{
    public string CheckId => "magento.admin-2fa-enforced";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [MagentoEvidenceKinds.TwoFactor];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var (tfa, _) = MagentoEvidenceReader.Read<TwoFactorEvidence>(evidence, MagentoEvidenceKinds.TwoFactor);
        var resource = $"{tfa.Instance}/two-factor";
        if (!tfa.ModuleEnabled)
        {
            return CheckVerdict.Fail(
                $"{tfa.Instance}: Magento_TwoFactorAuth is disabled, so admins sign in with a password alone.",
                [new FindingDraft(resource, $"{tfa.Instance}: the Magento_TwoFactorAuth module is not enabled (bin/magento module:status Magento_TwoFactorAuth)")]);
        }

        var forced = tfa.ForcedProviders.Where(p => p.Enabled != false).Select(p => p.Code).ToList();
        if (forced.Count == 0)
        {
            return CheckVerdict.Fail(
                $"{tfa.Instance}: Magento_TwoFactorAuth is enabled but no provider is forced (twofactorauth/general/force_providers is empty).",
                [new FindingDraft(resource, $"{tfa.Instance}: no two-factor provider is forced for admin users")]);
        }

        return CheckVerdict.Pass($"{tfa.Instance}: Magento_TwoFactorAuth is enabled and admins must use {string.Join(", ", forced)}.");
    }
}

/// <summary>magento.admin-2fa-configured-per-user: every active admin has a two-factor provider configured (tfa_user_config).</summary>
public sealed class AdminTwoFactorConfiguredEvaluator : ICheckEvaluator
{
    public string CheckId => "magento.admin-2fa-configured-per-user";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [MagentoEvidenceKinds.AdminUsers];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var (admins, _) = MagentoEvidenceReader.Read<AdminUsersEvidence>(evidence, MagentoEvidenceKinds.AdminUsers);
        var active = admins.Users.Where(u => u.IsActive).ToList();
        if (active.Count > 0 && active.All(u => u.TwoFactorConfigured is null))
        {
            return CheckVerdict.Fail(
                $"{admins.Instance}: the database has no tfa_user_config table (Magento_TwoFactorAuth was never installed), so no admin has a second factor.",
                [new FindingDraft($"{admins.Instance}/two-factor", $"{admins.Instance}: tfa_user_config does not exist; {active.Count} active admin(s) have no second factor")]);
        }

        var findings = active.Where(u => u.TwoFactorConfigured != true)
            .Select(u => new FindingDraft($"{admins.Instance}/admin-users/{u.Username}",
                $"{admins.Instance}: active admin `{u.Username}`{Role(u)} has no two-factor provider configured"))
            .ToList();
        return CheckVerdict.FromFindings(
            findings,
            $"{admins.Instance}: all {active.Count} active admin(s) have a two-factor provider configured.",
            $"{admins.Instance}: {findings.Count} of {active.Count} active admin(s) have no two-factor provider configured.");
    }

    internal static string Role(AdminUserEvidence user) => user.RoleName is { Length: > 0 } role ? $" (role {role})" : string.Empty;
}
