using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Controls.Compliance.Persistence.Configurations;

public sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.Property(w => w.Slug).HasMaxLength(64);
        builder.HasIndex(w => w.Slug).IsUnique();
        builder.Property(w => w.Name).HasMaxLength(200);
        builder.Property(w => w.Currency).HasMaxLength(3);
    }
}

public sealed class ConnectedSystemConfiguration : IEntityTypeConfiguration<ConnectedSystem>
{
    public void Configure(EntityTypeBuilder<ConnectedSystem> builder)
    {
        builder.Property(s => s.Kind).HasMaxLength(32);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.DisplayName).HasMaxLength(200);
        builder.Property(s => s.BaseUrl).HasMaxLength(500);
        builder.Property(s => s.CredentialName).HasMaxLength(200);
        builder.Property(s => s.Schedule).HasMaxLength(120);
        builder.HasIndex(s => new { s.WorkspaceId, s.Kind, s.Name }).IsUnique();
        builder.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}
