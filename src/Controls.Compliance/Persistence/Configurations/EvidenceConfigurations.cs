using Controls.Compliance.Collection;
using Controls.Compliance.Evidence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Controls.Compliance.Persistence.Configurations;

public sealed class CollectionRunConfiguration : IEntityTypeConfiguration<CollectionRun>
{
    public void Configure(EntityTypeBuilder<CollectionRun> builder)
    {
        builder.Property(r => r.Trigger).HasMaxLength(32);
        builder.Property(r => r.Error).HasMaxLength(4000);
        builder.Property(r => r.HeadHash).HasMaxLength(64);
        builder.HasIndex(r => new { r.SystemId, r.StartedAt });
        builder.HasOne<ConnectedSystem>().WithMany().HasForeignKey(r => r.SystemId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class EvidenceRecordConfiguration : IEntityTypeConfiguration<EvidenceRecord>
{
    public void Configure(EntityTypeBuilder<EvidenceRecord> builder)
    {
        builder.Property(e => e.Kind).HasMaxLength(100);
        builder.Property(e => e.Subject).HasMaxLength(400);
        builder.Property(e => e.ContentSha256).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.ChainHash).HasMaxLength(64);

        // One record per position: two writers can never fork a system's chain.
        builder.HasIndex(e => new { e.SystemId, e.Sequence }).IsUnique();
        builder.HasIndex(e => new { e.RunId, e.Kind });
        builder.HasOne<ConnectedSystem>().WithMany().HasForeignKey(e => e.SystemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CollectionRun>().WithMany().HasForeignKey(e => e.RunId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class EvidenceContentConfiguration : IEntityTypeConfiguration<EvidenceContent>
{
    public void Configure(EntityTypeBuilder<EvidenceContent> builder)
    {
        builder.HasKey(c => new { c.WorkspaceId, c.Sha256 });
        builder.Property(c => c.Sha256).HasMaxLength(64);
    }
}
