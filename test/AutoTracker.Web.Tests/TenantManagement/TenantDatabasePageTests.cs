using System.Net;
using System.Text.RegularExpressions;
using AutoTracker.EntityFrameworkCore.MultiTenancy;
using AutoTracker.TenantManagement;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.TenantManagement;

/// <summary>The tenant database and usage pages, used through their forms as the host admin and as a tenant's admin.</summary>
public sealed partial class TenantDatabasePageTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>, IDisposable
{
    private readonly List<TestDatabase> _tenantDatabases = [];

    [Fact]
    public async Task DatabasePage_TestThenSave_MovesTenantToOwnDatabase()
    {
        var tenantId = await factory.CreateTenantWithAdminAsync(NewName());
        await DeactivateAsync(tenantId);
        var database = NewTenantDatabase();
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var path = $"/TenantManagement/Database/{tenantId}";
        var form = await host.GetStringAsync(path);
        form.ShouldContain("data-testid=\"shared-database\"");

        using var tested = await host.PostAsync($"{path}?handler=Test", Fields(form, database.ConnectionString));
        var testedPage = await tested.Content.ReadAsStringAsync();
        testedPage.ShouldContain("data-testid=\"test-message\"");
        testedPage.ShouldNotContain("value=\"" + WebUtility.HtmlEncode(database.ConnectionString), Case.Sensitive, "a password field is never filled back in");
        (await HasOwnDatabaseAsync(tenantId)).ShouldBeFalse("testing stores nothing");

        using var saved = await host.PostAsync(path, Fields(form, database.ConnectionString));

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await HasOwnDatabaseAsync(tenantId)).ShouldBeTrue();
        (await host.GetStringAsync(path)).ShouldContain("data-testid=\"masked-connection-string\"");
    }

    [Fact]
    public async Task DatabasePage_UnreadableConnectionString_ShowsWarning()
    {
        var tenantId = await factory.CreateTenantWithAdminAsync(NewName());
        await factory.InScopeAsync(null, async sp =>
        {
            // Ciphertext that no key of the app's key ring decrypts, as after a lost Data Protection key.
            var context = sp.GetRequiredService<HostDatabase>().Context;
            var tenant = await context.Tenants.SingleAsync(t => t.Id == tenantId);
            tenant.SetProtectedConnectionString("CfDJ8" + new string('A', 120));
            return await context.SaveChangesAsync();
        });
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);

        using var response = await host.GetAsync($"/TenantManagement/Database/{tenantId}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"connection-string-unreadable\"");
    }

    [Fact]
    public async Task DatabasePage_ActiveTenant_ShowsWarningAndKeepsShared()
    {
        var tenantId = await factory.CreateTenantWithAdminAsync(NewName());
        var database = NewTenantDatabase();
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var path = $"/TenantManagement/Database/{tenantId}";
        var form = await host.GetStringAsync(path);
        form.ShouldContain("data-testid=\"tenant-active\"");

        using var response = await host.PostAsync(path, Fields(form, database.ConnectionString));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("data-valmsg-for=\"Input.ConnectionString\"");
        (await HasOwnDatabaseAsync(tenantId)).ShouldBeFalse();
        database.TableNames().ShouldBeEmpty();
    }

    [Fact]
    public async Task DatabasePage_BadConnectionString_ShowsFieldErrorAndKeepsShared()
    {
        var tenantId = await factory.CreateTenantWithAdminAsync(NewName());
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var path = $"/TenantManagement/Database/{tenantId}";
        var form = await host.GetStringAsync(path);
        var bad = TestDatabase.RunsOnMySql ? "Server=127.0.0.1;Database=x;AllowLoadLocalInfile=true" : "Data Source=relative.db";

        using var response = await host.PostAsync(path, Fields(form, bad));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("data-valmsg-for=\"Input.ConnectionString\"");
        (await HasOwnDatabaseAsync(tenantId)).ShouldBeFalse();
    }

    [Fact]
    public async Task UsagePage_ShowsCountsAndRecordsAccess()
    {
        var tenantId = await factory.CreateTenantWithAdminAsync(NewName());
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);

        var page = await host.GetStringAsync($"/TenantManagement/Usage/{tenantId}");

        page.ShouldContain("data-testid=\"user-usage\">1, no limit<");
        page.ShouldContain("data-testid=\"vehicle-usage\">0, no limit<");
        var records = await factory.InScopeAsync(null, sp => sp.GetRequiredService<HostDatabase>().Context.CrossTenantAccessRecords.CountAsync(r => r.TenantId == tenantId));
        records.ShouldBe(1);
    }

    [Fact]
    public async Task TenantAdmin_DatabaseAndUsagePages_Forbidden()
    {
        var tenantId = await factory.CreateTenantWithAdminAsync(NewName());
        var tenantAdmin = await factory.SignInAsync("demo", "admin", AutoTrackerWebFactory.AdminPassword);
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(tenantAdmin, "/Vehicles/Create");

        foreach (var path in new[] { $"/TenantManagement/Database/{tenantId}", $"/TenantManagement/Usage/{tenantId}" })
        {
            (await tenantAdmin.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
        }

        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.ConnectionString"] = "", ["Input.ConcurrencyStamp"] = "x" };
        (await tenantAdmin.PostAsync($"/TenantManagement/Database/{tenantId}", new FormUrlEncodedContent(fields))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await tenantAdmin.PostAsync($"/TenantManagement/Database/{tenantId}?handler=Test", new FormUrlEncodedContent(fields))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var records = await factory.InScopeAsync(null, sp => sp.GetRequiredService<HostDatabase>().Context.CrossTenantAccessRecords.CountAsync(r => r.TenantId == tenantId));
        records.ShouldBe(0);
    }

    [Fact]
    public async Task HostAdmin_MissingTenant_Returns404()
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);

        foreach (var path in new[] { $"/TenantManagement/Database/{Guid.NewGuid()}", $"/TenantManagement/Usage/{Guid.NewGuid()}" })
        {
            (await host.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }
    }

    public void Dispose()
    {
        foreach (var database in _tenantDatabases)
        {
            database.Dispose();
        }
    }

    private static FormUrlEncodedContent Fields(string form, string connectionString) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = HiddenValue().Match(form.Split("name=\"__RequestVerificationToken\"")[1]).Groups[1].Value,
        ["Input.ConcurrencyStamp"] = HiddenValue().Match(form.Split("name=\"Input.ConcurrencyStamp\"")[1]).Groups[1].Value,
        ["Input.ConnectionString"] = connectionString,
    });

    private Task DeactivateAsync(Guid tenantId) =>
        factory.InScopeAsync(null, async sp =>
        {
            var host = sp.GetRequiredService<HostDatabase>().Context;
            var tenant = await host.Tenants.SingleAsync(t => t.Id == tenantId);
            tenant.Deactivate();
            return await host.SaveChangesAsync();
        });

    private Task<bool> HasOwnDatabaseAsync(Guid tenantId) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<HostDatabase>().Context.Tenants.AsNoTracking()
            .Where(t => t.Id == tenantId).Select(t => t.ProtectedConnectionString != null).SingleAsync());

    private TestDatabase NewTenantDatabase()
    {
        var database = TestDatabase.Create();
        _tenantDatabases.Add(database);
        return database;
    }

    private static string NewName() => $"pg{Guid.NewGuid():N}"[..20];

    [GeneratedRegex("^[^>]*?value=\"([^\"]*)\"")]
    private static partial Regex HiddenValue();
}
