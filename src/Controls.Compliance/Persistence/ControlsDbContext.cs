using System.Linq.Expressions;
using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Controls.Compliance.Persistence;

/// <summary>
/// The one database of Controls. Every <see cref="IWorkspaceOwned"/> entity is filtered to the caller's
/// workspace; a context whose caller has no workspace sees no workspace-owned rows at all.
/// Migrations: <c>dotnet ef migrations add &lt;Name&gt; -p src/Controls.Compliance -o Persistence/Migrations</c>.
/// </summary>
public sealed class ControlsDbContext(DbContextOptions<ControlsDbContext> options, ICallerContext caller) : DbContext(options)
{
    // Read by the query filters on every query, so a context follows its scope's caller.
    private int? CurrentWorkspaceId => caller.WorkspaceId;

    public DbSet<Workspace> Workspaces => Set<Workspace>();

    public DbSet<ConnectedSystem> Systems => Set<ConnectedSystem>();

    public DbSet<CollectionRun> CollectionRuns => Set<CollectionRun>();

    public DbSet<EvidenceRecord> EvidenceRecords => Set<EvidenceRecord>();

    public DbSet<EvidenceContent> EvidenceContents => Set<EvidenceContent>();

    public DbSet<CheckEvaluation> CheckEvaluations => Set<CheckEvaluation>();

    public DbSet<Finding> Findings => Set<Finding>();

    public DbSet<Exclusion> Exclusions => Set<Exclusion>();

    public DbSet<ParameterOverride> ParameterOverrides => Set<ParameterOverride>();

    public DbSet<Attestation> Attestations => Set<Attestation>();

    public DbSet<ThirdParty.Vendor> Vendors => Set<ThirdParty.Vendor>();

    public DbSet<Incidents.Incident> Incidents => Set<Incidents.Incident>();

    public DbSet<Incidents.IncidentNotification> IncidentNotifications => Set<Incidents.IncidentNotification>();

    public DbSet<People.PersonEntry> People => Set<People.PersonEntry>();

    public DbSet<AccessReviews.AccessReviewCampaign> AccessReviewCampaigns => Set<AccessReviews.AccessReviewCampaign>();

    public DbSet<AccessReviews.AccessReviewItem> AccessReviewItems => Set<AccessReviews.AccessReviewItem>();

    public DbSet<Training.TrainingCompletionEntry> TrainingCompletions => Set<Training.TrainingCompletionEntry>();

    public DbSet<Training.TrainingImport> TrainingImports => Set<Training.TrainingImport>();

    public DbSet<Training.TrainingImportRejection> TrainingImportRejections => Set<Training.TrainingImportRejection>();

    public DbSet<Training.ImportColumnMapping> ImportColumnMappings => Set<Training.ImportColumnMapping>();

    public DbSet<Readiness.PlaybookAttestation> PlaybookAttestations => Set<Readiness.PlaybookAttestation>();

    public DbSet<Readiness.TabletopExercise> TabletopExercises => Set<Readiness.TabletopExercise>();

    public DbSet<RequirementStatus> RequirementStatuses => Set<RequirementStatus>();

    public DbSet<Gap> Gaps => Set<Gap>();

    public DbSet<FrameworkEntry> Frameworks => Set<FrameworkEntry>();

    public DbSet<RequirementEntry> Requirements => Set<RequirementEntry>();

    public DbSet<RequirementMappingEntry> RequirementMappings => Set<RequirementMappingEntry>();

    public DbSet<CheckEntry> Checks => Set<CheckEntry>();

    public DbSet<CheckRequirementEntry> CheckRequirements => Set<CheckRequirementEntry>();

    public DbSet<TrainingModuleEntry> TrainingModules => Set<TrainingModuleEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ControlsDbContext).Assembly);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (typeof(IWorkspaceOwned).IsAssignableFrom(entityType.ClrType))
            {
                var filter = typeof(ControlsDbContext)
                    .GetMethod(nameof(WorkspaceFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(entityType.ClrType)
                    .Invoke(this, null);
                modelBuilder.Entity(entityType.ClrType).HasQueryFilter((LambdaExpression)filter!);
                modelBuilder.Entity(entityType.ClrType).HasIndex(nameof(IWorkspaceOwned.WorkspaceId));
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC in and out; providers that drop the Kind get it back here.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();

        // Enums are stored by name so the database reads without the code and survives reordering.
        configurationBuilder.Properties<CheckStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RunOutcome>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<EvidenceOutcome>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<CheckType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<MappingRelationship>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ThirdParty.RiskTier>().HaveConversion<string>().HaveMaxLength(16);

        // SQLite cannot order or sum decimals natively; money is stored as text-free REAL-safe double.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }

    private Expression<Func<T, bool>> WorkspaceFilter<T>()
        where T : class, IWorkspaceOwned =>
        entity => entity.WorkspaceId == CurrentWorkspaceId;
}
