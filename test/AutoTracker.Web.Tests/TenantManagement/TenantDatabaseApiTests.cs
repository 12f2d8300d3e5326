using System.Net;
using AutoTracker.EntityFrameworkCore.MultiTenancy;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.TenantManagement;

/// <summary>
/// Tenants with a database of their own, through the API of a running app on the engine of the run. Each tenant gets
/// a SQLite file or a MariaDB database. The tenant works end to end, and its rows never reach the shared database.
/// </summary>
public sealed class TenantDatabaseApiTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>, IDisposable
{
    private const string Url = "/api/tenant-management/tenants";
    private const string TenantPassword = "own-database-passphrase-58";

    private static readonly string[] TenantTables = ["Vehicles", "AspNetUsers", "AspNetRoles", "AspNetUserRoles"];

    private readonly List<TestDatabase> _tenantDatabases = [];

    [Fact]
    public async Task Create_OwnDatabase_TenantWorksEndToEnd()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var database = NewTenantDatabase();
        var name = NewName();

        using var created = await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword, connectionString = database.ConnectionString });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var tenantId = await factory.GetTenantIdAsync(name);

        var tenantAdmin = await ApiClient.SignInAsync(factory, name, "admin", TenantPassword);
        using var vehicle = await tenantAdmin.PostAsync("/api/app/vehicles", new { make = "Volvo", model = "Own database" });
        vehicle.StatusCode.ShouldBe(HttpStatusCode.Created, await vehicle.Content.ReadAsStringAsync());
        using var list = await tenantAdmin.GetAsync("/api/app/vehicles");
        (await ApiClient.ReadJsonAsync(list)).GetProperty("totalCount").GetInt32().ShouldBe(1);

        database.CountTenantRows("Vehicles", tenantId).ShouldBe(1);
        database.CountTenantRows("AspNetUsers", tenantId).ShouldBe(1);
        database.CountTenantRows("AspNetRoles", tenantId).ShouldBe(AutoTracker.PermissionManagement.StaticRoleGrants.TenantRoles.Count);
        foreach (var table in TenantTables.Where(t => t != "AspNetUserRoles"))
        {
            factory.Database.CountTenantRows(table, tenantId).ShouldBe(0, $"{table} of the tenant must stay in its own database");
        }

        database.TableNames().ShouldNotContain("Tenants");
    }

    [Fact]
    public async Task Usage_OwnDatabase_CountsAndRecordsAccess()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (tenantId, name, _) = await CreateOwnDatabaseTenantAsync(host);
        var tenantAdmin = await ApiClient.SignInAsync(factory, name, "admin", TenantPassword);
        (await tenantAdmin.PostAsync("/api/app/vehicles", new { make = "Scania", model = "Counted" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var usage = await host.GetAsync($"{Url}/{tenantId}/usage");

        usage.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await ApiClient.ReadJsonAsync(usage);
        body.GetProperty("vehicleCount").GetInt32().ShouldBe(1);
        body.GetProperty("userCount").GetInt32().ShouldBe(1);
        var records = await factory.InScopeAsync(null, sp => sp.GetRequiredService<HostDatabase>().Context.CrossTenantAccessRecords.AsNoTracking()
            .Where(r => r.TenantId == tenantId).ToListAsync());
        records.Count.ShouldBe(1);
        records[0].UserId.ShouldNotBeNull();
    }

    [Fact]
    public async Task GetDatabase_MasksPassword()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (tenantId, _, database) = await CreateOwnDatabaseTenantAsync(host);

        using var response = await host.GetAsync($"{Url}/{tenantId}/database");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        var body = await ApiClient.ReadJsonAsync(response);
        body.GetProperty("hasOwnDatabase").GetBoolean().ShouldBeTrue();
        var masked = body.GetProperty("maskedConnectionString").GetString() ?? string.Empty;
        if (TestDatabase.RunsOnMySql)
        {
            var password = new MySql.Data.MySqlClient.MySqlConnectionStringBuilder(database.ConnectionString).Password;
            password.ShouldNotBeNullOrEmpty();
            text.ShouldNotContain(password);
            masked.ShouldContain("********");
        }
        else
        {
            masked.ShouldContain(((SqliteTestDatabase)database).FilePath);
        }
    }

    [Fact]
    public async Task Create_UnreachableDatabase_NamesFieldAndLeavesNothing()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var name = NewName();
        var before = await CountTenantsAsync();

        using var response = await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword, connectionString = UnreachableConnectionString() });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("connectionString", out _).ShouldBeTrue();
        (await CountTenantsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Create_OwnDatabaseAdminPasswordRejected_LeavesNothing()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var database = NewTenantDatabase();
        var name = NewName();
        var before = await CountTenantsAsync();

        using var response = await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = "password1234", connectionString = database.ConnectionString });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("adminPassword", out _).ShouldBeTrue();
        (await CountTenantsAsync()).ShouldBe(before);
        database.TableNames().ShouldNotContain("AspNetUsers", "the password is checked before the database is touched");
    }

    [Fact]
    public async Task Create_OwnDatabaseSeedFails_LeavesNoTenantRow()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var database = NewTenantDatabase();
        var name = NewName();
        var before = await CountTenantsAsync();

        // The database is migrated ahead, with a trigger that rejects every new user: the role is saved, the admin is not.
        await factory.InScopeAsync(null, async sp =>
        {
            await sp.GetRequiredService<AutoTracker.MultiTenancy.ITenantDatabaseManager>().MigrateAsync(database.ConnectionString, CancellationToken.None);
            return true;
        });
        database.Execute(TestDatabase.RunsOnMySql
            ? "CREATE TRIGGER reject_users BEFORE INSERT ON AspNetUsers FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'rejected by test'"
            : "CREATE TRIGGER reject_users BEFORE INSERT ON AspNetUsers BEGIN SELECT RAISE(ABORT, 'rejected by test'); END");
        using var response = await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword, connectionString = database.ConnectionString });

        response.StatusCode.ShouldNotBe(HttpStatusCode.Created);
        (await CountTenantsAsync()).ShouldBe(before);
        database.CountRows("AspNetUsers").ShouldBe(0);
        database.CountRows("AspNetRoles").ShouldBe(0);
    }

    [Fact]
    public async Task Create_UserWithoutCreateRights_NamesFieldAndReleasesLock()
    {
        if (!TestDatabase.RunsOnMySql)
        {
            // The test server's reader user, which may only SELECT, exists on MariaDB only.
            return;
        }

        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var database = NewTenantDatabase();
        var reader = new MySql.Data.MySqlClient.MySqlConnectionStringBuilder(ReaderConnectionString()) { Database = ((MySqlTestDatabase)database).DatabaseName };
        var name = NewName();
        var before = await CountTenantsAsync();

        using var response = await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword, connectionString = reader.ConnectionString });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var text = await response.Content.ReadAsStringAsync();
        (await ApiClient.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("connectionString", out _).ShouldBeTrue();
        text.ShouldNotContain(reader.UserID, Case.Insensitive, "the server's message names the user");
        text.ShouldNotContain(reader.Password);
        (await CountTenantsAsync()).ShouldBe(before);
        database.TableNames().ShouldBeEmpty();
        ExecuteScalar(database, "SELECT IS_USED_LOCK('__EFMigrationsLock')").ShouldBeNull("the failed migration must not keep the server-wide migration lock");

        await CreateOwnDatabaseTenantAsync(host);
    }

    [Fact]
    public async Task UpdateDatabase_MovesTenantAndBack()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var name = NewName();
        (await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var tenantId = await factory.GetTenantIdAsync(name);
        var database = NewTenantDatabase();
        var stamp = await DeactivateAsync(host, tenantId);

        using var moved = await host.PutAsync($"{Url}/{tenantId}/database", new { connectionString = database.ConnectionString, concurrencyStamp = stamp });

        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        database.CountTenantRows("AspNetRoles", tenantId).ShouldBe(AutoTracker.PermissionManagement.StaticRoleGrants.TenantRoles.Count, "the static roles are created in the new database");
        database.CountTenantRows("AspNetUsers", tenantId).ShouldBe(0, "data is not copied");
        (await host.PostAsync($"{Url}/{tenantId}/activate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var client = factory.CreateBrowserClient();
        (await AutoTrackerWebFactory.PostLoginAsync(client, name, "admin", TenantPassword)).StatusCode.ShouldBe(HttpStatusCode.OK, "the admin is still in the shared database");

        var newStamp = await DeactivateAsync(host, tenantId);
        using var back = await host.PutAsync($"{Url}/{tenantId}/database", new { connectionString = (string?)null, concurrencyStamp = newStamp });
        back.StatusCode.ShouldBe(HttpStatusCode.OK, await back.Content.ReadAsStringAsync());
        (await ApiClient.ReadJsonAsync(back)).GetProperty("hasOwnDatabase").GetBoolean().ShouldBeFalse();
        (await host.PostAsync($"{Url}/{tenantId}/activate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ApiClient.SignInAsync(factory, name, "admin", TenantPassword);
    }

    [Fact]
    public async Task UpdateDatabase_ActiveTenant_IsRejectedAndUnchanged()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (tenantId, _, ownDatabase) = await CreateOwnDatabaseTenantAsync(host);
        var database = NewTenantDatabase();
        var stamp = (await ApiClient.ReadJsonAsync(await host.GetAsync($"{Url}/{tenantId}/database"))).GetProperty("concurrencyStamp").GetString();

        using var moved = await host.PutAsync($"{Url}/{tenantId}/database", new { connectionString = database.ConnectionString, concurrencyStamp = stamp });
        using var back = await host.PutAsync($"{Url}/{tenantId}/database", new { connectionString = (string?)null, concurrencyStamp = stamp });

        moved.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await moved.Content.ReadAsStringAsync());
        var body = await ApiClient.ReadJsonAsync(moved);
        body.GetProperty("code").GetString().ShouldBe("AutoTracker:TenantManagement:TenantActive");
        body.GetProperty("errors").TryGetProperty("connectionString", out _).ShouldBeTrue();
        back.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "moving back to the shared database also needs a deactivated tenant");
        database.TableNames().ShouldBeEmpty("nothing is migrated for an active tenant");
        var current = await ApiClient.ReadJsonAsync(await host.GetAsync($"{Url}/{tenantId}/database"));
        current.GetProperty("concurrencyStamp").GetString().ShouldBe(stamp);
        current.GetProperty("hasOwnDatabase").GetBoolean().ShouldBeTrue();
        ownDatabase.CountTenantRows("AspNetUsers", tenantId).ShouldBe(1);
    }

    [Fact]
    public async Task UpdateDatabase_ParallelSameStamp_OnlyOneMigrates()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var name = NewName();
        (await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var tenantId = await factory.GetTenantIdAsync(name);
        var stamp = await DeactivateAsync(host, tenantId);
        var databases = Enumerable.Range(0, 4).Select(_ => NewTenantDatabase()).ToList();

        var responses = await Task.WhenAll(databases.Select(database =>
            host.PutAsync($"{Url}/{tenantId}/database", new { connectionString = database.ConnectionString, concurrencyStamp = stamp })));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(3);
        databases.Count(d => d.TableNames().Count > 0).ShouldBe(1, "a conflicting change migrates nothing");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task UpdateDatabase_StaleStamp_IsConflictAndUnchanged()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var name = NewName();
        (await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var tenantId = await factory.GetTenantIdAsync(name);
        var database = NewTenantDatabase();

        using var response = await host.PutAsync($"{Url}/{tenantId}/database", new { connectionString = database.ConnectionString, concurrencyStamp = "stale" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        database.TableNames().ShouldBeEmpty("the stamp is checked before the database is migrated");
        (await ApiClient.ReadJsonAsync(await host.GetAsync($"{Url}/{tenantId}/database"))).GetProperty("hasOwnDatabase").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task TestConnection_ReportsSuccessAndFailure()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);

        using var good = await host.PostAsync($"{Url}/database-connection-test", new { connectionString = NewTenantDatabase().ConnectionString });
        using var bad = await host.PostAsync($"{Url}/database-connection-test", new { connectionString = UnreachableConnectionString() });
        using var shared = await host.PostAsync($"{Url}/database-connection-test", new { connectionString = factory.ConnectionString });

        good.StatusCode.ShouldBe(HttpStatusCode.OK, await good.Content.ReadAsStringAsync());
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(bad)).GetProperty("errors").TryGetProperty("connectionString", out _).ShouldBeTrue();
        shared.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UnreadableConnectionString_Is503AndReplaceable()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (tenantId, name) = await AddTenantWithForeignKeyAsync();

        using var anonymous = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/app/vehicles");
        request.Headers.Add("__tenant", name);
        using var anonymousResponse = await anonymous.SendAsync(request);
        using var browser = factory.CreateBrowserClient();
        using var signIn = await AutoTrackerWebFactory.PostLoginAsync(browser, name, "admin", TenantPassword);
        using var usage = await host.GetAsync($"{Url}/{tenantId}/usage");
        using var database = await host.GetAsync($"{Url}/{tenantId}/database");

        anonymousResponse.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        anonymousResponse.Headers.RetryAfter.ShouldNotBeNull();
        signIn.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        usage.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        database.StatusCode.ShouldBe(HttpStatusCode.OK, await database.Content.ReadAsStringAsync());
        var body = await ApiClient.ReadJsonAsync(database);
        body.GetProperty("hasOwnDatabase").GetBoolean().ShouldBeTrue();
        body.GetProperty("isConnectionStringUnreadable").GetBoolean().ShouldBeTrue();
        body.GetProperty("maskedConnectionString").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var stamp = await DeactivateAsync(host, tenantId);
        using var replaced = await host.PutAsync($"{Url}/{tenantId}/database", new { connectionString = NewTenantDatabase().ConnectionString, concurrencyStamp = stamp });
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        (await ApiClient.ReadJsonAsync(replaced)).GetProperty("isConnectionStringUnreadable").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task TenantUser_DatabaseEndpoints_AreForbidden()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (tenantId, name, _) = await CreateOwnDatabaseTenantAsync(host);
        var tenantAdmin = await ApiClient.SignInAsync(factory, name, "admin", TenantPassword);

        using var read = await tenantAdmin.GetAsync($"{Url}/{tenantId}/database");
        using var change = await tenantAdmin.PutAsync($"{Url}/{tenantId}/database", new { connectionString = (string?)null, concurrencyStamp = "x" });
        using var test = await tenantAdmin.PostAsync($"{Url}/database-connection-test", new { connectionString = factory.ConnectionString });
        using var usage = await tenantAdmin.GetAsync($"{Url}/{tenantId}/usage");

        read.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        change.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        test.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        usage.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ApiClient.ReadJsonAsync(await host.GetAsync($"{Url}/{tenantId}/database"))).GetProperty("hasOwnDatabase").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Deactivate_OwnDatabaseTenant_EndsSession()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (tenantId, name, _) = await CreateOwnDatabaseTenantAsync(host);
        var tenantAdmin = await ApiClient.SignInAsync(factory, name, "admin", TenantPassword);
        (await tenantAdmin.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await host.PostAsync($"{Url}/{tenantId}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await tenantAdmin.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    public void Dispose()
    {
        foreach (var database in _tenantDatabases)
        {
            database.Dispose();
        }
    }

    /// <summary>
    /// Adds a tenant whose connection string was encrypted with a key ring of its own, which the app does not have,
    /// as after a lost Data Protection key.
    /// </summary>
    private async Task<(Guid TenantId, string Name)> AddTenantWithForeignKeyAsync()
    {
        var keyFolder = Directory.CreateTempSubdirectory("autotracker-foreign-keys-");
        try
        {
            var foreignProtector = DataProtectionProvider
                .Create(keyFolder, options => options.SetApplicationName("AutoTracker"))
                .CreateProtector(ConnectionStringProtector.Purpose);
            var tenant = new AutoTracker.TenantManagement.Tenant(Guid.NewGuid(), NewName());
            tenant.SetProtectedConnectionString(foreignProtector.Protect(NewTenantDatabase().ConnectionString));
            await factory.InScopeAsync(null, async sp =>
            {
                var context = sp.GetRequiredService<HostDatabase>().Context;
                context.Tenants.Add(tenant);
                return await context.SaveChangesAsync();
            });
            return (tenant.Id, tenant.Name);
        }
        finally
        {
            keyFolder.Delete(recursive: true);
        }
    }

    /// <summary>Deactivates the tenant, as a change of its database requires, and returns its new concurrency stamp.</summary>
    private static async Task<string?> DeactivateAsync(ApiClient host, Guid tenantId)
    {
        using var deactivated = await host.PostAsync($"{Url}/{tenantId}/deactivate", null);
        deactivated.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var database = await host.GetAsync($"{Url}/{tenantId}/database");
        return (await ApiClient.ReadJsonAsync(database)).GetProperty("concurrencyStamp").GetString();
    }

    private async Task<(Guid TenantId, string Name, TestDatabase Database)> CreateOwnDatabaseTenantAsync(ApiClient host)
    {
        var database = NewTenantDatabase();
        var name = NewName();
        using var created = await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword, connectionString = database.ConnectionString });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await factory.GetTenantIdAsync(name), name, database);
    }

    private TestDatabase NewTenantDatabase()
    {
        var database = TestDatabase.Create();
        _tenantDatabases.Add(database);
        return database;
    }

    private static string NewName() => $"own{Guid.NewGuid():N}"[..20];

    private static string UnreachableConnectionString()
    {
        if (!TestDatabase.RunsOnMySql)
        {
            return $"Data Source={Path.Combine(Path.GetTempPath(), "autotracker-missing-" + Guid.NewGuid().ToString("N"), "t.db")}";
        }

        return $"Server=127.0.0.1;Port={TestDatabase.ClosedLoopbackPort()};Database=nowhere;User ID=nobody;Password=nothing;SslMode=Disabled;Connect Timeout=2";
    }

    private Task<int> CountTenantsAsync() =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<HostDatabase>().Context.Tenants.CountAsync());


    private static object? ExecuteScalar(TestDatabase database, string sql)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static string ReaderConnectionString() =>
        Environment.GetEnvironmentVariable("AUTOTRACKER_TEST_MYSQL_READER") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("AUTOTRACKER_TEST_MYSQL_READER is not set. Run etc/scripts/test-services.sh start, which creates the reader user.");
}
