using AutoTracker.EntityFrameworkCore;
using AutoTracker.EntityFrameworkCore.MySql;
using AutoTracker.Identity;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.MySql;

/// <summary>
/// Checks the migrated database, not only the model: normalized names must compare byte for byte on every
/// engine, so on MySQL and MariaDB their columns need <see cref="MySqlModelCustomizer.ExactCollation"/>.
/// Under the database default utf8mb4_unicode_ci, 'ZOË' equals 'ZOE' and any two emoji compare equal.
/// </summary>
public sealed class ExactCollationTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    [Fact]
    public async Task TenantNames_DifferingOnlyInAccent_AreDistinct()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await host.CreateTenantAsync($"Zoe-{suffix}");

        await Should.NotThrowAsync(() => host.CreateTenantAsync($"Zoë-{suffix}"));
    }

    [Fact]
    public async Task TenantLookup_AccentedName_FindsNothing()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await host.CreateTenantAsync($"Renee-{suffix}");
        var normalized = Tenant.NormalizeName($"Renée-{suffix}");

        var found = await host.InTenantAsync(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.CountAsync(t => t.NormalizedName == normalized));

        found.ShouldBe(0);
    }

    [Fact]
    public async Task UserLookup_AccentedOrFullWidth_FindsNothing()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.InTenantAsync(tenantId, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            (await users.CreateAsync(new AppUser(Guid.NewGuid(), tenantId, "zoe", email: null))).Succeeded.ShouldBeTrue();

            (await users.FindByNameAsync("zoë")).ShouldBeNull("an accented name must not sign in to another account");
            (await users.FindByNameAsync("ＺＯＥ")).ShouldBeNull("a full-width name must not sign in to another account");
        });
    }

    [Theory]
    [InlineData("Tenants", "NormalizedName")]
    [InlineData("AspNetUsers", "NormalizedUserName")]
    [InlineData("AspNetUsers", "NormalizedEmail")]
    [InlineData("AspNetRoles", "NormalizedName")]
    [InlineData("Vehicles", "Vin")]
    [InlineData("Vehicles", "ConcurrencyStamp")]
    [InlineData("PermissionGrants", "Name")]
    [InlineData("PermissionGrants", "ProviderName")]
    [InlineData("PermissionGrants", "ProviderKey")]
    public async Task ExactColumns_OnMySql_UseBinaryCollation(string table, string column)
    {
        if (!TestDatabase.RunsOnMySql)
        {
            // SQLite compares text byte for byte (BINARY) unless a column declares another collation.
            return;
        }

        var collation = await host.InTenantAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table AND COLUMN_NAME = @column";
            var tableParameter = command.CreateParameter();
            tableParameter.ParameterName = "@table";
            tableParameter.Value = table;
            command.Parameters.Add(tableParameter);
            var columnParameter = command.CreateParameter();
            columnParameter.ParameterName = "@column";
            columnParameter.Value = column;
            command.Parameters.Add(columnParameter);
            return (string?)await command.ExecuteScalarAsync();
        });

        collation.ShouldBe(MySqlModelCustomizer.ExactCollation, $"{table}.{column}");
    }
}
