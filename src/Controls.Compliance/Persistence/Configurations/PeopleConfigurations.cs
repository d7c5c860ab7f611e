using Controls.Compliance.AccessReviews;
using Controls.Compliance.People;
using Controls.Compliance.Readiness;
using Controls.Compliance.Training;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Controls.Compliance.Persistence.Configurations;

public sealed class PersonEntryConfiguration : IEntityTypeConfiguration<PersonEntry>
{
    public void Configure(EntityTypeBuilder<PersonEntry> builder)
    {
        builder.ToTable("People");

        // NOCASE: keys are e-mails more often than not, and "Jane@Acme.com" is the person "jane@acme.com".
        builder.Property(p => p.Key).HasMaxLength(320).UseCollation("NOCASE");
        builder.HasIndex(p => new { p.WorkspaceId, p.Key }).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.PrimaryEmail).HasMaxLength(320);
        builder.Property(p => p.Team).HasMaxLength(200);
        builder.Property(p => p.UpdatedBy).HasMaxLength(200);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AccessReviewCampaignConfiguration : IEntityTypeConfiguration<AccessReviewCampaign>
{
    public void Configure(EntityTypeBuilder<AccessReviewCampaign> builder)
    {
        builder.ToTable("AccessReviewCampaigns");
        builder.Property(c => c.SystemKind).HasMaxLength(40);
        builder.Property(c => c.SystemName).HasMaxLength(200);
        builder.Property(c => c.Title).HasMaxLength(400);
        builder.Property(c => c.Owner).HasMaxLength(200);
        builder.Property(c => c.Trigger).HasMaxLength(40);
        builder.Property(c => c.CreatedBy).HasMaxLength(200);
        builder.Property(c => c.SignedOffBy).HasMaxLength(200);
        builder.Property(c => c.SignOffStatement).HasMaxLength(4000);
        builder.HasIndex(c => new { c.WorkspaceId, c.SystemId, c.CreatedAt });
        builder.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Systems.ConnectedSystem>().WithMany().HasForeignKey(c => c.SystemId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AccessReviewItemConfiguration : IEntityTypeConfiguration<AccessReviewItem>
{
    public void Configure(EntityTypeBuilder<AccessReviewItem> builder)
    {
        builder.ToTable("AccessReviewItems");
        builder.Property(i => i.AccountKey).HasMaxLength(200);
        builder.HasIndex(i => new { i.CampaignId, i.AccountKey }).IsUnique();
        builder.Property(i => i.Login).HasMaxLength(200);
        builder.Property(i => i.Email).HasMaxLength(320);
        builder.Property(i => i.DisplayName).HasMaxLength(200);
        builder.Property(i => i.Role).HasMaxLength(200);
        builder.Property(i => i.PersonKey).HasMaxLength(320);
        builder.Property(i => i.Owner).HasMaxLength(200);

        // Stored by name so the table reads on its own ("Revoke"), and a reordered enum cannot change past decisions.
        builder.Property(i => i.Decision).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.ChangeTo).HasMaxLength(200);
        builder.Property(i => i.Justification).HasMaxLength(4000);
        builder.Property(i => i.DecidedBy).HasMaxLength(200);
    }
}

public sealed class TrainingCompletionEntryConfiguration : IEntityTypeConfiguration<TrainingCompletionEntry>
{
    public void Configure(EntityTypeBuilder<TrainingCompletionEntry> builder)
    {
        builder.ToTable("TrainingCompletions");
        builder.Property(c => c.PersonKey).HasMaxLength(320).UseCollation("NOCASE");
        builder.Property(c => c.ModuleId).HasMaxLength(100);

        // One completion per person, module and day: re-importing the same export adds nothing.
        builder.HasIndex(c => new { c.WorkspaceId, c.PersonKey, c.ModuleId, c.CompletedOn }).IsUnique();
        builder.HasOne<TrainingImport>().WithMany().HasForeignKey(c => c.ImportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TrainingImportConfiguration : IEntityTypeConfiguration<TrainingImport>
{
    public void Configure(EntityTypeBuilder<TrainingImport> builder)
    {
        builder.ToTable("TrainingImports");
        builder.Property(i => i.FileName).HasMaxLength(400);
        builder.Property(i => i.Format).HasMaxLength(10);
        builder.Property(i => i.FileSha256).HasMaxLength(64);
        builder.Property(i => i.MappingJson).HasMaxLength(4000);
        builder.Property(i => i.ImportedBy).HasMaxLength(200);
        builder.HasMany(i => i.Rejections).WithOne().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TrainingImportRejectionConfiguration : IEntityTypeConfiguration<TrainingImportRejection>
{
    public void Configure(EntityTypeBuilder<TrainingImportRejection> builder)
    {
        builder.ToTable("TrainingImportRejections");
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Property(r => r.Values).HasMaxLength(4000);
    }
}

public sealed class ImportColumnMappingConfiguration : IEntityTypeConfiguration<ImportColumnMapping>
{
    public void Configure(EntityTypeBuilder<ImportColumnMapping> builder)
    {
        builder.ToTable("ImportColumnMappings");
        builder.Property(m => m.Purpose).HasMaxLength(80);
        builder.HasIndex(m => new { m.WorkspaceId, m.Purpose }).IsUnique();
        builder.Property(m => m.ColumnsJson).HasMaxLength(4000);
        builder.Property(m => m.UpdatedBy).HasMaxLength(200);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PlaybookAttestationConfiguration : IEntityTypeConfiguration<PlaybookAttestation>
{
    public void Configure(EntityTypeBuilder<PlaybookAttestation> builder)
    {
        builder.ToTable("PlaybookAttestations");
        builder.Property(p => p.Surface).HasMaxLength(60);
        builder.HasIndex(p => new { p.WorkspaceId, p.Surface, p.AttestedAt });
        builder.Property(p => p.Title).HasMaxLength(400);
        builder.Property(p => p.Owner).HasMaxLength(200);
        builder.Property(p => p.Location).HasMaxLength(1000);
        builder.Property(p => p.FileSha256).HasMaxLength(64);
        builder.Property(p => p.FileName).HasMaxLength(400);
        builder.Property(p => p.AttestedBy).HasMaxLength(200);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TabletopExerciseConfiguration : IEntityTypeConfiguration<TabletopExercise>
{
    public void Configure(EntityTypeBuilder<TabletopExercise> builder)
    {
        builder.ToTable("TabletopExercises");
        builder.Property(t => t.Scenario).HasMaxLength(1000);
        builder.Property(t => t.Facilitator).HasMaxLength(200);
        builder.Property(t => t.Outcome).HasMaxLength(4000);
        builder.Property(t => t.RecordedBy).HasMaxLength(200);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(t => t.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}
