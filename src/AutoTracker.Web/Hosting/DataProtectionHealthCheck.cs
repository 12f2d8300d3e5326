using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoTracker.Hosting;

/// <summary>
/// Protects a short payload with the node's key ring. A node that could not load its key ring (Redis down when it
/// started) can neither read nor issue cookies. It reports Unhealthy so that the load balancer stops sending it
/// users, while nodes that loaded the ring earlier keep serving.
/// </summary>
public sealed partial class DataProtectionHealthCheck(IDataProtectionProvider provider, ILogger<DataProtectionHealthCheck> logger) : IHealthCheck
{
    private const string Purpose = "AutoTracker.HealthCheck";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            provider.CreateProtector(Purpose).Protect([1]);
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            LogKeyRingUnavailable(logger, ex.GetType().Name);
            return Task.FromResult(HealthCheckResult.Unhealthy());
        }
    }

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Health check: the Data Protection key ring is unavailable ({ExceptionType})")]
    private static partial void LogKeyRingUnavailable(ILogger logger, string exceptionType);
}
