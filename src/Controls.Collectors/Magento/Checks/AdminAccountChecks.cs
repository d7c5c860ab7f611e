using Controls.Collectors.Magento.Evidence;
using Controls.Compliance.Evaluation;

namespace Controls.Collectors.Magento.Checks;

/// <summary>
/// magento.admin-accounts-cleaned-up: no active admin unused for more than maxInactiveDays, none created and never
/// used beyond neverLoggedInGraceDays, no deactivated admin left in place, no admin currently locked out unexplained.
/// Ages are measured from the time the evidence was collected.
/// </summary>
public sealed class AdminAccountsCleanedUpEvaluator : ICheckEvaluator
{
    public string CheckId => "magento.admin-accounts-cleaned-up";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [MagentoEvidenceKinds.AdminUsers];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var (admins, now) = MagentoEvidenceReader.Read<AdminUsersEvidence>(evidence, MagentoEvidenceKinds.AdminUsers);
        var maxInactive = parameters.GetInt("maxInactiveDays");
        var grace = parameters.GetInt("neverLoggedInGraceDays");
        var flagLocked = parameters.GetBool("flagLockedAccounts");
        var findings = new List<FindingDraft>();
        foreach (var user in admins.Users)
        {
            var resource = $"{admins.Instance}/admin-users/{user.Username}";
            var who = $"{admins.Instance}: admin `{user.Username}`{AdminTwoFactorConfiguredEvaluator.Role(user)}";
            if (!user.IsActive)
            {
                findings.Add(new FindingDraft(resource, $"{who} is deactivated but not deleted"));
                continue;
            }

            if (user.LastLoginAt is { } last)
            {
                var idle = (int)Math.Floor((now - last).TotalDays);
                if (idle > maxInactive)
                {
                    findings.Add(new FindingDraft(resource, $"{who} has not logged in for {idle} days (last {MagentoEvidenceReader.Day(last)}; at most {maxInactive} allowed)"));
                }
            }
            else if ((now - user.CreatedAt).TotalDays > grace)
            {
                findings.Add(new FindingDraft(resource, $"{who} was created {MagentoEvidenceReader.Day(user.CreatedAt)} and has never logged in"));
            }

            if (flagLocked && user.LockExpiresAt is { } until && until > now)
            {
                findings.Add(new FindingDraft(resource, $"{who} is locked until {until:yyyy-MM-dd HH:mm} UTC after {user.FailureCount} failed login(s): confirm who tried"));
            }
        }

        var active = admins.Users.Count(u => u.IsActive);
        return CheckVerdict.FromFindings(
            findings,
            $"{admins.Instance}: all {active} active admin(s) logged in within {maxInactive} days, none deactivated, locked or never used.",
            $"{admins.Instance}: {findings.Count} finding(s) on {admins.Users.Count} admin account(s): unused, never used, deactivated or locked accounts.");
    }
}
