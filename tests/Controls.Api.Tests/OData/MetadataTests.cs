using System.Xml;
using Controls.Api.Tests.Support;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace Controls.Api.Tests.OData;

public sealed class MetadataTests(ApiTestFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Metadata_ParsesAsCsdl_WithTheExpectedEntitySetsAndKeys()
    {
        // No workspace exists and none is named: the model is the same for every workspace.
        using var response = await ClientFor(null).GetAsync("/odata/$metadata");
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = XmlReader.Create(stream);

        Assert.True(CsdlReader.TryParse(reader, out var model, out var errors), string.Join("; ", errors ?? []));

        var snapshot = model.EntityContainer.EntitySets()
            .Select(s => $"{s.Name}: {s.EntityType.FullName()}({string.Join(",", s.EntityType.Key().Select(k => k.Name))})")
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "AccessReviewCampaigns: Controls.AccessReviewCampaign(Id)",
                "AccessReviewItems: Controls.AccessReviewItem(Id)",
                "Checks: Controls.Check(Id)",
                "CollectionRuns: Controls.CollectionRun(Id)",
                "Evaluations: Controls.Evaluation(Id)",
                "Evidence: Controls.EvidenceRecord(Id)",
                "Findings: Controls.Finding(Id)",
                "Frameworks: Controls.Framework(Id)",
                "Gaps: Controls.Gap(Id)",
                "IncidentNotifications: Controls.IncidentNotification(Id)",
                "Incidents: Controls.Incident(Id)",
                "InventoryItems: Controls.InventoryItem(Id)",
                "People: Controls.Person(Key)",
                "PersonAccounts: Controls.PersonAccount(Id)",
                "PlaybookAttestations: Controls.PlaybookAttestation(Id)",
                "Requirements: Controls.Requirement(FrameworkId,RequirementId)",
                "SurfaceReadiness: Controls.SurfaceReadiness(Surface)",
                "Systems: Controls.System(Id)",
                "TabletopExercises: Controls.TabletopExercise(Id)",
                "TrainingAssignments: Controls.TrainingAssignment(Id)",
                "TrainingCompletions: Controls.TrainingCompletion(Id)",
                "TrainingCoverage: Controls.TrainingCoverage(Id)",
                "TrainingImportRejections: Controls.TrainingImportRejection(Id)",
                "TrainingImports: Controls.TrainingImport(Id)",
                "Vendors: Controls.Vendor(Id)",
            ],
            snapshot);
    }

    [Fact]
    public async Task Metadata_DescribesStatusesAsEnumsAndNavigations()
    {
        using var response = await ClientFor(null).GetAsync("/odata/$metadata");
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = XmlReader.Create(stream);
        Assert.True(CsdlReader.TryParse(reader, out var model, out _));

        var status = Assert.IsType<IEdmEnumType>(model.FindDeclaredType("Controls.CheckStatus"), exactMatch: false);
        Assert.Equal(["Pass", "Fail", "Error", "Stale", "NeedsEvidence", "NotApplicable"], status.Members.Select(m => m.Name));
        var requirement = (IEdmEntityType)model.FindDeclaredType("Controls.Requirement");
        Assert.Contains(requirement.NavigationProperties(), n => n.Name == "Checks");
        var system = (IEdmEntityType)model.FindDeclaredType("Controls.System");
        Assert.DoesNotContain(system.StructuralProperties(), p => p.Name.Contains("Token", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase));
    }
}
