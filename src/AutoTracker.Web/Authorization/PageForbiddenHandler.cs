using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace AutoTracker.Authorization;

/// <summary>
/// Sends status 403 to a signed-in user whom a page's authorization policy rejects, and the status code pages
/// render it as the access denied error page. The cookie handler would instead redirect to /Account/AccessDenied,
/// which returns 200. API requests keep their 403 problem details.
/// </summary>
public sealed class PageForbiddenHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _defaultHandler = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && !context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        return _defaultHandler.HandleAsync(next, context, policy, authorizeResult);
    }
}
