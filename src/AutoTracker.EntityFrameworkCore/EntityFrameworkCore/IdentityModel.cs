using AutoTracker.Identity;
using Microsoft.EntityFrameworkCore;

namespace AutoTracker.EntityFrameworkCore;

/// <summary>
/// Makes Identity's tables tenant-scoped: the single-column unique indexes on user and role names are
/// replaced by composite ones led by TenantId, so two tenants can both have a user called admin.
/// </summary>
internal static class IdentityModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<AppUser>(b =>
        {
            RemoveIndex(b.Metadata, nameof(AppUser.NormalizedUserName));
            RemoveIndex(b.Metadata, nameof(AppUser.NormalizedEmail));
            b.HasIndex(u => new { u.TenantId, u.NormalizedUserName }).IsUnique();
            b.HasIndex(u => new { u.TenantId, u.NormalizedEmail }).IsUnique();
        });

        builder.Entity<AppRole>(b =>
        {
            RemoveIndex(b.Metadata, nameof(AppRole.NormalizedName));
            b.HasIndex(r => new { r.TenantId, r.NormalizedName }).IsUnique();
        });
    }

    private static void RemoveIndex(Microsoft.EntityFrameworkCore.Metadata.IMutableEntityType entity, string propertyName)
    {
        var property = entity.FindProperty(propertyName)!;
        foreach (var index in entity.GetIndexes().Where(i => i.Properties.Count == 1 && i.Properties[0] == property).ToList())
        {
            entity.RemoveIndex(index);
        }
    }
}
