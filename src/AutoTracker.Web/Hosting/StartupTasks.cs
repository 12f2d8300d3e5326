using AutoTracker.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoTracker.Hosting;

public static partial class StartupTasks
{
    /// <summary>
    /// Applies migrations and seeds the first-run data in the host database and in every tenant's own database,
    /// unless switched off or running inside the build-time OpenAPI generator, which starts the app without a
    /// database. A tenant database that fails is logged and does not stop the start.
    /// </summary>
    public static async Task MigrateAndSeedAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!options.MigrateOnStartup || EF.IsDesignTime || System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider")
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var failures = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        if (failures > 0)
        {
            LogTenantDatabasesFailed(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupTasks).FullName!), failures);
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Error, Message = "{Count} tenant databases could not be migrated at start-up; their tenants fail until the DbMigrator succeeds")]
    private static partial void LogTenantDatabasesFailed(ILogger logger, int count);
}
