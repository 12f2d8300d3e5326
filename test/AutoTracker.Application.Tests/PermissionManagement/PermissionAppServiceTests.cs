using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Identity;
using AutoTracker.Permissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.PermissionManagement;

/// <summary>The permission dialog's service: the tree it shows, and the rules of a change, on a real database.</summary>
public sealed class PermissionAppServiceTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    [Fact]
    public async Task GetAsync_Role_ShowsTenantTreeWithGrants()
    {
        var tenantId = await host.CreateTenantAsync();

        var result = await host.AsAdminAsync(tenantId, sp => Service(sp).GetAsync(PermissionProviderNames.Role, StaticRoleNames.Viewer, CancellationToken.None));

        result.EntityDisplayName.ShouldBe(StaticRoleNames.Viewer);
        result.Groups.Select(g => g.Name).ShouldNotContain(TenantManagementPermissions.GroupName);
        var vehicles = result.Groups.Single(g => g.Name == AutoTrackerPermissions.GroupName);
        vehicles.DisplayName.ShouldBe("Vehicles and records");
        var view = vehicles.Permissions.Single(p => p.Name == AutoTrackerPermissions.Vehicles.Default);
        view.IsGranted.ShouldBeTrue();
        view.DisplayName.ShouldBe("View vehicles");
        view.GrantedProviders.Single().ProviderKey.ShouldBe(StaticRoleNames.Viewer);
        var create = vehicles.Permissions.Single(p => p.Name == AutoTrackerPermissions.Vehicles.Create);
        create.IsGranted.ShouldBeFalse();
        create.ParentName.ShouldBe(AutoTrackerPermissions.Vehicles.Default);
    }

    [Fact]
    public async Task GetAsync_User_NamesRolesThatGrant()
    {
        var tenantId = await host.CreateTenantAsync();
        var userId = await host.CreateUserAsync(tenantId, StaticRoleNames.Driver);
        await host.GrantRawAsync(tenantId, PermissionProviderNames.User, PermissionGrant.UserKey(userId), AutoTrackerPermissions.Vehicles.Default);

        var result = await host.AsAdminAsync(tenantId, sp => Service(sp).GetAsync(PermissionProviderNames.User, userId.ToString(), CancellationToken.None));

        var permissions = result.Groups.SelectMany(g => g.Permissions).ToDictionary(p => p.Name);
        permissions[AutoTrackerPermissions.Vehicles.Default].GrantedProviders.Select(p => $"{p.ProviderName}:{p.ProviderKey}")
            .ShouldBe([$"U:{PermissionGrant.UserKey(userId)}", $"R:{StaticRoleNames.Driver}"]);
        permissions[AutoTrackerPermissions.FuelEntries.Create].IsGranted.ShouldBeTrue();
        permissions[AutoTrackerPermissions.FuelEntries.Delete].IsGranted.ShouldBeFalse();
    }

    [Fact]
    public async Task UpdateAsync_ChildWithoutParent_IsRejectedAndNothingSaved()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "auditor");

        var exception = await Should.ThrowAsync<InputValidationException>(() => UpdateAsync(
            tenantId, PermissionProviderNames.Role, "auditor", (AutoTrackerPermissions.ServiceRecords.Create, true), (AutoTrackerPermissions.Vehicles.Default, true)));

        exception.Errors.Keys.ShouldBe(["Permissions[0].Name"]);
        exception.Errors["Permissions[0].Name"].Single().ShouldContain(AutoTrackerPermissions.ServiceRecords.Default);
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, "auditor")).ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateAsync_ChildWithParentsInSameRequest_Saves()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "auditor");

        await UpdateAsync(
            tenantId,
            PermissionProviderNames.Role,
            "auditor",
            (AutoTrackerPermissions.ServiceRecords.Create, true),
            (AutoTrackerPermissions.ServiceRecords.Default, true),
            (AutoTrackerPermissions.Vehicles.Default, true));

        (await GrantsAsync(tenantId, PermissionProviderNames.Role, "auditor")).ShouldBe(
            [AutoTrackerPermissions.Vehicles.Default, AutoTrackerPermissions.ServiceRecords.Default, AutoTrackerPermissions.ServiceRecords.Create],
            ignoreOrder: true);
    }

    [Fact]
    public async Task UpdateAsync_RevokedParent_RevokesChildren()
    {
        var tenantId = await host.CreateTenantAsync();

        await UpdateAsync(tenantId, PermissionProviderNames.Role, StaticRoleNames.Driver, (AutoTrackerPermissions.FuelEntries.Default, false));

        var grants = await GrantsAsync(tenantId, PermissionProviderNames.Role, StaticRoleNames.Driver);
        grants.ShouldNotContain(AutoTrackerPermissions.FuelEntries.Default);
        grants.ShouldNotContain(AutoTrackerPermissions.FuelEntries.Create);
        grants.ShouldContain(AutoTrackerPermissions.MeterReadings.Create);
    }

    [Fact]
    public async Task UpdateAsync_UserChildWithParentFromRole_Saves()
    {
        var tenantId = await host.CreateTenantAsync();
        var userId = await host.CreateUserAsync(tenantId, StaticRoleNames.Viewer);

        await UpdateAsync(tenantId, PermissionProviderNames.User, userId.ToString(), (AutoTrackerPermissions.Vehicles.Create, true));

        (await GrantsAsync(tenantId, PermissionProviderNames.User, PermissionGrant.UserKey(userId))).ShouldBe([AutoTrackerPermissions.Vehicles.Create]);
        (await host.IsGrantedAsync(tenantId, userId, [StaticRoleNames.Viewer], AutoTrackerPermissions.Vehicles.Create)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("AutoTracker.Vehicles.Crate", "is not defined")]
    [InlineData(TenantManagementPermissions.Tenants.Create, "host side only")]
    public async Task UpdateAsync_NameNotGrantableInTenant_IsFieldError(string name, string message)
    {
        var tenantId = await host.CreateTenantAsync();

        var exception = await Should.ThrowAsync<InputValidationException>(() => UpdateAsync(
            tenantId, PermissionProviderNames.Role, StaticRoleNames.Manager, (AutoTrackerPermissions.Vehicles.Default, true), (name, true)));

        exception.Errors["Permissions[1].Name"].Single().ShouldContain(message);
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, StaticRoleNames.Manager)).ShouldNotContain(name);
    }

    [Fact]
    public async Task UpdateAsync_TenantPermissionOnHost_IsFieldError()
    {
        await host.InTenantAsync(null, sp => sp.GetRequiredService<StaticRoleSeeder>().SeedCurrentAsync(CancellationToken.None));

        var exception = await Should.ThrowAsync<InputValidationException>(() => UpdateAsync(
            null, PermissionProviderNames.Role, StaticRoleNames.Admin, (AutoTrackerPermissions.Vehicles.Default, true)));

        exception.Errors["Permissions[0].Name"].Single().ShouldContain("inside tenants only");
    }

    [Fact]
    public async Task UpdateAsync_AdminRole_IsRejected()
    {
        var tenantId = await host.CreateTenantAsync();

        var exception = await Should.ThrowAsync<BusinessException>(() => UpdateAsync(
            tenantId, PermissionProviderNames.Role, StaticRoleNames.Admin, (AutoTrackerPermissions.Vehicles.Delete, false)));

        exception.Code.ShouldBe(ErrorCodes.AdminRoleGrantsFixed);
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, StaticRoleNames.Admin)).ShouldContain(AutoTrackerPermissions.Vehicles.Delete);
    }

    [Fact]
    public async Task UpdateAsync_RoleOfOtherTenant_IsNotFound()
    {
        var tenantId = await host.CreateTenantAsync();
        var otherTenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(otherTenantId, "foreign");

        await Should.ThrowAsync<EntityNotFoundException>(() => UpdateAsync(tenantId, PermissionProviderNames.Role, "foreign", (AutoTrackerPermissions.Vehicles.Default, true)));
        var otherUser = await host.CreateUserAsync(otherTenantId);
        await Should.ThrowAsync<EntityNotFoundException>(() => UpdateAsync(tenantId, PermissionProviderNames.User, otherUser.ToString(), (AutoTrackerPermissions.Vehicles.Default, true)));
        (await GrantsAsync(otherTenantId, PermissionProviderNames.Role, "foreign")).ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateAsync_WithoutManagePermission_IsDenied()
    {
        var tenantId = await host.CreateTenantAsync();

        var exception = await Should.ThrowAsync<AuthorizationException>(() => host.AsUserAsync(tenantId, Guid.NewGuid(), [StaticRoleNames.Manager], sp =>
            Service(sp).UpdateAsync(PermissionProviderNames.Role, StaticRoleNames.Viewer, Input((AutoTrackerPermissions.Vehicles.Create, true)), CancellationToken.None)));

        exception.PermissionName.ShouldBe(IdentityPermissions.Roles.ManagePermissions);
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, StaticRoleNames.Viewer)).ShouldNotContain(AutoTrackerPermissions.Vehicles.Create);
    }

    [Fact]
    public async Task UpdateAsync_LastManagerRevokesOwnRight_IsRejected()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "keeper");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "keeper", IdentityPermissions.Roles.Default, IdentityPermissions.Roles.ManagePermissions);
        var keeperId = await host.CreateUserAsync(tenantId, "keeper");

        var exception = await Should.ThrowAsync<BusinessException>(() => host.AsUserAsync(tenantId, keeperId, ["keeper"], sp =>
            Service(sp).UpdateAsync(PermissionProviderNames.Role, "keeper", Input((IdentityPermissions.Roles.Default, false)), CancellationToken.None)));

        exception.Code.ShouldBe(ErrorCodes.LastPermissionManager);
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, "keeper")).ShouldContain(IdentityPermissions.Roles.ManagePermissions);

        // Once another active user can manage permissions, the keeper may give the right up.
        await host.CreateUserAsync(tenantId, StaticRoleNames.Admin);
        await host.AsUserAsync(tenantId, keeperId, ["keeper"], sp =>
            Service(sp).UpdateAsync(PermissionProviderNames.Role, "keeper", Input((IdentityPermissions.Roles.Default, false)), CancellationToken.None));
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, "keeper")).ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateAsync_RevokeLastUserEditor_IsRejected()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "people");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "people", IdentityPermissions.Users.Default, IdentityPermissions.Users.Edit);
        await host.CreateUserAsync(tenantId, "people");

        // The acting admin exists only as a principal, so the role's member is the tenant's only user editor.
        var exception = await Should.ThrowAsync<BusinessException>(() =>
            UpdateAsync(tenantId, PermissionProviderNames.Role, "people", (IdentityPermissions.Users.Edit, false)));

        exception.Code.ShouldBe(ErrorCodes.LastUserManager);
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, "people")).ShouldContain(IdentityPermissions.Users.Edit);

        await host.CreateUserAsync(tenantId, StaticRoleNames.Admin);
        await UpdateAsync(tenantId, PermissionProviderNames.Role, "people", (IdentityPermissions.Users.Edit, false));
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, "people")).ShouldBe([IdentityPermissions.Users.Default]);
    }

    [Fact]
    public async Task UpdateAsync_StrongerUsersGrants_IsRejected()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "people");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "people", IdentityPermissions.Users.Default, IdentityPermissions.Users.ManagePermissions);
        var managerId = await host.CreateUserAsync(tenantId, "people");
        var adminId = await host.CreateUserAsync(tenantId, StaticRoleNames.Admin);
        var adminKey = PermissionGrant.UserKey(adminId);
        await host.GrantRawAsync(tenantId, PermissionProviderNames.User, adminKey, IdentityPermissions.Users.Default);

        var exception = await Should.ThrowAsync<BusinessException>(() => host.AsUserAsync(tenantId, managerId, ["people"], sp =>
            Service(sp).UpdateAsync(PermissionProviderNames.User, adminKey, Input((IdentityPermissions.Users.Default, false)), CancellationToken.None)));

        exception.Code.ShouldBe(ErrorCodes.UserHasMorePermissions);
        (await GrantsAsync(tenantId, PermissionProviderNames.User, adminKey)).ShouldBe([IdentityPermissions.Users.Default]);
    }

    [Fact]
    public async Task UpdateAsync_GrantBeyondOwnPermissions_IsRejected()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "user-admins");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "user-admins", IdentityPermissions.Users.Default, IdentityPermissions.Users.ManagePermissions);
        await host.CreateRoleAsync(tenantId, "role-admins");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "role-admins", IdentityPermissions.Roles.Default, IdentityPermissions.Roles.ManagePermissions);
        var userAdmin = await host.CreateUserAsync(tenantId, "user-admins");
        var roleAdmin = await host.CreateUserAsync(tenantId, "role-admins");

        var toSelf = await Should.ThrowAsync<InputValidationException>(() => host.AsUserAsync(tenantId, userAdmin, ["user-admins"], sp =>
            Service(sp).UpdateAsync(
                PermissionProviderNames.User,
                userAdmin.ToString(),
                Input((IdentityPermissions.Roles.Default, true), (IdentityPermissions.Roles.ManagePermissions, true)),
                CancellationToken.None)));
        var toOwnRole = await Should.ThrowAsync<InputValidationException>(() => host.AsUserAsync(tenantId, roleAdmin, ["role-admins"], sp =>
            Service(sp).UpdateAsync(
                PermissionProviderNames.Role,
                "role-admins",
                Input((SettingManagementPermissions.TenantSettings, true)),
                CancellationToken.None)));

        toSelf.Errors.Keys.ShouldBe(["Permissions[0].Name", "Permissions[1].Name"], ignoreOrder: true);
        toOwnRole.Errors.Keys.ShouldBe(["Permissions[0].Name"]);
        (await GrantsAsync(tenantId, PermissionProviderNames.User, PermissionGrant.UserKey(userAdmin))).ShouldBeEmpty();
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, "role-admins")).ShouldNotContain(SettingManagementPermissions.TenantSettings);

        // A permission the acting user holds may still be granted, and one the provider has already may be listed again.
        await host.AsUserAsync(tenantId, roleAdmin, ["role-admins"], sp =>
            Service(sp).UpdateAsync(PermissionProviderNames.Role, StaticRoleNames.Viewer, Input((IdentityPermissions.Roles.Default, true)), CancellationToken.None));
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, StaticRoleNames.Viewer)).ShouldContain(IdentityPermissions.Roles.Default);
        await host.AsUserAsync(tenantId, roleAdmin, ["role-admins"], sp =>
            Service(sp).UpdateAsync(PermissionProviderNames.Role, StaticRoleNames.Viewer, Input((AutoTrackerPermissions.Vehicles.ViewAllUnits, true)), CancellationToken.None));
    }

    [Fact]
    public async Task UpdateAsync_ParallelLastRevokes_OneKept()
    {
        // One round may happen to run the two requests one after the other, so several rounds give the race a chance.
        for (var round = 0; round < 5; round++)
        {
            var tenantId = await host.CreateTenantAsync();
            var keepers = new List<(string Role, Guid User)>();
            foreach (var role in new[] { "keeper-a", "keeper-b" })
            {
                await host.CreateRoleAsync(tenantId, role);
                await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, role, IdentityPermissions.Roles.Default, IdentityPermissions.Roles.ManagePermissions);
                keepers.Add((role, await host.CreateUserAsync(tenantId, role)));
            }

            using var start = new ManualResetEventSlim();
            var attempts = keepers.Select(k => Task.Run(async () =>
            {
                start.Wait();
                try
                {
                    await host.AsUserAsync(tenantId, k.User, [k.Role], sp =>
                        Service(sp).UpdateAsync(PermissionProviderNames.Role, k.Role, Input((IdentityPermissions.Roles.Default, false)), CancellationToken.None));
                    return null;
                }
                catch (Exception ex)
                {
                    return ex;
                }
            })).ToList();
            start.Set();
            var failures = (await Task.WhenAll(attempts)).OfType<Exception>().ToList();

            var remaining = 0;
            foreach (var (role, _) in keepers)
            {
                remaining += (await GrantsAsync(tenantId, PermissionProviderNames.Role, role)).Contains(IdentityPermissions.Roles.ManagePermissions) ? 1 : 0;
            }

            remaining.ShouldBe(1, $"round {round}: exactly one of the two may give the right up");
            failures.Count.ShouldBe(1);
        }
    }

    [Fact]
    public async Task UpdateAsync_OtherManagerLocked_RevokeRejected()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "keeper");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "keeper", IdentityPermissions.Roles.Default, IdentityPermissions.Roles.ManagePermissions);
        var keeperId = await host.CreateUserAsync(tenantId, "keeper");
        var adminId = await host.CreateUserAsync(tenantId, StaticRoleNames.Admin);
        await host.InTenantAsync(tenantId, async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var admin = await users.FindByIdAsync(adminId.ToString());
            (await users.SetLockoutEndDateAsync(admin!, DateTimeOffset.MaxValue)).Succeeded.ShouldBeTrue();
        });

        // A locked admin cannot sign in, so the keeper is the last user who can manage permissions.
        var exception = await Should.ThrowAsync<BusinessException>(() => host.AsUserAsync(tenantId, keeperId, ["keeper"], sp =>
            Service(sp).UpdateAsync(PermissionProviderNames.Role, "keeper", Input((IdentityPermissions.Roles.Default, false)), CancellationToken.None)));

        exception.Code.ShouldBe(ErrorCodes.LastPermissionManager);
        (await GrantsAsync(tenantId, PermissionProviderNames.Role, "keeper")).ShouldContain(IdentityPermissions.Roles.ManagePermissions);
    }

    [Fact]
    public async Task UpdateAsync_Change_ReachesNextCheck()
    {
        var tenantId = await host.CreateTenantAsync();
        var viewerId = await host.CreateUserAsync(tenantId, StaticRoleNames.Viewer);
        (await host.IsGrantedAsync(tenantId, viewerId, [StaticRoleNames.Viewer], AutoTrackerPermissions.Vehicles.Edit)).ShouldBeFalse();

        await UpdateAsync(tenantId, PermissionProviderNames.Role, StaticRoleNames.Viewer, (AutoTrackerPermissions.Vehicles.Edit, true));
        (await host.IsGrantedAsync(tenantId, viewerId, [StaticRoleNames.Viewer], AutoTrackerPermissions.Vehicles.Edit)).ShouldBeTrue();

        await UpdateAsync(tenantId, PermissionProviderNames.Role, StaticRoleNames.Viewer, (AutoTrackerPermissions.Vehicles.Edit, false));
        (await host.IsGrantedAsync(tenantId, viewerId, [StaticRoleNames.Viewer], AutoTrackerPermissions.Vehicles.Edit)).ShouldBeFalse();
    }

    [Fact]
    public async Task SeedCurrentAsync_SecondRun_ChangesNothingButGrantsAdminWhatItLacks()
    {
        var tenantId = await host.CreateTenantAsync();
        await UpdateAsync(tenantId, PermissionProviderNames.Role, StaticRoleNames.Viewer, (AutoTrackerPermissions.FuelEntries.Default, false));
        await host.InTenantAsync(tenantId, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            await db.PermissionGrants.Where(g => g.ProviderKey == StaticRoleNames.Admin && g.Name == AuditLoggingPermissions.AuditLogs).ExecuteDeleteAsync();
        });
        var before = await AllGrantsAsync(tenantId);

        await host.InTenantAsync(tenantId, sp => sp.GetRequiredService<StaticRoleSeeder>().SeedCurrentAsync(CancellationToken.None));

        var after = await AllGrantsAsync(tenantId);
        after.Except(before).ShouldBe([$"R:{StaticRoleNames.Admin}:{AuditLoggingPermissions.AuditLogs}"]);
        before.Except(after).ShouldBeEmpty();
    }

    private static IPermissionAppService Service(IServiceProvider services) => services.GetRequiredService<IPermissionAppService>();

    private static UpdatePermissionsDto Input(params (string Name, bool IsGranted)[] changes) =>
        new() { Permissions = changes.Select(c => new UpdatePermissionDto { Name = c.Name, IsGranted = c.IsGranted }).ToList() };

    private Task UpdateAsync(Guid? tenantId, string providerName, string providerKey, params (string Name, bool IsGranted)[] changes) =>
        host.AsAdminAsync(tenantId, sp => Service(sp).UpdateAsync(providerName, providerKey, Input(changes), CancellationToken.None));

    private Task<List<string>> GrantsAsync(Guid? tenantId, string providerName, string providerKey) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().PermissionGrants
            .Where(g => g.ProviderName == providerName && g.ProviderKey == providerKey)
            .Select(g => g.Name)
            .ToListAsync());

    private Task<List<string>> AllGrantsAsync(Guid tenantId) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().PermissionGrants
            .Select(g => g.ProviderName + ":" + g.ProviderKey + ":" + g.Name)
            .ToListAsync());
}
