using AutoTracker.MultiTenancy;
using Microsoft.AspNetCore.Identity;

namespace AutoTracker.Identity;

/// <summary>A person who signs in. User names and e-mail addresses are unique within a tenant.</summary>
public sealed class AppUser : IdentityUser<Guid>, IMultiTenant
{
    public AppUser()
    {
        Id = Guid.NewGuid();
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public AppUser(Guid id, Guid? tenantId, string userName, string? email)
    {
        Id = id;
        TenantId = tenantId;
        UserName = userName;
        Email = email;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public Guid? TenantId { get; set; }

    public bool IsActive { get; set; } = true;
}

/// <summary>A named set of permissions; role names are unique within a tenant.</summary>
public sealed class AppRole : IdentityRole<Guid>, IMultiTenant
{
    public AppRole()
    {
        Id = Guid.NewGuid();
    }

    public AppRole(Guid id, Guid? tenantId, string name)
        : base(name)
    {
        Id = id;
        TenantId = tenantId;
    }

    public Guid? TenantId { get; set; }

    /// <summary>Seeded roles, such as admin, that cannot be renamed or deleted.</summary>
    public bool IsStatic { get; set; }

    /// <summary>Marks a role that every new user of the tenant gets.</summary>
    public bool IsDefault { get; set; }
}

/// <summary>Names of the roles that the seed creates; the host has only <see cref="Admin"/>.</summary>
public static class StaticRoleNames
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Technician = "technician";
    public const string Driver = "driver";
    public const string Viewer = "viewer";
}
