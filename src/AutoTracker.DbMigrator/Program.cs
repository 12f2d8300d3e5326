using AutoTracker;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.EntityFrameworkCore.MySql;
using AutoTracker.EntityFrameworkCore.Sqlite;
using AutoTracker.Identity;
using AutoTracker.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Microsoft.Extensions.Logging;

// Creates or migrates the database and seeds the first-run data, then exits: 0 on success, 1 on failure.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSerilog((services, logger) => logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services));

var connectionString = builder.Configuration.GetConnectionString("Default")
    ?? throw new InvalidOperationException("ConnectionStrings:Default is not set.");
var provider = builder.Configuration["AutoTracker:Database:Provider"] ?? "Sqlite";
switch (provider)
{
    case "Sqlite":
        builder.Services.AddAutoTrackerSqlite(connectionString);
        break;
    case "MySql":
        builder.Services.AddAutoTrackerMySql(connectionString);
        break;
    default:
        Console.Error.WriteLine($"AutoTracker:Database:Provider '{provider}' is not supported; use Sqlite or MySql.");
        return 2;
}

builder.Services.AddDistributedMemoryCache();
builder.Services.Configure<PasswordHasherOptions>(IdentitySettings.ConfigureHasher);
builder.Services.AddIdentityCore<AppUser>(IdentitySettings.Configure)
    .AddRoles<AppRole>()
    .AddEntityFrameworkStores<AutoTrackerDbContext>()
    .AddPasswordValidator<CommonPasswordValidator>();
builder.Services.AddAutoTrackerApplication();

using var host = builder.Build();
var logger = host.Services.GetRequiredService<ILogger<Program>>();
try
{
    await using var scope = host.Services.CreateAsyncScope();
    var dbContext = scope.ServiceProvider.GetRequiredService<AutoTrackerDbContext>();
    if (dbContext.Database.IsSqlite())
    {
        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    await dbContext.Database.MigrateAsync();
    await scope.ServiceProvider.GetRequiredService<AutoTrackerDataSeeder>().SeedAsync(CancellationToken.None);
    logger.LogInformation("Database migrated and seeded");
    return 0;
}
catch (Exception ex)
{
    logger.LogError(ex, "Migration or seeding failed");
    return 1;
}
