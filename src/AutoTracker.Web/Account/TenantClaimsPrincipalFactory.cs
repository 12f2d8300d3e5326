using System.Security.Claims;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.TenantManagement;
using AutoTracker.EntityFrameworkCore.MultiTenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoTracker.Account;

/// <summary>
/// Adds the user's tenant id and name to the sign-in cookie, from which each request's tenant is taken, and the roles
/// of the user's organization units as role claims. Only the units the user belongs to give roles, not their
/// ancestors, so the permission checker treats a unit role exactly like a role given to the user.
/// </summary>
public sealed class TenantClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IOptions<IdentityOptions> options,
    HostDatabase hostDatabase,
    AutoTracker.EntityFrameworkCore.AutoTrackerDbContext dbContext)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TenantId is { } tenantId)
        {
            var name = await hostDatabase.Context.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).FirstOrDefaultAsync();
            identity.AddClaim(new Claim(TenantConsts.TenantIdClaimType, tenantId.ToString()));
            identity.AddClaim(new Claim(TenantConsts.TenantNameClaimType, name ?? string.Empty));
            await AddUnitRolesAsync(identity, user);
        }

        return identity;
    }

    private async Task AddUnitRolesAsync(ClaimsIdentity identity, AppUser user)
    {
        var unitIds = dbContext.UserOrganizationUnits.Where(m => m.UserId == user.Id).Select(m => m.OrganizationUnitId);
        var roleIds = dbContext.OrganizationUnitRoles.Where(r => unitIds.Contains(r.OrganizationUnitId)).Select(r => r.RoleId);
        var names = await dbContext.Roles.Where(r => roleIds.Contains(r.Id)).Select(r => r.Name).ToListAsync();
        var roleClaimType = Options.ClaimsIdentity.RoleClaimType;
        foreach (var name in names.OfType<string>().Where(n => !identity.HasClaim(roleClaimType, n)))
        {
            identity.AddClaim(new Claim(roleClaimType, name));
        }
    }
}
