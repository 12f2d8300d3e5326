using AutoTracker.EntityFrameworkCore;
using AutoTracker.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoTracker.Hosting;

public static class StartupTasks
{
    /// <summary>
    /// Applies migrations and seeds the first-run data, unless switched off or running inside the build-time
    /// OpenAPI generator, which starts the app without a database.
    /// </summary>
    public static async Task MigrateAndSeedAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!options.MigrateOnStartup || EF.IsDesignTime || System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider")
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<AutoTrackerDbContext>();
        EnsureDataFolder(dbContext);
        await dbContext.Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<AutoTrackerDataSeeder>().SeedAsync(CancellationToken.None);
    }

    private static void EnsureDataFolder(AutoTrackerDbContext dbContext)
    {
        if (!dbContext.Database.IsSqlite())
        {
            return;
        }

        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(dbContext.Database.GetConnectionString());
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
