using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.Settings;
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
    ICurrentTenant currentTenant,
    ISettingProvider settings)
    : SecurityStampValidator<AppUser>(options, signInManager, logger)
{
    /// <summary>Key of the authentication property that holds the sign-in time, kept when the cookie is renewed.</summary>
    public const string SignedInUtcItem = "AutoTracker.SignedInUtc";

    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var claim = context.Principal?.FindFirst(TenantConsts.TenantIdClaimType)?.Value;
        Guid? tenantId = null;
        if (claim is not null)
        {
            if (!Guid.TryParse(claim, out var parsed))
            {
                await RejectAsync(context);
                return;
            }

            tenantId = parsed;
        }

        using (currentTenant.Change(tenantId))
        {
            // The tenant's session settings; a cached read costs no database query.
            var policy = await settings.GetEffectiveAsync(context.HttpContext.RequestAborted);
            var now = TimeProvider.GetUtcNow();
            if (IsBeyondAbsoluteLifetime(context.Properties, now, policy.AbsoluteSessionLifetime)
                || IsIdleLongerThan(context.Properties, now, policy.IdleSessionTimeout))
            {
                await RejectAsync(context);
                return;
            }

            await base.ValidateAsync(context);
        }
    }

    /// <summary>
    /// True when the cookie was last issued longer ago than <paramref name="idleTimeout"/>. The stamp check runs on
    /// every request and renews the cookie each time it passes, so the issue time is the time of the last request.
    /// </summary>
    public static bool IsIdleLongerThan(AuthenticationProperties properties, DateTimeOffset now, TimeSpan idleTimeout) =>
        properties.IssuedUtc is not { } issued || now - issued > idleTimeout;

    /// <summary>True when the session started longer ago than the code's absolute lifetime, or carries no start time.</summary>
    public static bool IsBeyondAbsoluteLifetime(AuthenticationProperties properties, DateTimeOffset now) =>
        IsBeyondAbsoluteLifetime(properties, now, IdentityConsts.AbsoluteSessionLifetime);

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>True when the session started longer ago than <paramref name="lifetime"/>, or carries no start time.</summary>
    public static bool IsBeyondAbsoluteLifetime(AuthenticationProperties properties, DateTimeOffset now, TimeSpan lifetime)
    {
        if (!properties.Items.TryGetValue(SignedInUtcItem, out var text)
            || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var signedIn))
        {
            return true;
        }

        return now - signedIn > lifetime;
    }
}
