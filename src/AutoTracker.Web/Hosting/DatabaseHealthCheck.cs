using AutoTracker.EntityFrameworkCore.MultiTenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoTracker.Hosting;

/// <summary>
/// Checks the host database with a real round trip (<c>SELECT 1</c>). Opening a connection is not enough: a pooled
/// MySQL connection opens without contacting a server that has gone away.
/// </summary>
public sealed partial class DatabaseHealthCheck(HostDatabase hostDatabase, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    private const int CommandTimeoutSeconds = 3;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var dbContext = hostDatabase.Context;
        try
        {
            await dbContext.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = dbContext.Database.GetDbConnection().CreateCommand();
                command.CommandText = "SELECT 1";
                command.CommandTimeout = CommandTimeoutSeconds;
                await command.ExecuteScalarAsync(cancellationToken);
            }
            finally
            {
                await dbContext.Database.CloseConnectionAsync();
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, ex.GetType().Name);
            return HealthCheckResult.Unhealthy();
        }
    }

    // The exception's type only: a connection error's message can name the server and the user.
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "Health check: the database did not respond ({ExceptionType})")]
    private static partial void LogUnreachable(ILogger logger, string exceptionType);
}
