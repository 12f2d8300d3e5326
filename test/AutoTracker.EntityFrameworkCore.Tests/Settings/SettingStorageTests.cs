using AutoTracker.Domain;
using AutoTracker.MultiTenancy;
using AutoTracker.Settings;
using AutoTracker.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.EntityFrameworkCore.Tests.Settings;

/// <summary>
/// Host defaults and tenant overrides on the engine of the run: where each level is stored (a tenant's own database
/// included), which value is in force, and the migration that moved the economy unit off the tenants table.
/// </summary>
public sealed class SettingStorageTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>, IDisposable
{
    private readonly List<TestDatabase> _databases = [];

    [Fact]
    public async Task Effective_TenantOverHostOverCode()
    {
        var overriding = await host.CreateTenantAsync();
        var inheriting = await host.CreateTenantAsync();
        await SetHostAsync(new() { [SettingNames.PasswordRequiredLength] = "14", [SettingNames.EconomyUnit] = "MilesPerUsGallon" });

        await host.AsAdminAsync(overriding, sp => UpdateTenantAsync(sp, new() { [SettingNames.PasswordRequiredLength] = "16" }));

        var overridden = await ReadEffectiveAsync(overriding);
        overridden.PasswordRequiredLength.ShouldBe(16);
        overridden.EconomyUnit.ShouldBe(EconomyUnit.MilesPerUsGallon);
        overridden.MaxFailedAccessAttempts.ShouldBe(5);
        var inherited = await ReadEffectiveAsync(inheriting);
        inherited.PasswordRequiredLength.ShouldBe(14);
        inherited.EconomyUnit.ShouldBe(EconomyUnit.MilesPerUsGallon);
        (await ReadEffectiveAsync(null)).PasswordRequiredLength.ShouldBe(14);
        host.Database.CountTenantRows("SettingValues", overriding).ShouldBe(1);
        host.Database.CountTenantRows("SettingValues", inheriting).ShouldBe(0);
    }

    [Fact]
    public async Task GetTenant_ShowsHostDefaultAndOverride()
    {
        var tenantId = await host.CreateTenantAsync();
        await SetHostAsync(new() { [SettingNames.LockoutDurationMinutes] = "30" });
        await host.AsAdminAsync(tenantId, sp => UpdateTenantAsync(sp, new() { [SettingNames.LockoutDurationMinutes] = "60" }));

        var settings = await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<ISettingManagementAppService>().GetTenantAsync(CancellationToken.None));

        var lockout = settings.Settings.Single(s => s.Name == SettingNames.LockoutDurationMinutes);
        lockout.Value.ShouldBe("60");
        lockout.DefaultValue.ShouldBe("30");
        lockout.IsOverridden.ShouldBeTrue();
        var attempts = settings.Settings.Single(s => s.Name == SettingNames.LockoutMaxFailedAccessAttempts);
        attempts.IsOverridden.ShouldBeFalse();
        attempts.Minimum.ShouldBe(3);
        attempts.Maximum.ShouldBe(5);
    }

    [Fact]
    public async Task Reset_RemovesOverride_FallsBackToHostDefault()
    {
        var tenantId = await host.CreateTenantAsync();
        await SetHostAsync(new() { [SettingNames.Currency] = "CHF" });
        await host.AsAdminAsync(tenantId, sp => UpdateTenantAsync(sp, new() { [SettingNames.Currency] = "USD" }));
        (await ReadEffectiveAsync(tenantId)).Currency.ShouldBe("USD");

        await host.AsAdminAsync(tenantId, sp => UpdateTenantAsync(sp, new() { [SettingNames.Currency] = null }));

        (await ReadEffectiveAsync(tenantId)).Currency.ShouldBe("CHF");
        host.Database.CountTenantRows("SettingValues", tenantId).ShouldBe(0);
    }

    [Fact]
    public async Task Update_StaleStamp_ConflictsAndSavesNothing()
    {
        var tenantId = await host.CreateTenantAsync();
        var stale = await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<ISettingManagementAppService>().GetTenantAsync(CancellationToken.None));
        await host.AsAdminAsync(tenantId, sp => UpdateTenantAsync(sp, new() { [SettingNames.PasswordRequireDigit] = "true" }));

        var update = new UpdateSettingsDto { ConcurrencyStamp = stale.ConcurrencyStamp, Values = { [SettingNames.PasswordRequireUppercase] = "true" } };
        await Should.ThrowAsync<ConcurrencyConflictException>(() =>
            host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<ISettingManagementAppService>().UpdateTenantAsync(update, CancellationToken.None)));

        var effective = await ReadEffectiveAsync(tenantId);
        effective.PasswordRequireDigit.ShouldBeTrue();
        effective.PasswordRequireUppercase.ShouldBeFalse();
    }

    [Fact]
    public async Task WrongSide_IsRejected()
    {
        var tenantId = await host.CreateTenantAsync();
        var input = new UpdateSettingsDto { Values = { [SettingNames.PasswordRequiredLength] = "20" } };

        // An admin holds the settings permission of its own side only, so the other side's call fails its permission check.
        await Should.ThrowAsync<AutoTracker.Authorization.AuthorizationException>(() =>
            host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<ISettingManagementAppService>().UpdateHostAsync(input, CancellationToken.None)));
        await Should.ThrowAsync<AutoTracker.Authorization.AuthorizationException>(() =>
            host.AsAdminAsync(null, sp => sp.GetRequiredService<ISettingManagementAppService>().UpdateTenantAsync(input, CancellationToken.None)));

        (await ReadEffectiveAsync(tenantId)).PasswordRequiredLength.ShouldBeLessThan(20);
    }

    [Fact]
    public async Task OwnDatabase_KeepsOverride_ReadsHostDefault()
    {
        var (tenantId, database) = await CreateTenantWithOwnDatabaseAsync();
        await SetHostAsync(new() { [SettingNames.SessionIdleTimeoutMinutes] = "45" });

        await InOwnTenantScopeAsync(tenantId, sp => UpdateTenantAsync(sp, new() { [SettingNames.VolumeUnit] = "UsGallons" }));
        var effective = await InOwnTenantScopeAsync(tenantId, sp => sp.GetRequiredService<ISettingProvider>().GetEffectiveAsync(CancellationToken.None));
        var shown = await InOwnTenantScopeAsync(tenantId, sp => sp.GetRequiredService<ISettingManagementAppService>().GetTenantAsync(CancellationToken.None));

        effective.VolumeUnit.ShouldBe(FuelUnit.UsGallons);
        effective.IdleSessionTimeout.ShouldBe(TimeSpan.FromMinutes(45));
        shown.Settings.Single(s => s.Name == SettingNames.SessionIdleTimeoutMinutes).DefaultValue.ShouldBe("45");
        database.CountTenantRows("SettingValues", tenantId).ShouldBe(1);
        host.Database.CountTenantRows("SettingValues", tenantId).ShouldBe(0);
    }

    [Fact]
    public async Task Relocation_MovesHostStoredOverridesToOwnDatabase()
    {
        var (tenantId, database) = await CreateTenantWithOwnDatabaseAsync();
        InsertRow(host.Database, tenantId, SettingNames.EconomyUnit, "MilesPerImperialGallon");

        var moved = await InOwnTenantScopeAsync(tenantId, sp => sp.GetRequiredService<ITenantSettingRelocation>().MoveToTenantDatabaseAsync(CancellationToken.None));
        var again = await InOwnTenantScopeAsync(tenantId, sp => sp.GetRequiredService<ITenantSettingRelocation>().MoveToTenantDatabaseAsync(CancellationToken.None));

        moved.ShouldBe(1);
        again.ShouldBe(0);
        database.CountTenantRows("SettingValues", tenantId).ShouldBe(1);
        host.Database.CountTenantRows("SettingValues", tenantId).ShouldBe(0);
        var effective = await InOwnTenantScopeAsync(tenantId, sp => sp.GetRequiredService<ISettingProvider>().GetEffectiveAsync(CancellationToken.None));
        effective.EconomyUnit.ShouldBe(EconomyUnit.MilesPerImperialGallon);
    }

    [Fact]
    public async Task Migration_MovesEconomyUnitToSettings()
    {
        var database = NewDatabase();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDistributedMemoryCache();
        database.AddDbContext(services);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AutoTrackerDbContext>();
        var migrations = context.Database.GetMigrations().ToList();
        var settingMigration = migrations.FindIndex(m => m.EndsWith("_SettingManagement", StringComparison.Ordinal));
        await context.GetService<IMigrator>().MigrateAsync(migrations[settingMigration - 1]);
        var metric = InsertLegacyTenant(database, "metric", economyUnit: 0);
        var american = InsertLegacyTenant(database, "american", economyUnit: 1);
        var electric = InsertLegacyTenant(database, "electric", economyUnit: 3);

        await context.Database.MigrateAsync();

        database.CountTenantRows("SettingValues", metric).ShouldBe(0);
        ReadValue(database, american).ShouldBe("MilesPerUsGallon");
        ReadValue(database, electric).ShouldBe("KilowattHoursPer100Kilometers");
        using var currentTenant = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Change(american);
        await using var tenantScope = provider.CreateAsyncScope();
        var effective = await tenantScope.ServiceProvider.GetRequiredService<ISettingProvider>().GetEffectiveAsync(CancellationToken.None);
        effective.EconomyUnit.ShouldBe(EconomyUnit.MilesPerUsGallon);
    }

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }
    }

    private Task SetHostAsync(Dictionary<string, string?> values) =>
        host.AsAdminAsync(null, async sp =>
        {
            var service = sp.GetRequiredService<ISettingManagementAppService>();
            var current = await service.GetHostAsync(CancellationToken.None);
            await service.UpdateHostAsync(new UpdateSettingsDto { ConcurrencyStamp = current.ConcurrencyStamp, Values = values }, CancellationToken.None);
        });

    private static async Task<SettingsDto> UpdateTenantAsync(IServiceProvider services, Dictionary<string, string?> values)
    {
        var service = services.GetRequiredService<ISettingManagementAppService>();
        var current = await service.GetTenantAsync(CancellationToken.None);
        return await service.UpdateTenantAsync(new UpdateSettingsDto { ConcurrencyStamp = current.ConcurrencyStamp, Values = values }, CancellationToken.None);
    }

    private Task<EffectiveSettings> ReadEffectiveAsync(Guid? tenantId) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<ISettingProvider>().GetEffectiveAsync(CancellationToken.None));

    private Task<T> InOwnTenantScopeAsync<T>(Guid tenantId, Func<IServiceProvider, Task<T>> work) =>
        host.InTenantAsync(null, sp => sp.GetRequiredService<ITenantDatabaseManager>().RunInTenantScopeAsync(
            tenantId,
            connectionString: null,
            async (services, _) =>
            {
                using (services.GetRequiredService<TestCurrentUser>().Change(host.AdminUserId, tenantId, [Identity.StaticRoleNames.Admin]))
                {
                    return await work(services);
                }
            },
            CancellationToken.None));

    private TestDatabase NewDatabase()
    {
        var database = TestDatabase.Create();
        _databases.Add(database);
        return database;
    }

    private async Task<(Guid TenantId, TestDatabase Database)> CreateTenantWithOwnDatabaseAsync()
    {
        var database = NewDatabase();
        var tenantId = await host.CreateTenantWithOwnDatabaseAsync(database);
        return (tenantId, database);
    }

    /// <summary>Formats a Guid as each provider stores it: SQLite upper-case, MySQL lower-case.</summary>
    private static string StoredGuid(TestDatabase database, Guid id) =>
        database.Provider == "MySql" ? id.ToString("D") : id.ToString("D").ToUpperInvariant();

    private static void InsertRow(TestDatabase database, Guid tenantId, string name, string value) =>
        Execute(
            database,
            "INSERT INTO SettingValues (Id, TenantId, Name, Value, ConcurrencyStamp, CreationTime) VALUES (@id, @tenant, @name, @value, @stamp, @time)",
            ("@id", StoredGuid(database, Guid.NewGuid())),
            ("@tenant", StoredGuid(database, tenantId)),
            ("@name", name),
            ("@value", value),
            ("@stamp", Guid.NewGuid().ToString("N")),
            ("@time", "2026-06-01 09:30:00"));

    private static Guid InsertLegacyTenant(TestDatabase database, string name, int economyUnit)
    {
        var id = Guid.NewGuid();
        Execute(
            database,
            "INSERT INTO Tenants (Id, Name, NormalizedName, IsActive, IsDeleted, EconomyUnit, ConcurrencyStamp, CreationTime) "
            + "VALUES (@id, @name, @normalized, 1, 0, @unit, @stamp, @time)",
            ("@id", StoredGuid(database, id)),
            ("@name", name),
            ("@normalized", name.ToUpperInvariant()),
            ("@unit", economyUnit),
            ("@stamp", Guid.NewGuid().ToString("N")),
            ("@time", "2026-06-01 09:30:00"));
        return id;
    }

    private static string? ReadValue(TestDatabase database, Guid tenantId)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Value FROM SettingValues WHERE lower(TenantId) = @tenant AND Name = @name";
        AddParameter(command, "@tenant", tenantId.ToString("D"));
        AddParameter(command, "@name", SettingNames.EconomyUnit);
        return command.ExecuteScalar() as string;
    }

    private static void Execute(TestDatabase database, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        command.ExecuteNonQuery();
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
