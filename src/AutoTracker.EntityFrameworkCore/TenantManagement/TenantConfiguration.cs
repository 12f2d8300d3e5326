using AutoTracker.MultiTenancy;
using AutoTracker.TenantManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoTracker.EntityFrameworkCore.TenantManagement;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> b)
    {
        b.ToTable("Tenants");
        b.Property(t => t.Name).HasMaxLength(TenantConsts.MaxNameLength).IsRequired();
        b.Property(t => t.NormalizedName).HasMaxLength(TenantConsts.MaxNameLength).IsRequired();
        b.HasIndex(t => t.NormalizedName).IsUnique();
    }
}
