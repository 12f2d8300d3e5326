using System.Net;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Identity;
using AutoTracker.PermissionManagement;
using AutoTracker.Permissions;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Identity;

/// <summary>The role pages and the permission pages of roles and users, used through their forms.</summary>
public sealed class RolePageTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string Password = "role-pages-passphrase-8";

    [Fact]
    public async Task Index_ShowsActionsByPermission()
    {
        var (tenantId, tenantName, admin) = await CreateTenantAsync();
        await factory.CreateUserAsync(tenantId, "mgr", [StaticRoleNames.Manager], Password);
        var manager = await factory.SignInAsync(tenantName, "mgr", Password);

        var html = await admin.GetStringAsync("/Identity/Roles");

        html.ShouldContain("data-testid=\"nav-roles\"");
        html.ShouldContain("data-testid=\"add-role\"");
        html.ShouldContain("data-testid=\"role-row\" data-role-name=\"viewer\"");
        html.ShouldContain("data-testid=\"role-permissions\"");
        html.ShouldNotContain("data-testid=\"delete-role\"", Case.Sensitive, "static roles offer no delete");
        (await manager.GetStringAsync("/Vehicles")).ShouldNotContain("data-testid=\"nav-roles\"");
        using var denied = await manager.GetAsync("/Identity/Roles");
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Create_DuplicateName_ShowsFieldError()
    {
        var (tenantId, _, admin) = await CreateTenantAsync();
        var before = await RoleCountAsync(tenantId);

        using var response = await PostFormAsync(admin, "/Identity/Roles/Create", ("Input.Name", "Manager"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"role-name-error\"");
        html.ShouldContain("already named");
        (await RoleCountAsync(tenantId)).ShouldBe(before);
    }

    [Fact]
    public async Task CreateEditDelete_ThroughForms()
    {
        var (tenantId, _, admin) = await CreateTenantAsync();

        using var created = await PostFormAsync(admin, "/Identity/Roles/Create", ("Input.Name", "drivers north"), ("Input.IsDefault", "true"));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var role = await RoleAsync(tenantId, "drivers north");
        role.IsDefault.ShouldBeTrue();

        using var edited = await PostFormAsync(admin, $"/Identity/Roles/Edit/{role.Id}",
            ("Input.Name", "Drivers North"), ("Input.IsDefault", "false"), ("Input.ConcurrencyStamp", role.ConcurrencyStamp!));
        edited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var renamed = await RoleAsync(tenantId, "Drivers North");
        renamed.IsDefault.ShouldBeFalse();

        using var stale = await PostFormAsync(admin, $"/Identity/Roles/Edit/{role.Id}",
            ("Input.Name", "Drivers South"), ("Input.IsDefault", "false"), ("Input.ConcurrencyStamp", role.ConcurrencyStamp!));
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("Someone else changed this role");
        (await RoleAsync(tenantId, "Drivers North")).ConcurrencyStamp.ShouldBe(renamed.ConcurrencyStamp);

        using var deleted = await PostFormAsync(admin, $"/Identity/Roles/Delete/{role.Id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RolesAsync(tenantId)).ShouldNotContain(r => r.Id == role.Id);
    }

    [Fact]
    public async Task Delete_StaticRole_ShowsErrorAndKeepsRole()
    {
        var (tenantId, _, admin) = await CreateTenantAsync();
        var driver = await RoleAsync(tenantId, StaticRoleNames.Driver);

        using var response = await PostFormAsync(admin, $"/Identity/Roles/Delete/{driver.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("cannot be deleted");
        (await RolesAsync(tenantId)).ShouldContain(r => r.Id == driver.Id);
    }

    [Fact]
    public async Task RolePermissions_CheckedChild_GrantsItsParents()
    {
        var (tenantId, _, admin) = await CreateTenantAsync();
        var role = await CreateRoleAsync(tenantId, "fuelers");
        var page = await admin.GetStringAsync($"/Identity/Roles/Permissions/{role.Id}");
        page.ShouldContain("data-testid=\"save-permissions\"");
        page.ShouldContain("src=\"/js/permission-tree.js");

        using var response = await PostTreeAsync(admin, $"/Identity/Roles/Permissions/{role.Id}", AutoTrackerPermissions.FuelEntries.Create);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, "fuelers")).ShouldBe(
            [AutoTrackerPermissions.Vehicles.Default, AutoTrackerPermissions.FuelEntries.Default, AutoTrackerPermissions.FuelEntries.Create],
            ignoreOrder: true);
    }

    [Fact]
    public async Task RolePermissions_UncheckedParent_RevokesItsChildren()
    {
        var (tenantId, _, admin) = await CreateTenantAsync();
        var role = await CreateRoleAsync(tenantId, "fuelers");
        using (var first = await PostTreeAsync(admin, $"/Identity/Roles/Permissions/{role.Id}", AutoTrackerPermissions.FuelEntries.Create, AutoTrackerPermissions.MeterReadings.Default))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        // The parent is unchecked while its children stay checked, as a post without the page script sends it.
        using var response = await PostTreeAsync(
            admin,
            $"/Identity/Roles/Permissions/{role.Id}",
            AutoTrackerPermissions.Vehicles.Default,
            AutoTrackerPermissions.FuelEntries.Create,
            AutoTrackerPermissions.MeterReadings.Default);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, "fuelers")).ShouldBe(
            [AutoTrackerPermissions.Vehicles.Default, AutoTrackerPermissions.MeterReadings.Default],
            ignoreOrder: true);
    }

    [Fact]
    public async Task RolePermissions_Save_IsLoggedWithActingUser()
    {
        var (tenantId, _, admin) = await CreateTenantAsync();
        var role = await CreateRoleAsync(tenantId, "loggers");
        var adminId = await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync());

        using var response = await PostTreeAsync(admin, $"/Identity/Roles/Permissions/{role.Id}", AutoTrackerPermissions.Vehicles.Default);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var events = factory.Logs.Events.Where(e => e.Properties.TryGetValue("TargetId", out var target) && target.ToString() == role.Id.ToString()).ToList();
        events.Count.ShouldBe(1);
        events[0].Properties["ActingUserId"].ToString().ShouldBe(adminId.ToString());
        events[0].Properties["PermissionName"].ToString().Trim('"').ShouldBe(AutoTrackerPermissions.Vehicles.Default);
    }

    [Fact]
    public async Task AdminRolePermissions_AreReadOnly()
    {
        var (tenantId, _, admin) = await CreateTenantAsync();
        var adminRole = await RoleAsync(tenantId, StaticRoleNames.Admin);
        var before = await GrantsAsync(tenantId, PermissionProviderNames.Role, StaticRoleNames.Admin);

        var page = await admin.GetStringAsync($"/Identity/Roles/Permissions/{adminRole.Id}");
        using var response = await PostTreeAsync(admin, $"/Identity/Roles/Permissions/{adminRole.Id}", AutoTrackerPermissions.Vehicles.Default);

        page.ShouldContain("data-testid=\"permissions-read-only\"");
        page.ShouldNotContain("data-testid=\"save-permissions\"");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("cannot be changed");
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, StaticRoleNames.Admin)).ShouldBe(before, ignoreOrder: true);
    }

    [Fact]
    public async Task UserPermissions_ShowInheritedAndSaveOwnGrants()
    {
        var (tenantId, _, admin) = await CreateTenantAsync();
        var userId = await factory.CreateUserAsync(tenantId, "driver1", [StaticRoleNames.Driver], Password);
        var url = $"/Identity/Users/Permissions/{userId}";

        var page = await admin.GetStringAsync(url);
        page.ShouldContain("data-testid=\"permission-inherited\"");
        page.ShouldContain("driver");

        // The vehicle permission comes from the driver role, so checking a child adds no own grant of its parent.
        using var response = await PostTreeAsync(admin, url, AutoTrackerPermissions.Vehicles.Create);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await GrantsAsync(tenantId, PermissionProviderNames.User, PermissionGrant.UserKey(userId))).ShouldBe([AutoTrackerPermissions.Vehicles.Create]);
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, StaticRoleNames.Driver)).ShouldNotContain(AutoTrackerPermissions.Vehicles.Create);
    }

    [Fact]
    public async Task PermissionPages_OtherTenantsIds_Return404()
    {
        var (otherId, _, _) = await CreateTenantAsync();
        var foreignRole = await CreateRoleAsync(otherId, "foreign");
        var foreignUser = await factory.CreateUserAsync(otherId, "foreigner", [], Password);
        var (_, _, admin) = await CreateTenantAsync();

        foreach (var url in new[] { $"/Identity/Roles/Permissions/{foreignRole.Id}", $"/Identity/Users/Permissions/{foreignUser}", $"/Identity/Roles/Edit/{foreignRole.Id}" })
        {
            using var response = await admin.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }
    }

    private async Task<(Guid TenantId, string TenantName, HttpClient Admin)> CreateTenantAsync()
    {
        var name = $"rpage{Guid.NewGuid():N}"[..16];
        var tenantId = await factory.CreateTenantWithAdminAsync(name);
        return (tenantId, name, await factory.SignInAsync(name, "admin", AutoTrackerWebFactory.AdminPassword));
    }

    /// <summary>Posts the permission form with every permission of the tenant side shown and <paramref name="granted"/> checked.</summary>
    private static Task<HttpResponseMessage> PostTreeAsync(HttpClient client, string url, params string[] granted)
    {
        var definitions = new Authorization.PermissionDefinitionManager([new AutoTrackerPermissionDefinitionProvider()]);
        var fields = definitions.AllOn(MultiTenancy.MultiTenancySides.Tenant).Select(p => ("Shown", p.Name))
            .Concat(granted.Select(name => ("Granted", name)))
            .ToArray();
        return PostFormAsync(client, url, fields);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(client, url);
        var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        return await client.PostAsync(url, content);
    }

    private Task<AppRole> CreateRoleAsync(Guid tenantId, string name) =>
        factory.InScopeAsync(tenantId, async sp =>
        {
            var role = new AppRole(Guid.NewGuid(), tenantId, name);
            (await sp.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<AppRole>>().CreateAsync(role)).Succeeded.ShouldBeTrue();
            return role;
        });

    private Task<List<AppRole>> RolesAsync(Guid tenantId) =>
        factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Roles.AsNoTracking().ToListAsync());

    private async Task<AppRole> RoleAsync(Guid tenantId, string name) => (await RolesAsync(tenantId)).Single(r => r.Name == name);

    private async Task<int> RoleCountAsync(Guid tenantId) => (await RolesAsync(tenantId)).Count;

    private Task<List<string>> GrantsAsync(Guid tenantId, string providerName, string providerKey) =>
        factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().PermissionGrants
            .Where(g => g.ProviderName == providerName && g.ProviderKey == providerKey)
            .Select(g => g.Name)
            .ToListAsync());
}
