using Controls.Compliance.Incidents;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Controls.Compliance.Persistence.Configurations;

public sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("Incidents");
        builder.Property(i => i.Title).HasMaxLength(400);
        builder.Property(i => i.DeclaredBy).HasMaxLength(200);
        builder.Property(i => i.NotificationTableVersion).HasMaxLength(40);
        builder.HasMany(i => i.Notifications).WithOne().HasForeignKey(n => n.IncidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class IncidentNotificationConfiguration : IEntityTypeConfiguration<IncidentNotification>
{
    public void Configure(EntityTypeBuilder<IncidentNotification> builder)
    {
        builder.ToTable("IncidentNotifications");
        builder.Ignore(n => n.Key);
        builder.Property(n => n.RegimeId).HasMaxLength(80);
        builder.Property(n => n.DeadlineId).HasMaxLength(80);
        builder.HasIndex(n => new { n.IncidentId, n.RegimeId, n.DeadlineId }).IsUnique();
        builder.Property(n => n.RegimeTitle).HasMaxLength(400);
        builder.Property(n => n.Notify).HasMaxLength(400);
        builder.Property(n => n.Rule).HasMaxLength(400);
        builder.Property(n => n.Source).HasMaxLength(400);
        builder.Property(n => n.TimeZone).HasMaxLength(80);
        builder.Property(n => n.WaitingFor).HasMaxLength(200);
        builder.Property(n => n.DoneBy).HasMaxLength(200);
        builder.Property(n => n.Reference).HasMaxLength(400);
    }
}
