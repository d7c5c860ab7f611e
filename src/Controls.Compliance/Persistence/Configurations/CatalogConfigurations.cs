using Controls.Compliance.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Controls.Compliance.Persistence.Configurations;

public sealed class FrameworkEntryConfiguration : IEntityTypeConfiguration<FrameworkEntry>
{
    public void Configure(EntityTypeBuilder<FrameworkEntry> builder)
    {
        builder.ToTable("Frameworks");
        builder.Property(f => f.Id).HasMaxLength(40);
    }
}

public sealed class RequirementEntryConfiguration : IEntityTypeConfiguration<RequirementEntry>
{
    public void Configure(EntityTypeBuilder<RequirementEntry> builder)
    {
        builder.ToTable("Requirements");
        builder.HasKey(r => new { r.FrameworkId, r.Id });
        builder.Property(r => r.FrameworkId).HasMaxLength(40);
        builder.Property(r => r.Id).HasMaxLength(40);
        builder.HasOne<FrameworkEntry>().WithMany().HasForeignKey(r => r.FrameworkId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RequirementMappingEntryConfiguration : IEntityTypeConfiguration<RequirementMappingEntry>
{
    public void Configure(EntityTypeBuilder<RequirementMappingEntry> builder)
    {
        builder.ToTable("RequirementMappings");
        builder.HasKey(m => new { m.FrameworkId, m.RequirementId, m.TargetFrameworkId, m.TargetRequirementId });
        builder.Property(m => m.FrameworkId).HasMaxLength(40);
        builder.Property(m => m.RequirementId).HasMaxLength(40);
        builder.Property(m => m.TargetFrameworkId).HasMaxLength(40);
        builder.Property(m => m.TargetRequirementId).HasMaxLength(40);
    }
}

public sealed class CheckEntryConfiguration : IEntityTypeConfiguration<CheckEntry>
{
    public void Configure(EntityTypeBuilder<CheckEntry> builder)
    {
        builder.ToTable("Checks");
        builder.Property(c => c.Id).HasMaxLength(120);
        builder.Property(c => c.PrimarySurface).HasMaxLength(40);
    }
}

public sealed class CheckRequirementEntryConfiguration : IEntityTypeConfiguration<CheckRequirementEntry>
{
    public void Configure(EntityTypeBuilder<CheckRequirementEntry> builder)
    {
        builder.ToTable("CheckRequirements");
        builder.HasKey(c => new { c.CheckId, c.FrameworkId, c.RequirementId });
        builder.Property(c => c.CheckId).HasMaxLength(120);
        builder.Property(c => c.FrameworkId).HasMaxLength(40);
        builder.Property(c => c.RequirementId).HasMaxLength(40);
    }
}

public sealed class TrainingModuleEntryConfiguration : IEntityTypeConfiguration<TrainingModuleEntry>
{
    public void Configure(EntityTypeBuilder<TrainingModuleEntry> builder)
    {
        builder.ToTable("TrainingModules");
        builder.Property(t => t.Id).HasMaxLength(80);
    }
}
