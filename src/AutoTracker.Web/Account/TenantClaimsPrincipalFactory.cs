using System.Security.Claims;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.TenantManagement;
using AutoTracker.EntityFrameworkCore.MultiTenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoTracker.Account;

/// <summary>Adds the user's tenant id and name to the sign-in cookie, from which each request's tenant is taken.</summary>
public sealed class TenantClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IOptions<IdentityOptions> options,
    HostDatabase hostDatabase)
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
        }

        return identity;
    }
}
