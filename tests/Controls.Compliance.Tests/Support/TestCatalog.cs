namespace Controls.Compliance.Tests.Support;

/// <summary>
/// A small catalog written to a temp folder: two requirements, one automated check on a "test-platform" system,
/// one attested check. Uses the shipped JSON Schemas so the real loader validates it.
/// </summary>
public static class TestCatalog
{
    public const string AutomatedCheck = "test.widgets-locked";
    public const string AttestedCheck = "attested.test-policy";
    public const string SystemKind = "log-store";

    public static string Write(string root, string? checksYaml = null, string? frameworkYaml = null)
    {
        var catalog = Path.Combine(root, "control-catalog");
        Directory.CreateDirectory(Path.Combine(catalog, "frameworks"));
        Directory.CreateDirectory(Path.Combine(catalog, "checks"));
        Directory.CreateDirectory(Path.Combine(catalog, "training"));
        Directory.CreateDirectory(Path.Combine(catalog, "schema"));
        foreach (var schema in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "control-catalog", "schema")))
        {
            File.Copy(schema, Path.Combine(catalog, "schema", Path.GetFileName(schema)), overwrite: true);
        }

        File.WriteAllText(Path.Combine(catalog, "frameworks", "test.yaml"), frameworkYaml ?? Framework);
        File.WriteAllText(Path.Combine(catalog, "checks", "test.yaml"), checksYaml ?? Checks);
        File.WriteAllText(Path.Combine(catalog, "training", "modules.yaml"), Training);
        return catalog;
    }

    public const string Framework = """
        id: iso27001-2022
        name: Test framework
        version: "2022"
        requirements:
          - id: "8.15"
            name: Logging
            group: Technological controls
            description: Activity logs are produced, kept and protected.
          - id: "5.1"
            name: Policies
            group: Organizational controls
            description: Security policies exist and are approved.
        """;

    public const string Checks = """
        checks:
          - id: test.widgets-locked
            title: Widgets are locked
            type: automated
            measures: Every widget reported by the platform is locked.
            rationale: An unlocked widget lets anyone change the logs.
            systemKinds: [log-store]
            surfaces: [pipeline]
            parameters:
              - name: maxUnlocked
                type: integer
                default: 0
                description: How many unlocked widgets are tolerated.
            evidences:
              iso27001-2022: ["8.15"]
            remediation: Lock every widget in the platform settings.
            retrofit: { hoursLow: 2, hoursHigh: 6, upkeepHoursPerYear: 1 }
            freshness: PT26H
          - id: attested.test-policy
            title: Policy approved
            type: attested
            measures: An approved policy document is uploaded.
            rationale: Auditors ask for the approved policy first.
            systemKinds: []
            surfaces: [employee-portal]
            evidences:
              iso27001-2022: ["5.1", "8.15"]
            remediation: Write and approve the policy.
            retrofit: { hoursLow: 8, hoursHigh: 16, upkeepHoursPerYear: 4 }
            freshness: P365D
            attestation:
              evidence: The approved policy.
              ownerRole: CISO
        """;

    public const string Training = """
        modules:
          - id: security-awareness
            title: Security awareness
            description: Everyone learns the basics of keeping data safe.
            audience: { roles: [all-staff], surfaces: [] }
            refresh: P365D
            joinerGrace: P30D
        """;
}
