using AutoTracker.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoTracker.EntityFrameworkCore.OrganizationUnits;

internal sealed class OrganizationUnitConfiguration : IEntityTypeConfiguration<OrganizationUnit>
{
    public void Configure(EntityTypeBuilder<OrganizationUnit> b)
    {
        b.ToTable("OrganizationUnits");
        b.Property(u => u.Code).HasMaxLength(OrganizationUnitConsts.MaxCodeLength).IsRequired();
        b.Property(u => u.DisplayName).HasMaxLength(OrganizationUnitConsts.MaxDisplayNameLength).IsRequired();

        // The application deletes a subtree itself, children first, so the database only guards against orphans.
        b.HasOne<OrganizationUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);

        // Serves subtree lookups by code prefix and keeps codes unique.
        b.HasIndex(u => new { u.TenantId, u.Code }).IsUnique();

        // Serves the children of a unit and the check that siblings have different names.
        b.HasIndex(u => new { u.TenantId, u.ParentId, u.DisplayName });
    }
}

internal sealed class UserOrganizationUnitConfiguration : IEntityTypeConfiguration<UserOrganizationUnit>
{
    public void Configure(EntityTypeBuilder<UserOrganizationUnit> b)
    {
        b.ToTable("UserOrganizationUnits");
        b.HasOne<OrganizationUnit>().WithMany().HasForeignKey(m => m.OrganizationUnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);

        // Led by the user: the vehicle visibility filter reads a user's units on every vehicle query.
        b.HasIndex(m => new { m.TenantId, m.UserId, m.OrganizationUnitId }).IsUnique();
        b.HasIndex(m => new { m.TenantId, m.OrganizationUnitId, m.UserId });
    }
}

internal sealed class OrganizationUnitRoleConfiguration : IEntityTypeConfiguration<OrganizationUnitRole>
{
    public void Configure(EntityTypeBuilder<OrganizationUnitRole> b)
    {
        b.ToTable("OrganizationUnitRoles");
        b.HasOne<OrganizationUnit>().WithMany().HasForeignKey(r => r.OrganizationUnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppRole>().WithMany().HasForeignKey(r => r.RoleId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.TenantId, r.OrganizationUnitId, r.RoleId }).IsUnique();
        b.HasIndex(r => new { r.TenantId, r.RoleId });
    }
}
