using AutoTracker.Identity;
using AutoTracker.PermissionManagement;
using AutoTracker.Permissions;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Authorization;

/// <summary>The permission checker on a real database: the parent rule, sides, tenants, system access and the cache.</summary>
public sealed class PermissionCheckerTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    [Theory]
    [InlineData(StaticRoleNames.Viewer, AutoTrackerPermissions.Vehicles.Default, true)]
    [InlineData(StaticRoleNames.Viewer, AutoTrackerPermissions.Vehicles.Create, false)]
    [InlineData(StaticRoleNames.Driver, AutoTrackerPermissions.FuelEntries.Create, true)]
    [InlineData(StaticRoleNames.Driver, AutoTrackerPermissions.FuelEntries.Delete, false)]
    [InlineData(StaticRoleNames.Technician, AutoTrackerPermissions.ServiceRecords.Edit, true)]
    [InlineData(StaticRoleNames.Manager, AutoTrackerPermissions.Vehicles.Delete, true)]
    [InlineData(StaticRoleNames.Manager, IdentityPermissions.Roles.ManagePermissions, false)]
    [InlineData(StaticRoleNames.Admin, IdentityPermissions.Roles.ManagePermissions, true)]
    [InlineData(StaticRoleNames.Admin, TenantManagementPermissions.Tenants.Default, false)]
    public async Task IsGrantedAsync_StaticRole_FollowsDefaults(string role, string permission, bool expected)
    {
        var tenantId = await host.CreateTenantAsync();

        (await host.IsGrantedAsync(tenantId, Guid.NewGuid(), [role], permission)).ShouldBe(expected);
    }

    [Fact]
    public async Task IsGrantedAsync_ChildWithoutParent_IsDenied()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "mechanic");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "mechanic", AutoTrackerPermissions.ServiceRecords.Create);
        var userId = Guid.NewGuid();

        (await host.IsGrantedAsync(tenantId, userId, ["mechanic"], AutoTrackerPermissions.ServiceRecords.Create)).ShouldBeFalse();

        // The parents may come from another provider: here the user's own grants.
        await host.GrantRawAsync(tenantId, PermissionProviderNames.User, PermissionGrant.UserKey(userId), AutoTrackerPermissions.Vehicles.Default);
        (await host.IsGrantedAsync(tenantId, userId, ["mechanic"], AutoTrackerPermissions.ServiceRecords.Create)).ShouldBeFalse();
        await host.GrantRawAsync(tenantId, PermissionProviderNames.User, PermissionGrant.UserKey(userId), AutoTrackerPermissions.ServiceRecords.Default);
        (await host.IsGrantedAsync(tenantId, userId, ["mechanic"], AutoTrackerPermissions.ServiceRecords.Create)).ShouldBeTrue();
    }

    [Fact]
    public async Task IsGrantedAsync_HostOnlyGrantInTenant_IsDenied()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, StaticRoleNames.Viewer, TenantManagementPermissions.Tenants.Default);

        (await host.IsGrantedAsync(tenantId, Guid.NewGuid(), [StaticRoleNames.Viewer], TenantManagementPermissions.Tenants.Default)).ShouldBeFalse();
    }

    [Fact]
    public async Task IsGrantedAsync_UndefinedName_Throws()
    {
        var tenantId = await host.CreateTenantAsync();

        await Should.ThrowAsync<UndefinedPermissionException>(() => host.IsGrantedAsync(tenantId, Guid.NewGuid(), [StaticRoleNames.Admin], "AutoTracker.Vehicles.Crate"));
        await Should.ThrowAsync<UndefinedPermissionException>(() => host.InTenantAsync(tenantId, sp =>
            sp.GetRequiredService<IPermissionChecker>().IsGrantedAsync("AutoTracker.Vehicles.Crate", CancellationToken.None)));
    }

    [Fact]
    public async Task IsGrantedAsync_UserOfAnotherTenant_IsDenied()
    {
        var tenantId = await host.CreateTenantAsync();
        var otherTenantId = await host.CreateTenantAsync();

        var granted = await host.InTenantAsync(tenantId, async sp =>
        {
            using (sp.GetRequiredService<TestCurrentUser>().Change(Guid.NewGuid(), otherTenantId, StaticRoleNames.Admin))
            {
                return await sp.GetRequiredService<IPermissionChecker>().IsGrantedAsync(AutoTrackerPermissions.Vehicles.Default, CancellationToken.None);
            }
        });

        granted.ShouldBeFalse();
    }

    [Fact]
    public async Task CheckAsync_NoUser_ThrowsUnauthenticated()
    {
        var tenantId = await host.CreateTenantAsync();

        var exception = await Should.ThrowAsync<AuthorizationException>(() => host.InTenantAsync(tenantId, sp =>
            sp.GetRequiredService<IPermissionChecker>().CheckAsync(AutoTrackerPermissions.Vehicles.Default, CancellationToken.None)));

        exception.IsAuthenticated.ShouldBeFalse();
    }

    [Fact]
    public async Task IsGrantedAsync_SystemAccess_GrantsOnlyWithoutUserAndOnItsSide()
    {
        var tenantId = await host.CreateTenantAsync();
        using var scope = SystemAccess.Begin();

        (await host.InTenantAsync(tenantId, sp => sp.GetRequiredService<IPermissionChecker>().IsGrantedAsync(AutoTrackerPermissions.Vehicles.Delete, CancellationToken.None))).ShouldBeTrue();
        (await host.InTenantAsync(tenantId, sp => sp.GetRequiredService<IPermissionChecker>().IsGrantedAsync(TenantManagementPermissions.Tenants.Default, CancellationToken.None))).ShouldBeFalse();
        (await host.IsGrantedAsync(tenantId, Guid.NewGuid(), [StaticRoleNames.Viewer], AutoTrackerPermissions.Vehicles.Delete)).ShouldBeFalse();
    }

    [Fact]
    public async Task IsGrantedAsync_Cached_RunsNoQuery()
    {
        var tenantId = await host.CreateTenantAsync();
        var userId = Guid.NewGuid();
        (await host.IsGrantedAsync(tenantId, userId, [StaticRoleNames.Driver, StaticRoleNames.Viewer], AutoTrackerPermissions.FuelEntries.Create)).ShouldBeTrue();

        host.Commands.Reset();
        var granted = await host.AsUserAsync(tenantId, userId, [StaticRoleNames.Driver, StaticRoleNames.Viewer], async sp =>
        {
            var checker = sp.GetRequiredService<IPermissionChecker>();
            return new[]
            {
                await checker.IsGrantedAsync(AutoTrackerPermissions.FuelEntries.Create, CancellationToken.None),
                await checker.IsGrantedAsync(AutoTrackerPermissions.Vehicles.ViewAllUnits, CancellationToken.None),
                await checker.IsGrantedAsync(AutoTrackerPermissions.Vehicles.Delete, CancellationToken.None),
            };
        });

        granted.ShouldBe([true, true, false]);
        host.Commands.Count.ShouldBe(0);
    }

    [Fact]
    public async Task IsGrantedAsync_AfterInvalidation_LoadsAgain()
    {
        var tenantId = await host.CreateTenantAsync();
        var userId = Guid.NewGuid();
        (await host.IsGrantedAsync(tenantId, userId, [StaticRoleNames.Viewer], AutoTrackerPermissions.Vehicles.Create)).ShouldBeFalse();

        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, StaticRoleNames.Viewer, AutoTrackerPermissions.Vehicles.Create);
        host.Commands.Reset();

        (await host.IsGrantedAsync(tenantId, userId, [StaticRoleNames.Viewer], AutoTrackerPermissions.Vehicles.Create)).ShouldBeTrue();
        host.Commands.Count.ShouldBeGreaterThan(0);
    }
}
