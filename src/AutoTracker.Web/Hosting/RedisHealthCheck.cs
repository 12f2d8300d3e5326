using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace AutoTracker.Hosting;

/// <summary>Pings Redis over the node's shared connection.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus);
        }
    }
}
