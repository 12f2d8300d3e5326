using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AutoTracker.Account;

/// <summary>
/// Checks the cookie's security stamp inside the tenant named by the cookie's own tenant claim. The check runs
/// during authentication, before the request's tenant is set, and the user lookup is tenant-filtered.
/// </summary>
public sealed class TenantSecurityStampValidator(
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<AppUser> signInManager,
    ILoggerFactory logger,
    ICurrentTenant currentTenant)
    : SecurityStampValidator<AppUser>(options, signInManager, logger)
{
    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var claim = context.Principal?.FindFirst(TenantConsts.TenantIdClaimType)?.Value;
        Guid? tenantId = null;
        if (claim is not null)
        {
            if (!Guid.TryParse(claim, out var parsed))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            tenantId = parsed;
        }

        using (currentTenant.Change(tenantId))
        {
            await base.ValidateAsync(context);
        }
    }
}
