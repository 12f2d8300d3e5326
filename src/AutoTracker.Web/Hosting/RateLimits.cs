using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
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

    /// <summary>Requests to the set-password page (opening a link or posting a password) allowed per client address per minute.</summary>
    [Range(1, 100_000)]
    public int SetPasswordPerMinute { get; set; } = 10;

    /// <summary>CSV uploads (previews) allowed per user per ten minutes; each keeps up to 2 MB for a day.</summary>
    [Range(1, 100_000)]
    public int ImportUploadsPerTenMinutes { get; set; } = 20;
}

/// <summary>
/// Limits the requests that cost the most or can be abused: sign-in attempts per client address (password
/// spraying across accounts, which the per-account lockout does not stop) and CSV uploads per user.
/// With Redis configured, the counters live in Redis and all nodes share one budget. Without it, each node counts
/// in its own memory, so N nodes allow N times the budget.
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
        var redis = context.RequestServices.GetService<RedisRateLimiterFactory>();
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase))
        {
            // While Redis is down each node counts on its own: refusing every sign-in would lock everyone out, and
            // the per-account lockout in the database still caps the guesses per account.
            var address = ClientAddressPartition(context.Connection.RemoteIpAddress);
            return Window(redis, "sign-in", address, options.SignInPerMinute, TimeSpan.FromMinutes(1), RedisOutageBehavior.CountOnNode);
        }

        if (request.Path.Equals("/Account/SetPassword", StringComparison.OrdinalIgnoreCase))
        {
            // Each request checks a link token, so guessing tokens costs a request each. While Redis is down each
            // node counts on its own, as for sign-in.
            var address = ClientAddressPartition(context.Connection.RemoteIpAddress);
            return Window(redis, "set-password", address, options.SetPasswordPerMinute, TimeSpan.FromMinutes(1), RedisOutageBehavior.CountOnNode);
        }

        if (HttpMethods.IsPost(request.Method)
            && (request.Path.Equals("/api/app/vehicle-imports/preview", StringComparison.OrdinalIgnoreCase)
                || request.Path.Equals("/Vehicles/Import", StringComparison.OrdinalIgnoreCase)))
        {
            // While Redis is down uploads are refused: they are the costly path this limit protects, and committing
            // an import needs the distributed cache for its progress anyway.
            var user = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
            return Window(redis, "import", user, options.ImportUploadsPerTenMinutes, TimeSpan.FromMinutes(10), RedisOutageBehavior.Reject);
        }

        return RateLimitPartition.GetNoLimiter(string.Empty);
    }

    /// <summary>
    /// Returns the partition of a client address: an IPv4 address as it is, and an IPv6 address by its /64
    /// network, because a subscriber is usually assigned a whole /64 and could otherwise rotate addresses freely.
    /// </summary>
    internal static string ClientAddressPartition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static RateLimitPartition<string> Window(
        RedisRateLimiterFactory? redis, string policy, string client, int permits, TimeSpan window, RedisOutageBehavior outageBehavior)
    {
        var key = $"{policy}:{client}";
        if (redis is null)
        {
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
            });
        }

        return RateLimitPartition.Get(key, partitionKey => redis.CreateLimiter(policy, partitionKey, permits, window, outageBehavior));
    }

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
