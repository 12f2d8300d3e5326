using AutoTracker.PermissionManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoTracker.EntityFrameworkCore.PermissionManagement;

internal sealed class PermissionGrantConfiguration : IEntityTypeConfiguration<PermissionGrant>
{
    public void Configure(EntityTypeBuilder<PermissionGrant> b)
    {
        b.ToTable("PermissionGrants");
        b.Property(g => g.Name).HasMaxLength(PermissionGrantConsts.MaxNameLength).IsRequired();
        b.Property(g => g.ProviderName).HasMaxLength(PermissionGrantConsts.MaxProviderNameLength).IsRequired();
        b.Property(g => g.ProviderKey).HasMaxLength(PermissionGrantConsts.MaxProviderKeyLength).IsRequired();

        // One row per grant. Led by the provider, it also serves the check, which loads one role's or user's names.
        b.HasIndex(g => new { g.TenantId, g.ProviderName, g.ProviderKey, g.Name }).IsUnique();

        // Serves the question who holds a permission.
        b.HasIndex(g => new { g.TenantId, g.Name });
    }
}
