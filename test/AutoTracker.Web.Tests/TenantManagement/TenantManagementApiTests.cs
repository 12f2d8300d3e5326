using System.Net;
using System.Text.Json;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.TenantManagement;

/// <summary>Tenant administration through <c>/api/tenant-management/tenants</c>, as the host admin and as others.</summary>
public sealed class TenantManagementApiTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string Url = "/api/tenant-management/tenants";
    private const string TenantPassword = "tenant-admin-passphrase-77";

    [Fact]
    public async Task Create_ValidTenant_AdminSignsInToEmptyFleet()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var name = NewName();

        using var created = await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword });

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var tenantAdmin = await ApiClient.SignInAsync(factory, name, "admin", TenantPassword);
        using var list = await tenantAdmin.GetAsync("/api/app/vehicles");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ApiClient.ReadJsonAsync(list)).GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("dot.name")]
    [InlineData("ümlaut")]
    [InlineData("")]
    public async Task Create_NameNotDnsLabel_NamesField(string name)
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var before = await CountTenantsAsync();

        using var response = await host.PostAsync(Url, new { name, adminEmail = "a@b.test", adminPassword = TenantPassword });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        (await CountTenantsAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("www")]
    [InlineData("API")]
    [InlineData("xn--dmo-rna")]
    [InlineData("ab--c")]
    public async Task Create_ReservedName_IsRejected(string name)
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var before = await CountTenantsAsync();

        using var response = await host.PostAsync(Url, new { name, adminEmail = "a@b.test", adminPassword = TenantPassword });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ReadJsonAsync(response);
        problem.GetProperty("code").GetString().ShouldBe("AutoTracker:TenantManagement:TenantNameReserved");
        problem.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        (await CountTenantsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task SignIn_LongSLookAlike_DoesNotNameTenant()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var name = $"s{Guid.NewGuid():N}"[..20];
        (await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword })).StatusCode.ShouldBe(HttpStatusCode.Created);

        // U+017F LATIN SMALL LETTER LONG S upper-cases to S under full Unicode case mapping.
        using var client = factory.CreateBrowserClient();
        using var response = await AutoTrackerWebFactory.PostLoginAsync(client, "\u017F" + name[1..], "admin", TenantPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, "the look-alike name must not sign in to the tenant");
    }

    [Fact]
    public async Task Create_ExistingNameOtherCase_IsRejected()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var before = await CountTenantsAsync();

        using var response = await host.PostAsync(Url, new { name = "DEMO", adminEmail = "a@b.test", adminPassword = TenantPassword });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ReadJsonAsync(response);
        problem.GetProperty("code").GetString().ShouldBe("AutoTracker:TenantManagement:TenantNameDuplicate");
        problem.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        (await CountTenantsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Create_AdminPasswordRejected_LeavesNothing()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var name = NewName();
        var before = await CountRowsAsync();

        // The tenant and its admin role are saved before the password check fails, inside one transaction.
        using var response = await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = "password1234" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("adminPassword", out _).ShouldBeTrue();
        (await CountRowsAsync()).ShouldBe(before);
        (await TenantExistsAsync(name)).ShouldBeFalse();
    }

    [Fact]
    public async Task TenantUser_IsForbidden()
    {
        var tenantUser = await ApiClient.SignInAsync(factory, "demo");
        var before = await CountTenantsAsync();

        using var list = await tenantUser.GetAsync(Url);
        using var create = await tenantUser.PostAsync(Url, new { name = NewName(), adminEmail = "a@b.test", adminPassword = TenantPassword });

        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        create.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CountTenantsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Deactivate_EndsSessionsUntilActivated()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (name, id) = await CreateTenantAsync(host);
        var tenantAdmin = await ApiClient.SignInAsync(factory, name, "admin", TenantPassword);

        (await host.PostAsync($"{Url}/{id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await tenantAdmin.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var client = factory.CreateBrowserClient();
        (await AutoTrackerWebFactory.PostLoginAsync(client, name, "admin", TenantPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await host.PostAsync($"{Url}/{id}/activate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AutoTrackerWebFactory.PostLoginAsync(client, name, "admin", TenantPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Delete_NeedsNameAndKeepsItTaken()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (name, id) = await CreateTenantAsync(host);

        using var unconfirmed = await host.DeleteAsync($"{Url}/{id}?confirmName=someone-else");
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ReadJsonAsync(unconfirmed);
        problem.GetProperty("errors").TryGetProperty("confirmName", out _).ShouldBeTrue();
        problem.GetProperty("title").GetString().ShouldBe($"To delete the tenant, repeat its name '{name}' as confirmName.");
        (await host.GetAsync($"{Url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await host.DeleteAsync($"{Url}/{id}?confirmName={name.ToUpperInvariant()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await host.GetAsync($"{Url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var client = factory.CreateBrowserClient();
        (await AutoTrackerWebFactory.PostLoginAsync(client, name, "admin", TenantPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var again = await host.PostAsync(Url, new { name, adminEmail = "a@b.test", adminPassword = TenantPassword });
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task VehicleLimit_RejectsVehicleOverLimit()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (name, id) = await CreateTenantAsync(host, maxVehicles: 1);
        var tenantAdmin = await ApiClient.SignInAsync(factory, name, "admin", TenantPassword);

        (await tenantAdmin.PostAsync("/api/app/vehicles", new { make = "Volvo", model = "FH" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var second = await tenantAdmin.PostAsync("/api/app/vehicles", new { make = "Volvo", model = "FM" });

        second.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(second)).GetProperty("code").GetString().ShouldBe("AutoTracker:TenantManagement:VehicleLimitReached");
        (await CountVehiclesAsync(id)).ShouldBe(1);
    }

    [Fact]
    public async Task Update_StaleStamp_Conflicts()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (name, id) = await CreateTenantAsync(host);
        var tenant = await ApiClient.ReadJsonAsync(await host.GetAsync($"{Url}/{id}"));
        var stamp = tenant.GetProperty("concurrencyStamp").GetString();

        (await host.PutAsync($"{Url}/{id}", new { name, maxVehicles = 10, concurrencyStamp = stamp })).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stale = await host.PutAsync($"{Url}/{id}", new { name, maxVehicles = 20, concurrencyStamp = stamp });

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ApiClient.ReadJsonAsync(await host.GetAsync($"{Url}/{id}"))).GetProperty("maxVehicles").GetInt32().ShouldBe(10);
    }

    [Fact]
    public async Task List_SearchByNamePrefix_IgnoresCase()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (name, _) = await CreateTenantAsync(host);

        using var response = await host.GetAsync($"{Url}?search={name[..10].ToUpperInvariant()}");

        var items = (await ApiClient.ReadJsonAsync(response)).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        items.ShouldBe([name]);
    }

    private static string NewName() => $"t-{Guid.NewGuid():N}"[..20];

    private async Task<(string Name, Guid Id)> CreateTenantAsync(ApiClient host, int? maxVehicles = null)
    {
        var name = NewName();
        using var response = await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword, maxVehicles });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (name, (await ApiClient.ReadJsonAsync(response)).GetProperty("id").GetGuid());
    }

    private Task<int> CountTenantsAsync() =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.CountAsync());

    private Task<bool> TenantExistsAsync(string name) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.AnyAsync(t => t.NormalizedName == name.ToUpperInvariant()));

    private Task<int> CountVehiclesAsync(Guid tenantId) =>
        factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync());

    /// <summary>Counts tenants, roles and users of every tenant, read past the tenant filter.</summary>
    private Task<(int Tenants, int Roles, int Users)> CountRowsAsync() =>
        factory.InScopeAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            return (
                await db.Tenants.CountAsync(),
                await db.Roles.IgnoreQueryFilters().CountAsync(),
                await db.Users.IgnoreQueryFilters().CountAsync());
        });
}
