using AutoTracker.EntityFrameworkCore;
using AutoTracker.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Hosting;

/// <summary>
/// Responds to a request that failed because the database (or Redis, which stores the key ring) cannot be reached,
/// or because the tenant's stored connection string cannot be decrypted, with 503 and a Retry-After header:
/// problem details for API calls, a short plain page for people. The page is written here rather than by
/// re-executing the error page, because re-execution would authenticate again and reach the database again.
/// </summary>
public sealed partial class DatabaseOutageExceptionHandler(
    IDatabaseOutageDetector outages,
    IStringLocalizer<AutoTrackerResource> localizer,
    ILogger<DatabaseOutageExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 10;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!(outages.IsOutage(exception) || IsSharedStateOutage(exception)) || context.Response.HasStarted)
        {
            return false;
        }

        LogOutage(logger, exception.GetType().Name, context.TraceIdentifier);
        var originalPath = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? string.Empty;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        var message = localizer["ServiceUnavailable"].Value;

        if (originalPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            await context.WriteProblemAsync(new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = message });
            return true;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, cancellationToken);
        return true;
    }

    /// <summary>
    /// Recognizes Redis failures that reach a request: a node that started while Redis was down cannot load its
    /// key ring and fails every cookie it reads or issues until Redis returns. A tenant connection string that the
    /// key ring cannot decrypt is the same kind of failure, for one tenant.
    /// </summary>
    private static bool IsSharedStateOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is StackExchange.Redis.RedisConnectionException
                or StackExchange.Redis.RedisTimeoutException
                or AutoTracker.MultiTenancy.TenantConnectionStringUnreadableException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Request {TraceId} failed because the database or Redis is unreachable ({ExceptionType}); responded with 503")]
    private static partial void LogOutage(ILogger logger, string exceptionType, string traceId);
}
