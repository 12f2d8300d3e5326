using System.Net;
using System.Text.Json;
using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Identity;
using AutoTracker.PermissionManagement;
using AutoTracker.Permissions;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Identity;

/// <summary>The roles API at /api/identity/roles through a real server: the service's rules as HTTP statuses and field errors.</summary>
public sealed class RoleApiTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string Password = "role-api-passphrase-5";
    private const string RolesUrl = "/api/identity/roles";

    [Fact]
    public async Task Crud_RoundTrip_Succeeds()
    {
        var (tenantId, _, admin) = await CreateTenantAsync();

        using var created = await admin.PostAsync(RolesUrl, new { name = "Yard crew", isDefault = true });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var role = await ApiClient.ReadAsync<IdentityRoleDto>(created);
        created.Headers.Location!.ToString().ShouldBe($"{RolesUrl}/{role.Id}");
        role.IsDefault.ShouldBeTrue();
        role.IsStatic.ShouldBeFalse();

        var one = await GetAsync<IdentityRoleDto>(admin, $"{RolesUrl}/{role.Id}");
        one.Name.ShouldBe("Yard crew");
        one.UserCount.ShouldBeNull();
        var all = await GetAsync<List<IdentityRoleDto>>(admin, $"{RolesUrl}/all");
        all.Select(r => r.Name).ShouldBe([StaticRoleNames.Admin, StaticRoleNames.Driver, StaticRoleNames.Manager, StaticRoleNames.Technician, StaticRoleNames.Viewer, "Yard crew"]);
        var list = await GetAsync<JsonElement>(admin, $"{RolesUrl}?filter=ADMIN");
        list.GetProperty("items")[0].GetProperty("name").GetString().ShouldBe(StaticRoleNames.Admin);
        list.GetProperty("items")[0].GetProperty("userCount").GetInt32().ShouldBe(1);

        using var updated = await admin.PutAsync($"{RolesUrl}/{role.Id}", new { name = "Yard team", isDefault = false, concurrencyStamp = role.ConcurrencyStamp });
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ApiClient.ReadAsync<IdentityRoleDto>(updated)).Name.ShouldBe("Yard team");

        using var deleted = await admin.DeleteAsync($"{RolesUrl}/{role.Id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var gone = await admin.GetAsync($"{RolesUrl}/{role.Id}");
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await RoleNamesAsync(tenantId)).ShouldNotContain("Yard team");
    }

    [Theory]
    [InlineData("VIEWER", "already named 'viewer'")]
    [InlineData("bad/name", "may contain only")]
    [InlineData("", "required")]
    public async Task Post_InvalidName_FieldErrorAndNothingSaved(string name, string message)
    {
        var (tenantId, _, admin) = await CreateTenantAsync();
        var before = await RoleNamesAsync(tenantId);

        using var response = await admin.PostAsync(RolesUrl, new { name });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ReadJsonAsync(response);
        problem.GetProperty("errors").GetProperty("name")[0].GetString()!.ShouldContain(message, Case.Insensitive);
        (await RoleNamesAsync(tenantId)).ShouldBe(before);
    }

    [Fact]
    public async Task Put_StaticRole_OnlyDefaultFlagChanges()
    {
        var (tenantId, _, admin) = await CreateTenantAsync();
        var viewer = await RoleAsync(tenantId, StaticRoleNames.Viewer);

        using var rename = await admin.PutAsync($"{RolesUrl}/{viewer.Id}", new { name = "watchers", isDefault = true, concurrencyStamp = viewer.ConcurrencyStamp });

        rename.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ReadJsonAsync(rename);
        problem.GetProperty("code").GetString().ShouldBe(ErrorCodes.StaticRoleChange);
        problem.GetProperty("errors").GetProperty("name")[0].GetString()!.ShouldContain("cannot be renamed");
        (await RoleAsync(tenantId, StaticRoleNames.Viewer)).IsDefault.ShouldBeFalse();

        using var flag = await admin.PutAsync($"{RolesUrl}/{viewer.Id}", new { name = StaticRoleNames.Viewer, isDefault = true, concurrencyStamp = viewer.ConcurrencyStamp });

        flag.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RoleAsync(tenantId, StaticRoleNames.Viewer)).IsDefault.ShouldBeTrue();
    }

    [Fact]
    public async Task Delete_StaticRole_Rejected()
    {
        var (tenantId, _, admin) = await CreateTenantAsync();
        var manager = await RoleAsync(tenantId, StaticRoleNames.Manager);
        var grantsBefore = await GrantsAsync(tenantId, StaticRoleNames.Manager);

        using var response = await admin.DeleteAsync($"{RolesUrl}/{manager.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(response)).GetProperty("code").GetString().ShouldBe(ErrorCodes.StaticRoleChange);
        (await RoleNamesAsync(tenantId)).ShouldContain(StaticRoleNames.Manager);
        (await GrantsAsync(tenantId, StaticRoleNames.Manager)).ShouldBe(grantsBefore);
    }

    [Fact]
    public async Task Rename_MemberKeepsPermissionOnNextRequest()
    {
        var (tenantId, tenantName, admin) = await CreateTenantAsync();
        var role = await CreateRoleAsync(admin, "readers");
        (await GrantAsync(admin, "readers", AutoTrackerPermissions.Vehicles.Default)).ShouldBe(HttpStatusCode.NoContent);
        var memberName = $"m{Guid.NewGuid():N}"[..12];
        await factory.CreateUserAsync(tenantId, memberName, ["readers"], Password);
        var member = await ApiClient.SignInAsync(factory, tenantName, memberName, Password);
        (await StatusAsync(member, "/api/app/vehicles")).ShouldBe(HttpStatusCode.OK);

        using var renamed = await admin.PutAsync($"{RolesUrl}/{role.Id}", new { name = "Fleet readers", isDefault = false, concurrencyStamp = role.ConcurrencyStamp });
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await StatusAsync(member, "/api/app/vehicles")).ShouldBe(HttpStatusCode.OK);
        (await GrantsAsync(tenantId, "Fleet readers")).ShouldBe([AutoTrackerPermissions.Vehicles.Default]);
        (await GrantsAsync(tenantId, "readers")).ShouldBeEmpty();

        using var deleted = await admin.DeleteAsync($"{RolesUrl}/{role.Id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await StatusAsync(member, "/api/app/vehicles")).ShouldBe(HttpStatusCode.Forbidden);
        (await GrantsAsync(tenantId, "Fleet readers")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Delete_OwnLastManagementRole_Rejected()
    {
        var (tenantId, tenantName, admin) = await CreateTenantAsync();
        var role = await CreateRoleAsync(admin, "security");
        (await GrantAsync(admin, "security",
            IdentityPermissions.Roles.Default,
            IdentityPermissions.Roles.Delete,
            IdentityPermissions.Roles.ManagePermissions)).ShouldBe(HttpStatusCode.NoContent);
        var userName = $"s{Guid.NewGuid():N}"[..12];
        await factory.CreateUserAsync(tenantId, userName, ["security"], Password);
        var securityUser = await ApiClient.SignInAsync(factory, tenantName, userName, Password);

        using var response = await securityUser.DeleteAsync($"{RolesUrl}/{role.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(response)).GetProperty("code").GetString().ShouldBe(ErrorCodes.LastPermissionManager);
        (await RoleNamesAsync(tenantId)).ShouldContain("security");
        (await GrantsAsync(tenantId, "security")).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Put_StaleStamp_Returns409()
    {
        var (tenantId, _, admin) = await CreateTenantAsync();
        var role = await CreateRoleAsync(admin, "night shift");
        using var first = await admin.PutAsync($"{RolesUrl}/{role.Id}", new { name = "night shift", isDefault = true, concurrencyStamp = role.ConcurrencyStamp });
        first.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var second = await admin.PutAsync($"{RolesUrl}/{role.Id}", new { name = "day shift", isDefault = false, concurrencyStamp = role.ConcurrencyStamp });

        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await RoleNamesAsync(tenantId)).ShouldContain("night shift");
        (await RoleAsync(tenantId, "night shift")).IsDefault.ShouldBeTrue();
    }

    [Fact]
    public async Task OtherTenantsRole_Returns404AndStaysUnchanged()
    {
        var (otherId, _, other) = await CreateTenantAsync();
        var foreign = await CreateRoleAsync(other, "foreign");
        var (_, _, admin) = await CreateTenantAsync();

        using var get = await admin.GetAsync($"{RolesUrl}/{foreign.Id}");
        using var put = await admin.PutAsync($"{RolesUrl}/{foreign.Id}", new { name = "taken over", isDefault = true, concurrencyStamp = foreign.ConcurrencyStamp });
        using var delete = await admin.DeleteAsync($"{RolesUrl}/{foreign.Id}");

        get.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        put.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var stored = await RoleAsync(otherId, "foreign");
        stored.ConcurrencyStamp.ShouldBe(foreign.ConcurrencyStamp);
    }

    [Fact]
    public async Task Bodies_ProtectedFields_AreIgnored()
    {
        var (otherId, _, _) = await CreateTenantAsync();
        var (tenantId, _, admin) = await CreateTenantAsync();
        var chosenId = Guid.NewGuid();

        using var created = await admin.PostAsync(RolesUrl, new { name = "assigned", tenantId = otherId, id = chosenId, isStatic = true, userCount = 99 });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var role = await ApiClient.ReadAsync<IdentityRoleDto>(created);
        using var updated = await admin.PutAsync(
            $"{RolesUrl}/{role.Id}",
            new { name = "assigned", isDefault = false, concurrencyStamp = role.ConcurrencyStamp, tenantId = otherId, id = chosenId, isStatic = true });
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);

        role.Id.ShouldNotBe(chosenId);
        var stored = await RoleAsync(tenantId, "assigned");
        stored.Id.ShouldBe(role.Id);
        stored.TenantId.ShouldBe(tenantId);
        stored.IsStatic.ShouldBeFalse();
        (await RoleNamesAsync(otherId)).ShouldNotContain("assigned");
    }

    [Theory]
    [InlineData("take=500", "take")]
    [InlineData("sorting=id", "sorting")]
    public async Task GetList_InvalidQuery_FieldError(string query, string field)
    {
        var (_, _, admin) = await CreateTenantAsync();

        using var response = await admin.GetAsync($"{RolesUrl}?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await ApiClient.ReadJsonAsync(response)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldContain(name => string.Equals(name, field, StringComparison.OrdinalIgnoreCase), errors.ToString());
    }

    [Fact]
    public async Task Manager_CannotCreateRoles()
    {
        var (tenantId, tenantName, _) = await CreateTenantAsync();
        var userName = $"mg{Guid.NewGuid():N}"[..12];
        await factory.CreateUserAsync(tenantId, userName, [StaticRoleNames.Manager], Password);
        var manager = await ApiClient.SignInAsync(factory, tenantName, userName, Password);
        var before = await RoleNamesAsync(tenantId);

        using var response = await manager.PostAsync(RolesUrl, new { name = "sneaky" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await RoleNamesAsync(tenantId)).ShouldBe(before);
    }

    private async Task<(Guid TenantId, string TenantName, ApiClient Admin)> CreateTenantAsync()
    {
        var name = $"roles{Guid.NewGuid():N}"[..16];
        var tenantId = await factory.CreateTenantWithAdminAsync(name);
        return (tenantId, name, await ApiClient.SignInAsync(factory, name));
    }

    private static async Task<IdentityRoleDto> CreateRoleAsync(ApiClient admin, string name)
    {
        using var response = await admin.PostAsync(RolesUrl, new { name });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await ApiClient.ReadAsync<IdentityRoleDto>(response);
    }

    private static async Task<HttpStatusCode> GrantAsync(ApiClient admin, string roleName, params string[] names)
    {
        using var response = await admin.PutAsync(
            $"/api/permission-management/permissions?providerName=R&providerKey={Uri.EscapeDataString(roleName)}",
            new { permissions = names.Select(name => new { name, isGranted = true }).ToArray() });
        return response.StatusCode;
    }

    private static async Task<T> GetAsync<T>(ApiClient client, string url)
    {
        using var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ApiClient.ReadAsync<T>(response);
    }

    private static async Task<HttpStatusCode> StatusAsync(ApiClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return response.StatusCode;
    }

    private Task<List<AppRole>> RolesAsync(Guid tenantId) =>
        factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Roles.AsNoTracking().ToListAsync());

    private async Task<AppRole> RoleAsync(Guid tenantId, string name) => (await RolesAsync(tenantId)).Single(r => r.Name == name);

    private async Task<List<string>> RoleNamesAsync(Guid tenantId) => (await RolesAsync(tenantId)).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList();

    private Task<List<string>> GrantsAsync(Guid tenantId, string roleName) =>
        factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().PermissionGrants
            .Where(g => g.ProviderName == PermissionProviderNames.Role && g.ProviderKey == roleName)
            .OrderBy(g => g.Name)
            .Select(g => g.Name)
            .ToListAsync());
}
