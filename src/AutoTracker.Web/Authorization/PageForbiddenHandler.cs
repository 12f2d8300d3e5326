using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace AutoTracker.Hosting;

/// <summary>
/// Sends status 403 to a signed-in user whom the host administration policy rejects on a page, and the status
/// code pages render it as the access denied error page. The cookie handler would instead redirect to
/// /Account/AccessDenied, which returns 200. Other pages keep that redirect, and API requests keep their 403
/// problem details.
/// </summary>
public sealed class HostAdministrationForbiddenHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _defaultHandler = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && !context.Request.Path.StartsWithSegments("/api") && RequiresHostAdministration(context.GetEndpoint()))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        return _defaultHandler.HandleAsync(next, context, policy, authorizeResult);
    }

    private static bool RequiresHostAdministration(Endpoint? endpoint) =>
        endpoint is not null
        && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == TenantManagementPolicies.HostAdministration);
}
