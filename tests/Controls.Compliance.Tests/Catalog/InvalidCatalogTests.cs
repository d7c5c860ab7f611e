using Controls.Compliance.Catalog;
using Controls.Compliance.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Controls.Compliance.Tests.Catalog;

public sealed class InvalidCatalogTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "controls-tests", Guid.NewGuid().ToString("n"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Load_TheTestCatalog_Succeeds()
    {
        var catalog = CatalogLoader.Load(TestCatalog.Write(_root));

        Assert.Equal(2, catalog.Checks.Count);
    }

    [Fact]
    public void Load_ModuleWithItsOwnCoverageThreshold_UsesItInsteadOfTheChecks()
    {
        var root = TestCatalog.Write(_root);
        File.AppendAllText(Path.Combine(root, "training", "modules.yaml"), "\n    coverageThreshold: 100\n");

        var module = Assert.Single(CatalogLoader.Load(root).TrainingModules);

        Assert.Equal(100, module.CoverageThreshold);
        Assert.Equal(100, module.ThresholdOr(95));
    }

    [Fact]
    public void Load_ModuleWithoutAThreshold_FallsBackToTheChecks()
    {
        var module = Assert.Single(CatalogLoader.Load(TestCatalog.Write(_root)).TrainingModules);

        Assert.Null(module.CoverageThreshold);
        Assert.Equal(95, module.ThresholdOr(95));
    }

    [Fact]
    public void Load_CoverageThresholdAbove100_IsRejectedAtItsLine()
    {
        var root = TestCatalog.Write(_root);
        File.AppendAllText(Path.Combine(root, "training", "modules.yaml"), "\n    coverageThreshold: 120\n");

        var error = Assert.Throws<CatalogValidationException>(() => CatalogLoader.Load(root));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(Path.Combine("control-catalog", "training", "modules.yaml"), problem.File);
        Assert.Contains("coverageThreshold", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedYaml_NamesFileAndLine()
    {
        var error = LoadWithChecks(TestCatalog.Checks.Replace("    title: Widgets are locked", "    title: [Widgets are locked", StringComparison.Ordinal));

        var first = error.Errors[0];
        Assert.Equal(Path.Combine("control-catalog", "checks", "test.yaml"), first.File);
        Assert.True(first.Line > 0);
        Assert.Contains("malformed YAML", first.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnquotedNumericRequirementId_IsRejectedWithAQuotingHint()
    {
        var framework = TestCatalog.Framework.Replace("- id: \"5.1\"", "- id: 5.1", StringComparison.Ordinal);

        var error = Assert.Throws<CatalogValidationException>(() => CatalogLoader.Load(TestCatalog.Write(_root, frameworkYaml: framework)));

        var problem = Assert.Single(error.Errors, e => e.Message.Contains("must be a string", StringComparison.Ordinal));
        Assert.Equal(Path.Combine("control-catalog", "frameworks", "test.yaml"), problem.File);
        Assert.Equal(9, problem.Line);
        Assert.Contains("requirements[1].id", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownSurface_IsRejectedAtItsLine()
    {
        var error = LoadWithChecks(TestCatalog.Checks.Replace("surfaces: [pipeline]", "surfaces: [chekout]", StringComparison.Ordinal));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(8, problem.Line);
        Assert.Contains("surfaces[0]", problem.Message, StringComparison.Ordinal);
        Assert.Contains("not one of the allowed values", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingRequiredProperty_NamesIt()
    {
        var error = LoadWithChecks(TestCatalog.Checks.Replace("    remediation: Lock every widget in the platform settings.\n", string.Empty, StringComparison.Ordinal));

        Assert.Contains(error.Errors, e => e.Message.Contains("required property 'remediation' is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_CheckEvidencingAnUnknownRequirement_IsRejected()
    {
        var error = LoadWithChecks(TestCatalog.Checks.Replace("iso27001-2022: [\"8.15\"]", "iso27001-2022: [\"8.15\", \"9.99\"]", StringComparison.Ordinal));

        var problem = Assert.Single(error.Errors);
        Assert.Contains("iso27001-2022/9.99, which is not in the catalog", problem.Message, StringComparison.Ordinal);
        Assert.Equal(15, problem.Line);
    }

    [Fact]
    public void Load_RequirementNoCheckEvidences_IsRejected()
    {
        var error = LoadWithChecks(TestCatalog.Checks.Replace("iso27001-2022: [\"5.1\", \"8.15\"]", "iso27001-2022: [\"8.15\"]", StringComparison.Ordinal));

        var problem = Assert.Single(error.Errors);
        Assert.Contains("iso27001-2022/5.1 is not evidenced by any automated or attested check", problem.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine("control-catalog", "frameworks", "test.yaml"), problem.File);
    }

    [Fact]
    public void Load_DuplicateCheckIds_AreRejected()
    {
        var error = LoadWithChecks(TestCatalog.Checks.Replace("id: attested.test-policy", "id: test.widgets-locked", StringComparison.Ordinal));

        Assert.Contains(error.Errors, e => e.Message.Contains("defined twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ReportsEveryErrorAtOnce()
    {
        var broken = TestCatalog.Checks
            .Replace("surfaces: [pipeline]", "surfaces: [chekout]", StringComparison.Ordinal)
            .Replace("freshness: P365D", "freshness: yearly", StringComparison.Ordinal);

        var error = LoadWithChecks(broken);

        Assert.Equal(2, error.Errors.Count);
        Assert.Contains("2 error(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_RefusesToStartOnAnInvalidCatalog()
    {
        var catalog = TestCatalog.Write(_root, checksYaml: TestCatalog.Checks.Replace("surfaces: [pipeline]", "surfaces: [chekout]", StringComparison.Ordinal));
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Controls:Database:ConnectionString"] = $"Data Source={Path.Combine(_root, "controls.db")}",
            ["Controls:Catalog:Path"] = catalog,
        });
        builder.AddControlsCompliance();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<CatalogValidationException>(() => host.StartAsync());

        Assert.Contains("test.yaml:8", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "controls.db")) && new FileInfo(Path.Combine(_root, "controls.db")).Length > 0, "nothing was written before the catalog was validated");
    }

    private CatalogValidationException LoadWithChecks(string checksYaml) =>
        Assert.Throws<CatalogValidationException>(() => CatalogLoader.Load(TestCatalog.Write(_root, checksYaml: checksYaml)));
}
