using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Compliance.ThirdParty;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace Controls.Api.OData;

/// <summary>
/// The one EDM of /odata, built once. Type names are the nouns an auditor or an Excel user sees
/// ("Controls.Gap"), not the CLR read-model class names.
/// </summary>
public static class ControlsEdmModel
{
    public const string Namespace = "Controls";

    private static readonly Lazy<IEdmModel> Model = new(Create);

    public static IEdmModel Build() => Model.Value;

    private static IEdmModel Create()
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "ControlsContainer" };

        builder.EnumType<CheckStatus>();
        builder.EnumType<CheckType>();
        builder.EnumType<RunOutcome>();
        builder.EnumType<EvidenceOutcome>();
        builder.EnumType<MappingRelationship>();
        builder.EnumType<RiskTier>();
        builder.EnumType<Controls.Compliance.Training.TrainingState>();
        builder.EnumType<Controls.Compliance.People.ResolutionProblem>();
        builder.ComplexType<RequirementMappingReadModel>().Name = "RequirementMapping";

        builder.EntitySet<FrameworkReadModel>("Frameworks").EntityType.HasKey(f => f.Id).Name = "Framework";
        builder.EntitySet<RequirementReadModel>("Requirements").EntityType.HasKey(r => new { r.FrameworkId, r.RequirementId }).Name = "Requirement";
        builder.EntitySet<CheckReadModel>("Checks").EntityType.HasKey(c => c.Id).Name = "Check";
        builder.EntitySet<SystemReadModel>("Systems").EntityType.HasKey(s => s.Id).Name = "System";
        builder.EntitySet<CollectionRunReadModel>("CollectionRuns").EntityType.HasKey(r => r.Id).Name = "CollectionRun";
        builder.EntitySet<EvaluationReadModel>("Evaluations").EntityType.HasKey(e => e.Id).Name = "Evaluation";
        builder.EntitySet<FindingReadModel>("Findings").EntityType.HasKey(f => f.Id).Name = "Finding";
        builder.EntitySet<GapReadModel>("Gaps").EntityType.HasKey(g => g.Id).Name = "Gap";
        builder.EntitySet<EvidenceReadModel>("Evidence").EntityType.HasKey(e => e.Id).Name = "EvidenceRecord";
        builder.EntitySet<VendorReadModel>("Vendors").EntityType.HasKey(v => v.Id).Name = "Vendor";
        builder.EntitySet<InventoryItemRow>("InventoryItems").EntityType.HasKey(i => i.Id).Name = "InventoryItem";
        builder.EntitySet<IncidentReadModel>("Incidents").EntityType.HasKey(i => i.Id).Name = "Incident";
        builder.EntitySet<IncidentNotificationReadModel>("IncidentNotifications").EntityType.HasKey(n => n.Id).Name = "IncidentNotification";
        builder.EntitySet<SurfaceReadinessReadModel>("SurfaceReadiness").EntityType.HasKey(s => s.Surface).Name = "SurfaceReadiness";
        builder.EntitySet<PlaybookAttestationReadModel>("PlaybookAttestations").EntityType.HasKey(p => p.Id).Name = "PlaybookAttestation";
        builder.EntitySet<TabletopExerciseReadModel>("TabletopExercises").EntityType.HasKey(t => t.Id).Name = "TabletopExercise";
        builder.EntitySet<PersonReadModel>("People").EntityType.HasKey(p => p.Key).Name = "Person";
        builder.EntitySet<PersonAccountRow>("PersonAccounts").EntityType.HasKey(a => a.Id).Name = "PersonAccount";
        builder.EntitySet<TrainingCompletionReadModel>("TrainingCompletions").EntityType.HasKey(c => c.Id).Name = "TrainingCompletion";
        builder.EntitySet<TrainingImportReadModel>("TrainingImports").EntityType.HasKey(i => i.Id).Name = "TrainingImport";
        builder.EntitySet<TrainingImportRejectionReadModel>("TrainingImportRejections").EntityType.HasKey(r => r.Id).Name = "TrainingImportRejection";
        builder.EntitySet<TrainingCoverageRow>("TrainingCoverage").EntityType.HasKey(c => c.Id).Name = "TrainingCoverage";
        builder.EntitySet<TrainingAssignmentRow>("TrainingAssignments").EntityType.HasKey(a => a.Id).Name = "TrainingAssignment";
        builder.EntitySet<AccessReviewCampaignReadModel>("AccessReviewCampaigns").EntityType.HasKey(c => c.Id).Name = "AccessReviewCampaign";
        builder.EntitySet<AccessReviewItemReadModel>("AccessReviewItems").EntityType.HasKey(i => i.Id).Name = "AccessReviewItem";

        foreach (var type in builder.StructuralTypes)
        {
            type.Namespace = Namespace;
        }

        foreach (var type in builder.EnumTypes)
        {
            type.Namespace = Namespace;
        }

        return builder.GetEdmModel();
    }
}
