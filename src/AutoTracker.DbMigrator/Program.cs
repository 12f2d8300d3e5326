using AutoTracker;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.EntityFrameworkCore.MySql;
using AutoTracker.EntityFrameworkCore.Sqlite;
using AutoTracker.Identity;
using AutoTracker.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Microsoft.Extensions.Logging;

// Creates or migrates the host database and every tenant database, seeds the first-run data, then exits: 0 on
// success, 1 when any database failed.
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

// The connection strings of tenants with a database of their own are encrypted with the web app's key ring, so the
// migrator reads the same ring: from Redis when AutoTracker:Redis:Configuration is set, as the web app does, else
// from the key folder. It only decrypts and never adds a key.
var dataProtection = builder.Services.AddDataProtection().SetApplicationName("AutoTracker").DisableAutomaticKeyGeneration();
var redisConfiguration = builder.Configuration["AutoTracker:Redis:Configuration"];
if (string.IsNullOrWhiteSpace(redisConfiguration))
{
    dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(builder.Configuration["AutoTracker:DataProtection:KeyFolder"] ?? "App_Data/keys")));
}
else
{
    var instanceName = builder.Configuration["AutoTracker:Redis:InstanceName"] ?? "AutoTracker:";
    var redis = new Lazy<StackExchange.Redis.IConnectionMultiplexer>(() => StackExchange.Redis.ConnectionMultiplexer.Connect(redisConfiguration));
    dataProtection.PersistKeysToStackExchangeRedis(() => redis.Value.GetDatabase(), instanceName + "DataProtection-Keys");
}

using var host = builder.Build();
var logger = host.Services.GetRequiredService<ILogger<Program>>();
try
{
    await using var scope = host.Services.CreateAsyncScope();
    var failures = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
    if (failures > 0)
    {
        logger.LogError("{Count} tenant databases could not be migrated or seeded", failures);
        return 1;
    }

    logger.LogInformation("Databases migrated and seeded");
    return 0;
}
catch (Exception ex)
{
    logger.LogError(ex, "Migration or seeding failed");
    return 1;
}
