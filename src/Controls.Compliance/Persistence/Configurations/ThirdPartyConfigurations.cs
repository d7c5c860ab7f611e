using Controls.Compliance.ThirdParty;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Controls.Compliance.Persistence.Configurations;

public sealed class VendorConfiguration : IEntityTypeConfiguration<Vendor>
{
    public void Configure(EntityTypeBuilder<Vendor> builder)
    {
        builder.ToTable("Vendors");

        // NOCASE: "Klaviyo" and "klaviyo" are one vendor, which is how imports upsert by name.
        builder.Property(v => v.Name).HasMaxLength(200).UseCollation("NOCASE");
        builder.HasIndex(v => new { v.WorkspaceId, v.Name }).IsUnique();
        builder.Property(v => v.Owner).HasMaxLength(200);
        builder.Property(v => v.Notes).HasMaxLength(4000);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(v => v.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}
