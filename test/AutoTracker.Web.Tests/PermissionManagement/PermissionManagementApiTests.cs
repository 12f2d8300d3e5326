using System.Net;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Identity;
using AutoTracker.Permissions;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.PermissionManagement;

/// <summary>The permission management API over HTTP: grant changes reach signed-in users at once, bodies cannot choose tenant or target, and every change is logged.</summary>
public sealed class PermissionManagementApiTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string Password = "permission-api-passphrase-5";
    private const string Url = "/api/permission-management/permissions";

    [Fact]
    public async Task GrantChange_TakesEffectOnNextRequest_WithoutSignOut()
    {
        var (tenantName, tenantId, admin) = await CreateTenantAsync();
        var userName = $"viewer{Guid.NewGuid():N}"[..16];
        await factory.CreateUserAsync(tenantId, userName, [StaticRoleNames.Viewer], Password);
        var viewer = await ApiClient.SignInAsync(factory, tenantName, userName, Password);
        (await CreateVehicleAsync(viewer)).ShouldBe(HttpStatusCode.Forbidden);
        (await viewer.Http.GetStringAsync("/Vehicles")).ShouldNotContain("data-testid=\"add-vehicle\"");

        (await PutAsync(admin, "R", StaticRoleNames.Viewer, (AutoTrackerPermissions.Vehicles.Create, true))).ShouldBe(HttpStatusCode.NoContent);

        (await CreateVehicleAsync(viewer)).ShouldBe(HttpStatusCode.Created);
        (await viewer.Http.GetStringAsync("/Vehicles")).ShouldContain("data-testid=\"add-vehicle\"");

        (await PutAsync(admin, "R", StaticRoleNames.Viewer, (AutoTrackerPermissions.Vehicles.Create, false))).ShouldBe(HttpStatusCode.NoContent);

        (await CreateVehicleAsync(viewer)).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RoleChange_TakesEffectOnNextRequest_WithoutSignOut()
    {
        var (tenantName, tenantId, _) = await CreateTenantAsync();
        var userName = $"driver{Guid.NewGuid():N}"[..16];
        var userId = await factory.CreateUserAsync(tenantId, userName, [StaticRoleNames.Driver], Password);
        var driver = await ApiClient.SignInAsync(factory, tenantName, userName, Password);
        (await CreateVehicleAsync(driver)).ShouldBe(HttpStatusCode.Forbidden);

        await factory.InScopeAsync(tenantId, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            (await users.AddToRoleAsync((await users.FindByIdAsync(userId.ToString()))!, StaticRoleNames.Manager)).Succeeded.ShouldBeTrue();
            return 0;
        });

        (await CreateVehicleAsync(driver)).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Put_TenantAndTargetInBody_AreIgnored()
    {
        var (_, tenantId, admin) = await CreateTenantAsync();
        var (_, otherTenantId, _) = await CreateTenantAsync();
        var otherUser = await factory.CreateUserAsync(otherTenantId, $"other{Guid.NewGuid():N}"[..16], [], Password);
        var otherGrantsBefore = await GrantsAsync(otherTenantId);

        using var response = await admin.PutAsync($"{Url}?providerName=R&providerKey={StaticRoleNames.Viewer}", new
        {
            tenantId = otherTenantId,
            providerName = "U",
            providerKey = otherUser.ToString(),
            userId = otherUser,
            permissions = new[] { new { name = AutoTrackerPermissions.Vehicles.Edit, isGranted = true, tenantId = otherTenantId, providerKey = StaticRoleNames.Admin } },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        (await GrantsAsync(tenantId)).ShouldContain($"R:{StaticRoleNames.Viewer}:{AutoTrackerPermissions.Vehicles.Edit}");
        (await GrantsAsync(tenantId)).ShouldNotContain(g => g.StartsWith("U:", StringComparison.Ordinal));
        (await GrantsAsync(otherTenantId)).ShouldBe(otherGrantsBefore);
    }

    [Fact]
    public async Task Put_OtherTenantsUser_ReturnsNotFound()
    {
        var (_, _, admin) = await CreateTenantAsync();
        var (_, otherTenantId, _) = await CreateTenantAsync();
        var otherUser = await factory.CreateUserAsync(otherTenantId, $"other{Guid.NewGuid():N}"[..16], [], Password);

        (await PutAsync(admin, "U", otherUser.ToString(), (AutoTrackerPermissions.Vehicles.Default, true))).ShouldBe(HttpStatusCode.NotFound);
        using var get = await admin.GetAsync($"{Url}?providerName=U&providerKey={otherUser}");
        get.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GrantsAsync(otherTenantId)).ShouldNotContain(g => g.StartsWith("U:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Put_UnknownName_ReturnsFieldError()
    {
        var (_, tenantId, admin) = await CreateTenantAsync();
        var before = await GrantsAsync(tenantId);

        using var response = await admin.PutAsync($"{Url}?providerName=R&providerKey={StaticRoleNames.Viewer}", new
        {
            permissions = new[] { new { name = AutoTrackerPermissions.Vehicles.Edit, isGranted = true }, new { name = "AutoTracker.Vehicles.Fly", isGranted = true } },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ReadJsonAsync(response);
        problem.GetProperty("errors").GetProperty("permissions[1].name")[0].GetString()!.ShouldContain("AutoTracker.Vehicles.Fly");
        (await GrantsAsync(tenantId)).ShouldBe(before);
    }

    [Fact]
    public async Task Put_Change_IsLoggedWithActorAndTarget()
    {
        var (_, tenantId, admin) = await CreateTenantAsync();
        var adminId = await UserIdAsync(tenantId, "admin");
        var roleId = await factory.InScopeAsync(tenantId, async sp => (await sp.GetRequiredService<RoleManager<AppRole>>().FindByNameAsync(StaticRoleNames.Driver))!.Id);

        (await PutAsync(admin, "R", StaticRoleNames.Driver, (AutoTrackerPermissions.FuelEntries.Delete, true), (AutoTrackerPermissions.MeterReadings.Create, false)))
            .ShouldBe(HttpStatusCode.NoContent);

        var events = factory.Logs.Events.Where(e => e.Properties.TryGetValue("TargetId", out var target) && target.ToString() == roleId.ToString()).ToList();
        events.Count.ShouldBe(2);
        foreach (var logEvent in events)
        {
            logEvent.Properties["ActingUserId"].ToString().ShouldBe(adminId.ToString());
            logEvent.Properties["TenantId"].ToString().ShouldBe(tenantId.ToString());
            logEvent.Properties["ProviderName"].ToString().ShouldBe("\"R\"");
        }

        events.Select(e => e.Properties["PermissionName"].ToString().Trim('"'))
            .ShouldBe([AutoTrackerPermissions.FuelEntries.Delete, AutoTrackerPermissions.MeterReadings.Create], ignoreOrder: true);
    }

    [Fact]
    public async Task Get_User_ListsGrantsOfItsRoles()
    {
        var (_, tenantId, admin) = await CreateTenantAsync();
        var userId = await factory.CreateUserAsync(tenantId, $"tech{Guid.NewGuid():N}"[..16], [StaticRoleNames.Technician], Password);

        using var response = await admin.GetAsync($"{Url}?providerName=U&providerKey={userId}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await ApiClient.ReadJsonAsync(response);
        var permissions = result.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("permissions").EnumerateArray())
            .ToDictionary(p => p.GetProperty("name").GetString()!);
        var serviceCreate = permissions[AutoTrackerPermissions.ServiceRecords.Create];
        serviceCreate.GetProperty("isGranted").GetBoolean().ShouldBeTrue();
        serviceCreate.GetProperty("grantedProviders")[0].GetProperty("providerKey").GetString().ShouldBe(StaticRoleNames.Technician);
        permissions.ShouldNotContainKey(TenantManagementPermissions.Tenants.Default);
    }

    private async Task<(string Name, Guid Id, ApiClient Admin)> CreateTenantAsync()
    {
        var name = $"perm{Guid.NewGuid():N}"[..16];
        var id = await factory.CreateTenantWithAdminAsync(name);
        return (name, id, await ApiClient.SignInAsync(factory, name));
    }

    private static async Task<HttpStatusCode> PutAsync(ApiClient client, string providerName, string providerKey, params (string Name, bool IsGranted)[] changes)
    {
        using var response = await client.PutAsync(
            $"{Url}?providerName={providerName}&providerKey={providerKey}",
            new { permissions = changes.Select(c => new { name = c.Name, isGranted = c.IsGranted }).ToArray() });
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> CreateVehicleAsync(ApiClient client)
    {
        using var response = await client.PostAsync("/api/app/vehicles", new { make = "Skoda", model = "Granted", meterUnit = "Kilometers" });
        return response.StatusCode;
    }

    private Task<List<string>> GrantsAsync(Guid tenantId) =>
        factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().PermissionGrants
            .OrderBy(g => g.ProviderName).ThenBy(g => g.ProviderKey).ThenBy(g => g.Name)
            .Select(g => g.ProviderName + ":" + g.ProviderKey + ":" + g.Name)
            .ToListAsync());

    private Task<Guid> UserIdAsync(Guid tenantId, string userName) =>
        factory.InScopeAsync(tenantId, async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!.Id);
}
