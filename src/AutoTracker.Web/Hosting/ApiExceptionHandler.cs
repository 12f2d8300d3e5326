using System.Text.Json;
using AutoTracker.Authorization;
using AutoTracker.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AutoTracker.Hosting;

/// <summary>
/// Turns every exception that escapes an API request into RFC 9457 problem details: 400 with field errors for
/// invalid input and broken rules, 401 or 403 for a missing sign-in or permission, 404 for a missing (or another
/// tenant's) record, 409 for a stale concurrency stamp, and a generic 500 that reveals nothing about the failure.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed Request.Path at the error page; the feature keeps the original path.
        var originalPath = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value;
        if (originalPath is null || !originalPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var problem = ToProblem(exception);
        if (exception is AuthorizationException denied)
        {
            LogDenied(logger, denied.PermissionName, context.TraceIdentifier);
        }
        else if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, context.TraceIdentifier);
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        InputValidationException invalid => new ValidationProblemDetails(
            invalid.Errors.ToDictionary(e => ToJsonName(e.Key), e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
        },
        BusinessException business => WithCode(
            business.Field is null
                ? new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = business.Message }
                : new ValidationProblemDetails(new Dictionary<string, string[]> { [ToJsonName(business.Field)] = [business.Message] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = business.Message,
                },
            business.Code),
        AuthorizationException { IsAuthenticated: false } => new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Sign-in is required." },
        AuthorizationException => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "You do not have permission for this request." },
        EntityNotFoundException => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "The record was not found." },
        ConcurrencyConflictException conflict => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = conflict.Message },
        BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request is invalid." },
        _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." },
    };

    private static ProblemDetails WithCode(ProblemDetails problem, string code)
    {
        problem.Extensions["code"] = code;
        return problem;
    }

    /// <summary>Converts a C# property path such as <c>Lines[0].UnitCost</c> to its JSON form <c>lines[0].unitCost</c>.</summary>
    internal static string ToJsonName(string path) =>
        string.Join('.', path.Split('.').Select(part => JsonNamingPolicy.CamelCase.ConvertName(part)));

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Request {TraceId} was denied because it lacks the permission {PermissionName}")]
    private static partial void LogDenied(ILogger logger, string permissionName, string traceId);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unhandled exception in request {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string traceId);
}
