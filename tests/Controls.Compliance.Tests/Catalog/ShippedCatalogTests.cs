using Controls.Compliance.Catalog;

namespace Controls.Compliance.Tests.Catalog;

public sealed class ShippedCatalogTests
{
    private static readonly ControlCatalog Catalog = CatalogLoader.Load(Path.Combine(AppContext.BaseDirectory, "control-catalog"));

    [Theory]
    [InlineData(FrameworkIds.Iso27001V2022, 93)]
    [InlineData(FrameworkIds.Iso27001V2013, 114)]
    [InlineData(FrameworkIds.Soc2, 33)]
    public void Framework_HasEveryRequirement(string frameworkId, int expected)
    {
        var framework = Catalog.Frameworks.Single(f => f.Id == frameworkId);
        Assert.Equal(expected, framework.Requirements.Count);
    }

    [Fact]
    public void Iso2022_ListsExactlyTheAnnexAControlIds()
    {
        var expected = Enumerable.Range(1, 37).Select(i => $"5.{i}")
            .Concat(Enumerable.Range(1, 8).Select(i => $"6.{i}"))
            .Concat(Enumerable.Range(1, 14).Select(i => $"7.{i}"))
            .Concat(Enumerable.Range(1, 34).Select(i => $"8.{i}"))
            .ToHashSet();
        var actual = Catalog.Frameworks.Single(f => f.Id == FrameworkIds.Iso27001V2022).Requirements.Select(r => r.Id).ToHashSet();
        Assert.True(expected.SetEquals(actual), $"missing: {string.Join(", ", expected.Except(actual))}; unexpected: {string.Join(", ", actual.Except(expected))}");
    }

    [Fact]
    public void Soc2_ListsCC1ThroughCC9()
    {
        string[] expected =
        [
            "CC1.1", "CC1.2", "CC1.3", "CC1.4", "CC1.5", "CC2.1", "CC2.2", "CC2.3", "CC3.1", "CC3.2", "CC3.3", "CC3.4",
            "CC4.1", "CC4.2", "CC5.1", "CC5.2", "CC5.3", "CC6.1", "CC6.2", "CC6.3", "CC6.4", "CC6.5", "CC6.6", "CC6.7",
            "CC6.8", "CC7.1", "CC7.2", "CC7.3", "CC7.4", "CC7.5", "CC8.1", "CC9.1", "CC9.2",
        ];
        var actual = Catalog.Frameworks.Single(f => f.Id == FrameworkIds.Soc2).Requirements.Select(r => r.Id).Order().ToArray();
        Assert.Equal(expected.Order().ToArray(), actual);
    }

    [Fact]
    public void Soc2_CC6_HasPointsOfFocus()
    {
        var cc6 = Catalog.Frameworks.Single(f => f.Id == FrameworkIds.Soc2).Requirements.Where(r => r.Id.StartsWith("CC6.", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, cc6.Count);
        Assert.All(cc6, r => Assert.NotEmpty(r.PointsOfFocus));
    }

    [Fact]
    public void EveryMappingTarget_Exists()
    {
        foreach (var requirement in Catalog.Requirements)
        {
            foreach (var mapping in requirement.Mappings)
            {
                Assert.NotNull(Catalog.FindRequirement(mapping.Target));
            }
        }
    }

    [Fact]
    public void EveryIso2013Control_MapsTo2022()
    {
        var iso2013 = Catalog.Frameworks.Single(f => f.Id == FrameworkIds.Iso27001V2013).Requirements;
        Assert.All(iso2013, r => Assert.Contains(r.Mappings, m => m.Target.FrameworkId == FrameworkIds.Iso27001V2022));
    }

    [Fact]
    public void EveryRequirement_IsCoveredByAtLeastOneCheck()
    {
        var uncovered = Catalog.Requirements.Where(r => Catalog.ChecksEvidencing(r.Key).Count == 0).Select(r => r.Key.ToString()).ToList();
        Assert.Empty(uncovered);
    }

    [Theory]
    [InlineData("A.9.2.5", "5.18")]
    [InlineData("A.12.4.1", "8.15")]
    [InlineData("A.12.4.4", "8.17")]
    [InlineData("A.16.1.1", "5.24")]
    [InlineData("A.16.1.2", "6.8")]
    public void Iso2013Id_ResolvesToIts2022Control(string id2013, string id2022)
    {
        var requirement = Assert.Single(Catalog.Resolve(id2013));
        Assert.Equal(FrameworkIds.Iso27001V2013, requirement.FrameworkId);
        Assert.Contains(Catalog.Iso2022Equivalents(requirement), r => r.Id == id2022);
    }

    [Theory]
    [InlineData("5.18")]
    [InlineData("A.5.18")]
    [InlineData("iso27001-2022/5.18")]
    public void Iso2022Id_ResolvesWithOrWithoutAnnexPrefix(string id)
    {
        var requirement = Assert.Single(Catalog.Resolve(id));
        Assert.Equal(new RequirementKey(FrameworkIds.Iso27001V2022, "5.18"), requirement.Key);
    }

    [Fact]
    public void AttestedChecks_NameWhatToUploadAndWhoOwnsIt()
    {
        Assert.All(Catalog.Checks.Where(c => c.Type == CheckType.Attested), c =>
        {
            Assert.NotNull(c.Attestation);
            Assert.False(string.IsNullOrWhiteSpace(c.Attestation!.OwnerRole));
        });
    }
}
