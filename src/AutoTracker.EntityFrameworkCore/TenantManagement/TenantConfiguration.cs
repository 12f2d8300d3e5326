using AutoTracker.MultiTenancy;
using AutoTracker.TenantManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoTracker.EntityFrameworkCore.TenantManagement;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    /// <summary>
    /// Longest encrypted connection string. Data Protection adds about 70 bytes and base64url a third, so a 1,024-byte
    /// connection string with the settings the application adds encrypts to about 1,550 characters.
    /// </summary>
    public const int MaxProtectedConnectionStringLength = 2048;

    public void Configure(EntityTypeBuilder<Tenant> b)
    {
        b.ToTable("Tenants");
        b.Property(t => t.Name).HasMaxLength(TenantConsts.MaxNameLength).IsRequired();
        b.Property(t => t.NormalizedName).HasMaxLength(TenantConsts.MaxNameLength).IsRequired();
        b.Property(t => t.ProtectedConnectionString).HasMaxLength(MaxProtectedConnectionStringLength);
        b.HasIndex(t => t.NormalizedName).IsUnique();
    }
}

internal sealed class ReservedTenantNameConfiguration : IEntityTypeConfiguration<ReservedTenantName>
{
    public void Configure(EntityTypeBuilder<ReservedTenantName> b)
    {
        b.ToTable("ReservedTenantNames");
        b.HasKey(r => r.NormalizedName);
        b.Property(r => r.NormalizedName).HasMaxLength(TenantConsts.MaxNameLength);
        b.Property(r => r.Name).HasMaxLength(TenantConsts.MaxNameLength).IsRequired();
        b.HasIndex(r => r.TenantId);
    }
}

internal sealed class CrossTenantAccessRecordConfiguration : IEntityTypeConfiguration<CrossTenantAccessRecord>
{
    public void Configure(EntityTypeBuilder<CrossTenantAccessRecord> b)
    {
        b.ToTable("CrossTenantAccessRecords");
        b.Property(r => r.Purpose).HasMaxLength(CrossTenantAccessRecord.MaxPurposeLength).IsRequired();
        b.HasIndex(r => new { r.TenantId, r.AccessTime });
    }
}
