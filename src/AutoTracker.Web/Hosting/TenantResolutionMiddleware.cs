using AutoTracker.MultiTenancy;

namespace AutoTracker.Hosting;

/// <summary>
/// Sets the current tenant for the request from the signed-in user's tenant claim. Requests without a user
/// run on the host side, where tenant-owned queries return only host rows.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, ICurrentTenant currentTenant)
{
    public async Task InvokeAsync(HttpContext context)
    {
        Guid? tenantId = null;
        string? tenantName = null;
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var claim = context.User.FindFirst(TenantConsts.TenantIdClaimType)?.Value;
            if (claim is not null)
            {
                if (!Guid.TryParse(claim, out var parsed))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }

                tenantId = parsed;
                tenantName = context.User.FindFirst(TenantConsts.TenantNameClaimType)?.Value;
            }
        }

        using (currentTenant.Change(tenantId, tenantName))
        {
            await next(context);
        }
    }
}
