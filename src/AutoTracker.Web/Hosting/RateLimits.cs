using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AutoTracker.Hosting;

/// <summary>Request budgets, bound from <c>AutoTracker:RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "AutoTracker:RateLimits";

    /// <summary>Sign-in form posts allowed per client address per minute, on top of the per-account lockout.</summary>
    [Range(1, 100_000)]
    public int SignInPerMinute { get; set; } = 20;

    /// <summary>CSV uploads (previews) allowed per user per ten minutes; each keeps up to 2 MB for a day.</summary>
    [Range(1, 100_000)]
    public int ImportUploadsPerTenMinutes { get; set; } = 20;
}

/// <summary>
/// Limits the requests that cost the most or can be abused: sign-in attempts per client address (password
/// spraying across accounts, which the per-account lockout does not stop) and CSV uploads per user.
/// Counters live in each node's memory, so with several nodes the effective budget is per node.
/// </summary>
public static class RateLimits
{
    public static void AddAutoTrackerRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = WriteRejectedAsync;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
        });
    }

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase))
        {
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter($"sign-in:{address}", _ => Window(options.SignInPerMinute, TimeSpan.FromMinutes(1)));
        }

        if (HttpMethods.IsPost(request.Method)
            && (request.Path.Equals("/api/app/vehicle-imports/preview", StringComparison.OrdinalIgnoreCase)
                || request.Path.Equals("/Vehicles/Import", StringComparison.OrdinalIgnoreCase)))
        {
            var user = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
            return RateLimitPartition.GetFixedWindowLimiter($"import:{user}", _ => Window(options.ImportUploadsPerTenMinutes, TimeSpan.FromMinutes(10)));
        }

        return RateLimitPartition.GetNoLimiter(string.Empty);
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
    };

    private static async ValueTask WriteRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            // The page's status code re-execution shows the error page for 429.
            return;
        }

        await context.WriteProblemAsync(new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests. Wait a moment and try again." });
    }
}
