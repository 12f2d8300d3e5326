using System.Diagnostics;
using System.Data.Common;
using AutoTracker.EntityFrameworkCore.MultiTenancy;
using AutoTracker.MultiTenancy;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Migrations;

/// <summary>Runs the built DbMigrator as its own process against a fresh database (SQLite or MySQL), as a deployment would.</summary>
public sealed class DbMigratorTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "autotracker-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Run_FreshDatabaseTwice_MigratesSeedsAndChangesNothingTheSecondTime()
    {
        var first = await RunMigratorAsync(password: null);
        var countsAfterFirst = ReadCounts();
        var second = await RunMigratorAsync(password: null);

        first.ExitCode.ShouldBe(0, first.Output);
        second.ExitCode.ShouldBe(0, second.Output);
        countsAfterFirst.ShouldBe(ReadCounts());
        countsAfterFirst.Tenants.ShouldBe(1);
        countsAfterFirst.Users.ShouldBe(2);
        countsAfterFirst.Vehicles.ShouldBe(7);
        countsAfterFirst.FuelEntries.ShouldBe(109);

        var passwordFile = Path.Combine(_folder, "initial-admin-password.txt");
        File.Exists(passwordFile).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(passwordFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var password = File.ReadAllText(passwordFile).Trim();
        password.Length.ShouldBe(20);
        first.Output.ShouldContain(passwordFile);
        first.Output.ShouldNotContain(password);
        second.Output.ShouldNotContain(password);
    }

    [Fact]
    public async Task Run_CommonPasswordConfigured_FailsWithoutCreatingAdmin()
    {
        var result = await RunMigratorAsync(password: "password1234");

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldNotContain("password1234");
        using var connection = _database.OpenConnection();
        Count(connection, "AspNetUsers").ShouldBe(0);
    }

    [Fact]
    public async Task Run_TenantWithOwnDatabase_MigratesItAndCreatesItsRoles()
    {
        (await RunMigratorAsync(password: null)).ExitCode.ShouldBe(0);
        using var tenantDatabase = TestDatabase.Create();
        var tenantId = await AddTenantWithOwnDatabaseAsync(tenantDatabase, Path.Combine(_folder, "keys"));

        var result = await RunMigratorAsync(password: null);

        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain(tenantId.ToString());
        var tables = tenantDatabase.TableNames();
        tables.ShouldContain("Vehicles");
        tables.ShouldNotContain("Tenants");
        tenantDatabase.CountTenantRows("AspNetRoles", tenantId).ShouldBe(AutoTracker.PermissionManagement.StaticRoleGrants.TenantRoles.Count);
        tenantDatabase.CountTenantRows("PermissionGrants", tenantId).ShouldBeGreaterThan(0);
        _database.CountTenantRows("AspNetRoles", tenantId).ShouldBe(0);
    }

    [Fact]
    public async Task Run_TenantDatabaseKeyMissing_FailsNamingTenantOnly()
    {
        (await RunMigratorAsync(password: null)).ExitCode.ShouldBe(0);
        using var tenantDatabase = TestDatabase.Create();

        // Encrypted with a key ring that the migrator does not read.
        var tenantId = await AddTenantWithOwnDatabaseAsync(tenantDatabase, Path.Combine(_folder, "other-keys"));

        var result = await RunMigratorAsync(password: null);

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain(tenantId.ToString());
        result.Output.ShouldNotContain(tenantDatabase.ConnectionString);
        tenantDatabase.TableNames().ShouldNotContain("Vehicles");
    }

    public void Dispose()
    {
        _database.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's cleanup.
        }
    }

    private async Task<(int ExitCode, string Output)> RunMigratorAsync(string? password)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var assembly = Path.Combine(RepositoryRoot(), "src", "AutoTracker.DbMigrator", "bin", configuration, "net10.0", "AutoTracker.DbMigrator.dll");
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.Environment["AutoTracker__Database__Provider"] = _database.Provider;
        start.Environment["ConnectionStrings__Default"] = _database.ConnectionString;
        start.Environment["AutoTracker__Seed__PasswordFile"] = Path.Combine(_folder, "initial-admin-password.txt");
        start.Environment["AutoTracker__DataProtection__KeyFolder"] = Path.Combine(_folder, "keys");
        if (password is not null)
        {
            start.Environment["AutoTracker__Seed__AdminPassword"] = password;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Adds a tenant whose connection string is encrypted with the key ring in <paramref name="keyFolder"/>, as the web app would.</summary>
    private async Task<Guid> AddTenantWithOwnDatabaseAsync(TestDatabase tenantDatabase, string keyFolder)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        _database.AddDbContext(services);
        services.AddDataProtection().SetApplicationName("AutoTracker").PersistKeysToFileSystem(new DirectoryInfo(keyFolder));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var tenant = new Tenant(Guid.NewGuid(), $"own{Guid.NewGuid():N}"[..20]);
        tenant.SetProtectedConnectionString(scope.ServiceProvider.GetRequiredService<ITenantDatabaseManager>().Protect(tenantDatabase.ConnectionString));
        var host = scope.ServiceProvider.GetRequiredService<HostDatabase>().Context;
        host.Tenants.Add(tenant);
        await host.SaveChangesAsync();
        return tenant.Id;
    }

    private (long Tenants, long Users, long Vehicles, long FuelEntries) ReadCounts()
    {
        using var connection = _database.OpenConnection();
        return (Count(connection, "Tenants"), Count(connection, "AspNetUsers"), Count(connection, "Vehicles"), Count(connection, "FuelEntries"));
    }

    private static long Count(DbConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = table switch
        {
            "Tenants" => "SELECT COUNT(*) FROM Tenants",
            "AspNetUsers" => "SELECT COUNT(*) FROM AspNetUsers",
            "Vehicles" => "SELECT COUNT(*) FROM Vehicles",
            "FuelEntries" => "SELECT COUNT(*) FROM FuelEntries",
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a counted table."),
        };
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AutoTracker.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("AutoTracker.sln was not found above the test folder.");
    }
}
