using System.Globalization;
using Controls.Collectors.Magento.Evidence;
using Controls.Compliance.Evaluation;

namespace Controls.Collectors.Magento.Checks;

/// <summary>
/// magento.admin-session-hardened: the effective admin security settings (the default-scope core_config_data row, or
/// Magento's shipped default when there is none) are within the parameters.
/// </summary>
public sealed class AdminSessionHardenedEvaluator : ICheckEvaluator
{
    /// <summary>Shipped defaults (config.xml of Magento_Backend, Magento_User and Magento_Security) used when no row overrides them.</summary>
    public static readonly IReadOnlyDictionary<string, string> PlatformDefaults = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["admin/security/session_lifetime"] = "900",
        ["admin/security/lockout_failures"] = "6",
        ["admin/security/lockout_threshold"] = "30",
        ["admin/security/password_lifetime"] = "90",
        ["admin/security/password_is_forced"] = "1",
        ["admin/security/admin_account_sharing"] = "0",
        ["admin/security/use_form_key"] = "1",
    };

    public string CheckId => "magento.admin-session-hardened";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [MagentoEvidenceKinds.SecurityConfig];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var (config, _) = MagentoEvidenceReader.Read<SecurityConfigEvidence>(evidence, MagentoEvidenceKinds.SecurityConfig);
        var findings = new List<FindingDraft>();
        string Effective(string path) =>
            config.Values.FirstOrDefault(v => v.Path == path && v.Scope == "default" && v.ScopeId == 0) is { } row
                ? row.Value ?? string.Empty
                : PlatformDefaults[path];
        int? Number(string path) => int.TryParse(Effective(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        void Add(string path, string message) =>
            findings.Add(new FindingDraft($"{config.Instance}/config/{path}", $"{config.Instance}: {path} = {Show(Effective(path))}: {message}"));

        var maxSession = parameters.GetInt("maxSessionLifetimeSeconds");
        if (Number("admin/security/session_lifetime") is not { } session || session > maxSession)
        {
            Add("admin/security/session_lifetime", $"admin sessions may stay idle longer than {maxSession} seconds");
        }

        var maxFailures = parameters.GetInt("maxLockoutFailures");
        if (Number("admin/security/lockout_failures") is not { } failures || failures <= 0 || failures > maxFailures)
        {
            Add("admin/security/lockout_failures", $"accounts are not locked after at most {maxFailures} failed logins");
        }

        var minLockout = parameters.GetInt("minLockoutMinutes");
        if (Number("admin/security/lockout_threshold") is not { } lockout || lockout < minLockout)
        {
            Add("admin/security/lockout_threshold", $"a locked account is released in less than {minLockout} minutes");
        }

        var maxPasswordDays = parameters.GetInt("maxPasswordLifetimeDays");
        if (maxPasswordDays > 0 && (Number("admin/security/password_lifetime") is not { } lifetime || lifetime <= 0 || lifetime > maxPasswordDays))
        {
            Add("admin/security/password_lifetime", $"admin passwords do not expire within {maxPasswordDays} days");
        }

        if (parameters.GetBool("requireForcedPasswordChange") && Effective("admin/security/password_is_forced") != "1")
        {
            Add("admin/security/password_is_forced", "an expired password is only a recommendation, not a forced change");
        }

        if (!parameters.GetBool("allowAdminAccountSharing") && Effective("admin/security/admin_account_sharing") != "0")
        {
            Add("admin/security/admin_account_sharing", "one admin account can be signed in from several places at once");
        }

        if (Effective("admin/security/use_form_key") != "1")
        {
            Add("admin/security/use_form_key", "admin URLs carry no secret key, which weakens CSRF protection");
        }

        return CheckVerdict.FromFindings(
            findings,
            $"{config.Instance}: admin session lifetime {Effective("admin/security/session_lifetime")} s, lockout after {Effective("admin/security/lockout_failures")} failures for " +
            $"{Effective("admin/security/lockout_threshold")} min, passwords expire after {Effective("admin/security/password_lifetime")} days, sharing off, secret keys in URLs on.",
            $"{config.Instance}: {findings.Count} admin security setting(s) weaker than policy.");
    }

    private static string Show(string value) => value.Length == 0 ? "(empty, feature disabled)" : value;
}

/// <summary>
/// magento.action-log-retention: the Adobe Commerce admin action log exists and keeps entries at least minAuditDays.
/// Magento Open Source has no action log at all, which fails with that explanation.
/// </summary>
public sealed class ActionLogRetentionEvaluator : ICheckEvaluator
{
    public string CheckId => "magento.action-log-retention";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [MagentoEvidenceKinds.ActionLog];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var (log, _) = MagentoEvidenceReader.Read<ActionLogEvidence>(evidence, MagentoEvidenceKinds.ActionLog);
        var min = parameters.GetInt("minAuditDays");
        var resource = $"{log.Instance}/action-log";
        if (!log.ActionLogPresent)
        {
            return CheckVerdict.Fail(
                $"{log.Instance}: there is no admin action log (no magento_logging_event table): Magento Open Source does not record admin actions. " +
                "Adobe Commerce's action log, an audit extension, or admin access logs shipped to the log store must provide the trail.",
                [new FindingDraft(resource, $"{log.Instance}: admin actions are not logged (Magento Open Source has no action log); at least {min} days of audit trail are required")]);
        }

        var lifetime = log.LifetimeDaysConfigured ?? log.LifetimeDaysDefault;
        var source = log.LifetimeDaysConfigured is null ? $"the default of {log.LifetimeDaysDefault} days" : $"{lifetime} days";
        var extent = log.OldestAt is { } oldest ? $"; {log.Rows} entries, oldest {MagentoEvidenceReader.Day(oldest)}" : $"; {log.Rows} entries";
        if (lifetime < min)
        {
            return CheckVerdict.Fail(
                $"{log.Instance}: action log entries are kept {source} (system/rotation/lifetime){extent}; at least {min} days are required.",
                [new FindingDraft(resource, $"{log.Instance}: the action log keeps entries {lifetime} days, less than the required {min}")]);
        }

        return CheckVerdict.Pass($"{log.Instance}: action log entries are kept {source} (system/rotation/lifetime){extent}; at least {min} days are required.");
    }
}
