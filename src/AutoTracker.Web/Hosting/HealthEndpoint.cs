using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoTracker.Hosting;

/// <summary>
/// <c>GET /health</c>: the only anonymous endpoint outside sign-in. It takes no input and returns the plain
/// word Healthy (200), Degraded (200: serving, but a shared dependency such as Redis is down) or Unhealthy
/// (503: the database is unreachable), never details of what failed.
/// </summary>
public static class HealthEndpoint
{
    public static IEndpointConventionBuilder MapAutoTrackerHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/health", CheckAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> CheckAsync(HttpContext context, HealthCheckService healthChecks, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.QueryString.HasValue || request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            return Results.Text("Bad Request", "text/plain", System.Text.Encoding.UTF8, StatusCodes.Status400BadRequest);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        HealthReport report;
        try
        {
            report = await healthChecks.CheckHealthAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unhealthy(context);
        }

        if (report.Status == HealthStatus.Unhealthy)
        {
            return Unhealthy(context);
        }

        context.Response.Headers.CacheControl = "no-store";
        return Results.Text(report.Status == HealthStatus.Degraded ? "Degraded" : "Healthy", "text/plain", System.Text.Encoding.UTF8);
    }

    private static IResult Unhealthy(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Text("Unhealthy", "text/plain", System.Text.Encoding.UTF8, StatusCodes.Status503ServiceUnavailable);
    }
}
