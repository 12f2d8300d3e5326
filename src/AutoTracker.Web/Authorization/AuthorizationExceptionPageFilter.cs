using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AutoTracker.Authorization;

/// <summary>
/// Turns an <see cref="AuthorizationException"/> from a page handler, such as a delete button's handler on a page
/// the user may open, into the sign-in redirect or status 403, which the status code pages render as access denied.
/// Razor Pages cannot authorize single handlers, so the application services' checks decide there.
/// </summary>
public sealed partial class AuthorizationExceptionPageFilter(ILogger<AuthorizationExceptionPageFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not AuthorizationException denied || executed.ExceptionHandled)
        {
            return;
        }

        LogDenied(logger, denied.PermissionName, context.HttpContext.TraceIdentifier);
        executed.Result = denied.IsAuthenticated ? new StatusCodeResult(StatusCodes.Status403Forbidden) : new ChallengeResult();
        executed.ExceptionHandled = true;
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Page request {TraceId} was denied because it lacks the permission {PermissionName}")]
    private static partial void LogDenied(ILogger logger, string permissionName, string traceId);
}
