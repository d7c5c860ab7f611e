using System.Text.Json.Nodes;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Testing.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Api.Tests.Support;

/// <summary>
/// The host with the shipped catalog plus one automated test check (systemKinds [fixture]) so runs, failures and
/// findings exist, the fixture collector and its evaluator, and one configured credential whose value must never
/// leave the process.
/// </summary>
public sealed class ApiTestFactory : ControlsApiFactory
{
    public const string CredentialName = "fixture-token";
    public const string CredentialValue = "ctl-secret-4b1f9e7a0c2d";

    private readonly string _catalog;

    public ApiTestFactory()
    {
        _catalog = Path.Combine(Database.Directory, "control-catalog");
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "control-catalog"), _catalog);

        var schemaPath = Path.Combine(_catalog, "schema", "checks.schema.json");
        var schema = JsonNode.Parse(File.ReadAllText(schemaPath))!;
        schema["definitions"]!["check"]!["properties"]!["systemKinds"]!["items"]!["enum"]!.AsArray().Add(FixtureCollector.Kind);
        File.WriteAllText(schemaPath, schema.ToJsonString());
        File.WriteAllText(Path.Combine(_catalog, "checks", "fixture.yaml"), FixtureCheckYaml);
    }

    public FixturePlatform Platform { get; } = new();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Controls:Catalog:Path"] = _catalog;
        settings[$"Controls:Credentials:{CredentialName}"] = CredentialValue;
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton(Platform);
        services.AddSingleton<ICollector, FixtureCollector>();
        services.AddSingleton<ICheckEvaluator, FixtureOwnershipEvaluator>();
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
        }
    }

    private const string FixtureCheckYaml = """
        checks:
          - id: fixture.repository-owned
            title: Every fixture repository names an owner
            type: automated
            measures: Each repository the fixture platform reports names an owner.
            rationale: A test-only check so API tests see real Pass and Fail results with findings.
            systemKinds: [fixture]
            surfaces: [pipeline]
            parameters: []
            evidences:
              iso27001-2022: ["5.9"]
            remediation: Name an owner for every repository on the fixture platform.
            retrofit:
              hoursLow: 2
              hoursHigh: 6
              upkeepHoursPerYear: 1
            freshness: PT26H
        """;
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiTestFactory>
{
    public const string Name = "api";
}
