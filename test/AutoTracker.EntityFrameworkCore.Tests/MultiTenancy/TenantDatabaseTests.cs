using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore.MultiTenancy;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.TenantManagement;
using AutoTracker.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.EntityFrameworkCore.Tests.MultiTenancy;

/// <summary>
/// Tenants with a database of their own, on the engine of the run. The migrations leave out the host-only tables, and
/// a tenant's scope reads and writes its own database only. A scope used for a tenant of another database fails.
/// </summary>
public sealed class TenantDatabaseTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>, IDisposable
{
    private readonly List<TestDatabase> _tenantDatabases = [];

    private static readonly string[] HostOnlyTables = ["Tenants", "ReservedTenantNames", "CrossTenantAccessRecords"];

    [Fact]
    public async Task Migrate_TenantDatabase_HasTenantTablesOnly()
    {
        var database = NewTenantDatabase();

        await host.InTenantAsync(null, sp => sp.GetRequiredService<ITenantDatabaseManager>().MigrateAsync(database.ConnectionString, CancellationToken.None));

        var tables = database.TableNames();
        tables.ShouldContain("Vehicles");
        tables.ShouldContain("AspNetUsers");
        tables.ShouldContain("AspNetRoles");
        foreach (var hostOnly in HostOnlyTables)
        {
            tables.ShouldNotContain(hostOnly, $"{hostOnly} belongs to the host database");
            host.Database.TableNames().ShouldContain(hostOnly);
        }

        // The history lists every migration, so the next run applies none again.
        await using var scope = host.Services.CreateAsyncScope();
        var hostMigrations = scope.ServiceProvider.GetRequiredService<AutoTrackerDbContext>().Database.GetMigrations().ToList();
        database.CountRows("__EFMigrationsHistory").ShouldBe(hostMigrations.Count);
        await host.InTenantAsync(null, sp => sp.GetRequiredService<ITenantDatabaseManager>().MigrateAsync(database.ConnectionString, CancellationToken.None));
        database.CountRows("__EFMigrationsHistory").ShouldBe(hostMigrations.Count);
    }

    [Fact]
    public async Task TenantScope_WritesOwnDatabaseOnly()
    {
        var (tenantId, database) = await CreateTenantWithOwnDatabaseAsync();

        var vehicleId = await host.InTenantAsync(null, sp => sp.GetRequiredService<ITenantDatabaseManager>().RunInTenantScopeAsync(
            tenantId,
            connectionString: null,
            async (services, ct) =>
            {
                var vehicle = new Vehicle(Guid.NewGuid(), "Honda", "Own-database car", MeterUnit.Kilometers, VehicleKind.Fleet);
                services.GetRequiredService<IRepository<Vehicle>>().Insert(vehicle);
                await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(ct);
                return vehicle.Id;
            },
            CancellationToken.None));

        database.CountTenantRows("Vehicles", tenantId).ShouldBe(1);
        host.Database.CountTenantRows("Vehicles", tenantId).ShouldBe(0);
        var read = await host.InTenantAsync(null, sp => sp.GetRequiredService<ITenantDatabaseManager>().RunInTenantScopeAsync(
            tenantId,
            connectionString: null,
            (services, ct) => services.GetRequiredService<IRepository<Vehicle>>().GetAsync(vehicleId, ct),
            CancellationToken.None));
        read.Model.ShouldBe("Own-database car");
    }

    [Fact]
    public async Task TenantScope_ReadsTenantLimitsFromHostDatabase()
    {
        var (tenantId, _) = await CreateTenantWithOwnDatabaseAsync(maxVehicles: 0);

        var error = await host.InTenantAsync(null, sp => sp.GetRequiredService<ITenantDatabaseManager>().RunInTenantScopeAsync(
            tenantId,
            connectionString: null,
            async (services, ct) =>
            {
                var checker = services.GetRequiredService<TenantLimitChecker>();
                await using (await checker.LockVehicleCountAsync(ct))
                {
                    return await Should.ThrowAsync<BusinessException>(() => checker.EnsureVehiclesAllowedAsync(1, ct));
                }
            },
            CancellationToken.None));

        error.Code.ShouldBe(ErrorCodes.VehicleLimitReached);
    }

    [Fact]
    public async Task HostScope_UsedForOwnDatabaseTenant_Throws()
    {
        var (tenantId, database) = await CreateTenantWithOwnDatabaseAsync();

        var error = await host.InTenantAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            await db.Vehicles.CountAsync();
            using (sp.GetRequiredService<ICurrentTenant>().Change(tenantId))
            {
                db.Vehicles.Add(new Vehicle(Guid.NewGuid(), "Honda", "Wrong database", MeterUnit.Kilometers, VehicleKind.Fleet));
                return await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            }
        });

        error.Message.ShouldContain(tenantId.ToString());
        database.CountTenantRows("Vehicles", tenantId).ShouldBe(0);
        host.Database.CountTenantRows("Vehicles", tenantId).ShouldBe(0);
    }

    [Fact]
    public async Task CrossTenantRead_RecordsAccessBeforeReading()
    {
        var (tenantId, _) = await CreateTenantWithOwnDatabaseAsync();
        var hostUser = Guid.NewGuid();

        var count = await host.AsUserAsync(null, hostUser, sp => sp.GetRequiredService<ICrossTenantAccess>().ReadInTenantAsync(
            tenantId,
            CrossTenantPurposes.TenantUsage,
            (services, ct) => services.GetRequiredService<IQueryExecutor>().CountAsync(services.GetRequiredService<IRepository<Vehicle>>().Query(), ct),
            CancellationToken.None));

        count.ShouldBe(0);
        var records = await host.InTenantAsync(null, sp => sp.GetRequiredService<HostDatabase>().Context.CrossTenantAccessRecords.AsNoTracking()
            .Where(r => r.TenantId == tenantId).ToListAsync());
        records.Count.ShouldBe(1);
        records[0].UserId.ShouldBe(hostUser);
        records[0].Purpose.ShouldBe(CrossTenantPurposes.TenantUsage);
    }

    [Fact]
    public async Task CrossTenantRead_InsideTenant_Throws()
    {
        var tenantA = await host.CreateTenantAsync();
        var tenantB = await host.CreateTenantAsync();

        await host.InTenantAsync(tenantA, sp => Should.ThrowAsync<InvalidOperationException>(() =>
            sp.GetRequiredService<ICrossTenantAccess>().ReadInTenantAsync(tenantB, CrossTenantPurposes.TenantUsage, (_, _) => Task.FromResult(0), CancellationToken.None)));

        var records = await host.InTenantAsync(null, sp => sp.GetRequiredService<HostDatabase>().Context.CrossTenantAccessRecords.CountAsync(r => r.TenantId == tenantB));
        records.ShouldBe(0);
    }

    [Fact]
    public async Task CheckConnectionString_HostDatabase_IsRejected()
    {
        var error = await host.InTenantAsync(null, sp => Should.ThrowAsync<InputValidationException>(() =>
            sp.GetRequiredService<ITenantDatabaseManager>().CheckConnectionStringAsync(host.ConnectionString, "connectionString", tenantId: null, CancellationToken.None)));

        error.Errors["connectionString"].Single().ShouldContain("shared database");
    }

    [Fact]
    public async Task CheckConnectionString_Malformed_NamesFieldWithoutEchoingIt()
    {
        var secret = "pw-" + Guid.NewGuid().ToString("N");
        var malformed = TestDatabase.RunsOnMySql ? $"Server=127.0.0.1;Password={secret};Nonsense Key=1" : $"Data Source=relative/{secret}.db";

        var error = await host.InTenantAsync(null, sp => Should.ThrowAsync<InputValidationException>(() =>
            sp.GetRequiredService<ITenantDatabaseManager>().CheckConnectionStringAsync(malformed, "connectionString", tenantId: null, CancellationToken.None)));

        var message = error.Errors["connectionString"].Single();
        message.ShouldNotContain(secret);
        message.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=/tmp/x.db;Mode=Memory")]
    [InlineData("Data Source=/tmp/x.db;Mode=ReadOnly")]
    public async Task CheckConnectionString_SqliteWithoutWritableFile_IsRejected(string connectionString)
    {
        if (TestDatabase.RunsOnMySql)
        {
            return;
        }

        await host.InTenantAsync(null, sp => Should.ThrowAsync<InputValidationException>(() =>
            sp.GetRequiredService<ITenantDatabaseManager>().CheckConnectionStringAsync(connectionString, "connectionString", tenantId: null, CancellationToken.None)));
    }

    [Fact]
    public async Task CheckConnectionString_MySqlLocalInfile_IsRejected()
    {
        if (!TestDatabase.RunsOnMySql)
        {
            return;
        }

        var database = NewTenantDatabase();
        var unsafeString = database.ConnectionString + ";AllowLoadLocalInfile=true";

        var error = await host.InTenantAsync(null, sp => Should.ThrowAsync<InputValidationException>(() =>
            sp.GetRequiredService<ITenantDatabaseManager>().CheckConnectionStringAsync(unsafeString, "connectionString", tenantId: null, CancellationToken.None)));

        error.Errors["connectionString"].Single().ShouldContain("AllowLoadLocalInfile");
    }

    [Fact]
    public async Task CheckConnectionString_Unreachable_SaysSo()
    {
        var closedPort = TestDatabase.ClosedLoopbackPort();
        var unreachable = TestDatabase.RunsOnMySql
            ? $"Server=127.0.0.1;Port={closedPort};Database=nowhere;User ID=nobody;Password=secret-{closedPort};SslMode=Disabled;Connect Timeout=2"
            : $"Data Source={Path.Combine(Path.GetTempPath(), "autotracker-missing-" + Guid.NewGuid().ToString("N"), "t.db")}";

        var error = await host.InTenantAsync(null, sp => Should.ThrowAsync<InputValidationException>(() =>
            sp.GetRequiredService<ITenantDatabaseManager>().CheckConnectionStringAsync(unreachable, "connectionString", tenantId: null, CancellationToken.None)));

        var message = error.Errors["connectionString"].Single();
        message.ShouldContain(TestDatabase.RunsOnMySql ? "cannot be reached" : "folder");
        message.ShouldNotContain("secret");
    }

    [Fact]
    public async Task DroppedTenantDatabase_IsOutageWithReason()
    {
        if (!TestDatabase.RunsOnMySql)
        {
            return;
        }

        var (tenantId, database) = await CreateTenantWithOwnDatabaseAsync();
        database.Dispose();

        var failure = await host.InTenantAsync(null, async sp =>
        {
            try
            {
                // A migration would create the missing database again, so a query stands for a request.
                await sp.GetRequiredService<ITenantDatabaseManager>().RunInTenantScopeAsync(
                    tenantId,
                    connectionString: null,
                    (services, ct) => services.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync(ct),
                    CancellationToken.None);
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        });
        failure.ShouldNotBeNull("the database was dropped");

        var userName = new global::MySql.Data.MySqlClient.MySqlConnectionStringBuilder(database.ConnectionString).UserID;
        host.Services.GetRequiredService<IDatabaseOutageDetector>().IsOutage(failure).ShouldBeTrue();
        var reason = await host.InTenantAsync(null, sp => Task.FromResult(sp.GetRequiredService<ITenantDatabaseManager>().DescribeFailure(failure)));
        reason.ShouldContain("does not exist");
        reason.ShouldNotContain(userName);
    }

    [Fact]
    public async Task Mask_HidesPassword()
    {
        var plain = TestDatabase.RunsOnMySql
            ? "Server=db.example;Database=fleet;User ID=fleet;Password=Sup3r-secret;SslMode=Required"
            : "Data Source=/var/lib/autotracker/fleet.db;Password=Sup3r-secret";

        var masked = await host.InTenantAsync(null, sp =>
        {
            var manager = sp.GetRequiredService<ITenantDatabaseManager>();
            return Task.FromResult(manager.Mask(manager.Protect(plain)));
        });

        masked.ShouldNotBeNull();
        masked.ShouldNotContain("Sup3r-secret");
        masked.ShouldContain("********");
        masked.ShouldContain(TestDatabase.RunsOnMySql ? "fleet" : "/var/lib/autotracker/fleet.db");
    }

    [Fact]
    public async Task ProtectedConnectionString_IsNotPlainText()
    {
        var (tenantId, database) = await CreateTenantWithOwnDatabaseAsync();

        var stored = await host.InTenantAsync(null, sp => sp.GetRequiredService<HostDatabase>().Context.Tenants.AsNoTracking()
            .Where(t => t.Id == tenantId).Select(t => t.ProtectedConnectionString).SingleAsync());

        stored.ShouldNotBeNull();
        stored.ShouldNotContain(database.ConnectionString);
        stored.ShouldNotContain("Data Source");
        stored.ShouldNotContain("Server=");
    }

    public void Dispose()
    {
        foreach (var database in _tenantDatabases)
        {
            database.Dispose();
        }
    }

    private TestDatabase NewTenantDatabase()
    {
        var database = TestDatabase.Create();
        _tenantDatabases.Add(database);
        return database;
    }

    /// <summary>Creates a tenant whose data lives in a new database, migrated, with its row in the host database.</summary>
    private async Task<(Guid TenantId, TestDatabase Database)> CreateTenantWithOwnDatabaseAsync(int? maxVehicles = null)
    {
        var database = NewTenantDatabase();
        var tenantId = await host.CreateTenantWithOwnDatabaseAsync(database, maxVehicles);
        return (tenantId, database);
    }
}
