using Controls.Compliance.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Controls.Compliance.Persistence.Configurations;

public sealed class CheckEvaluationConfiguration : IEntityTypeConfiguration<CheckEvaluation>
{
    public void Configure(EntityTypeBuilder<CheckEvaluation> builder)
    {
        builder.Property(e => e.CheckId).HasMaxLength(120);
        builder.Property(e => e.Summary).HasMaxLength(2000);
        builder.Property(e => e.Fingerprint).HasMaxLength(64);
        builder.HasIndex(e => new { e.WorkspaceId, e.IsCurrent, e.CheckId });
        builder.HasIndex(e => new { e.CheckId, e.SystemId, e.EvaluatedAt });
        builder.HasMany(e => e.Findings).WithOne().HasForeignKey(f => f.EvaluationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.Property(f => f.CheckId).HasMaxLength(120);
        builder.Property(f => f.Resource).HasMaxLength(400);
        builder.Property(f => f.Message).HasMaxLength(2000);
    }
}

public sealed class ExclusionConfiguration : IEntityTypeConfiguration<Exclusion>
{
    public void Configure(EntityTypeBuilder<Exclusion> builder)
    {
        builder.Property(e => e.CheckId).HasMaxLength(120);
        builder.Property(e => e.Justification).HasMaxLength(4000);
        builder.Property(e => e.ExcludedBy).HasMaxLength(200);
    }
}

public sealed class ParameterOverrideConfiguration : IEntityTypeConfiguration<ParameterOverride>
{
    public void Configure(EntityTypeBuilder<ParameterOverride> builder)
    {
        builder.Property(p => p.CheckId).HasMaxLength(120);
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.ValueJson).HasMaxLength(4000);
        builder.HasIndex(p => new { p.WorkspaceId, p.CheckId, p.Name }).IsUnique();
    }
}

public sealed class AttestationConfiguration : IEntityTypeConfiguration<Attestation>
{
    public void Configure(EntityTypeBuilder<Attestation> builder)
    {
        builder.Property(a => a.CheckId).HasMaxLength(120);
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.Owner).HasMaxLength(200);
        builder.Property(a => a.UploadedBy).HasMaxLength(200);
        builder.Property(a => a.FileName).HasMaxLength(300);
        builder.Property(a => a.ContentType).HasMaxLength(200);
        builder.Property(a => a.FileSha256).HasMaxLength(64);
        builder.HasIndex(a => new { a.WorkspaceId, a.CheckId, a.ValidUntil });
    }
}

public sealed class RequirementStatusConfiguration : IEntityTypeConfiguration<RequirementStatus>
{
    public void Configure(EntityTypeBuilder<RequirementStatus> builder)
    {
        builder.HasKey(r => new { r.WorkspaceId, r.FrameworkId, r.RequirementId });
        builder.Property(r => r.FrameworkId).HasMaxLength(40);
        builder.Property(r => r.RequirementId).HasMaxLength(40);
    }
}

public sealed class GapConfiguration : IEntityTypeConfiguration<Gap>
{
    public void Configure(EntityTypeBuilder<Gap> builder)
    {
        builder.Property(g => g.CheckId).HasMaxLength(120);
        builder.Property(g => g.CheckTitle).HasMaxLength(300);
        builder.Property(g => g.SystemName).HasMaxLength(200);
        builder.Property(g => g.Surface).HasMaxLength(40);
        builder.Property(g => g.Surfaces).HasMaxLength(400);
        builder.Property(g => g.Requirements).HasMaxLength(4000);
    }
}
