using AutoTracker.MultiTenancy;

namespace AutoTracker.Hosting;

/// <summary>
/// Sets the current tenant for the request from the signed-in user's tenant claim, and adds the tenant, user
/// and correlation ids to the request's log events. Requests without a user run on the host side, where
/// tenant-owned queries return only host rows.
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

        // Every log event of the request carries these ids; never names, addresses or tokens.
        var userId = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        using (Serilog.Context.LogContext.PushProperty("TenantId", tenantId))
        using (Serilog.Context.LogContext.PushProperty("UserId", userId))
        using (Serilog.Context.LogContext.PushProperty("CorrelationId", context.TraceIdentifier))
        using (currentTenant.Change(tenantId, tenantName))
        {
            await next(context);
        }
    }
}
