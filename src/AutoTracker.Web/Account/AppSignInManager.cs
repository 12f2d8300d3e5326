using System.Security.Claims;
using AutoTracker.EntityFrameworkCore.MultiTenancy;
using AutoTracker.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoTracker.Account;

/// <summary>
/// Identity's sign-in manager with two extra rules for existing sessions: a deactivated user, or a user of a
/// deactivated tenant, fails the per-request security stamp check, so the session ends on the next request.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    HostDatabase hostDatabase)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<AppUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        if (user is null || !user.IsActive)
        {
            return null;
        }

        if (user.TenantId is { } tenantId && !await hostDatabase.Context.Tenants.AnyAsync(t => t.Id == tenantId && t.IsActive && !t.IsDeleted))
        {
            return null;
        }

        return user;
    }
}
