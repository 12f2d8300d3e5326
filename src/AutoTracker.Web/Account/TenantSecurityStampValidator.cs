using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AutoTracker.Account;

/// <summary>
/// The request's <see cref="ISecurityStampValidator"/>. It runs the check of <see cref="TenantSecurityStampValidator"/>
/// in a service scope of its own, on the database of the cookie's tenant. Authentication runs before tenant
/// resolution, and a DbContext created in the request's scope then would stay on the host database for the whole
/// request, also when the tenant has a database of its own.
/// </summary>
public sealed class TenantScopedSecurityStampValidator(ITenantDatabaseManager tenantDatabases) : ISecurityStampValidator
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
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

        await tenantDatabases.RunInTenantScopeAsync(
            tenantId,
            connectionString: null,
            async (services, _) =>
            {
                await services.GetRequiredService<TenantSecurityStampValidator>().ValidateAsync(context);
                return true;
            },
            context.HttpContext.RequestAborted);
    }
}

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
    /// <summary>Key of the authentication property that holds the sign-in time, kept when the cookie is renewed.</summary>
    public const string SignedInUtcItem = "AutoTracker.SignedInUtc";

    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (IsBeyondAbsoluteLifetime(context.Properties, TimeProvider.GetUtcNow()))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

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

    /// <summary>True when the session started longer ago than the absolute lifetime, or carries no start time.</summary>
    public static bool IsBeyondAbsoluteLifetime(AuthenticationProperties properties, DateTimeOffset now)
    {
        if (!properties.Items.TryGetValue(SignedInUtcItem, out var text)
            || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var signedIn))
        {
            return true;
        }

        return now - signedIn > IdentityConsts.AbsoluteSessionLifetime;
    }
}
