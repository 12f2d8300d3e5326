using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Identity;
using AutoTracker.Permissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.PermissionManagement;

/// <summary>The grant table on the engine of the run: its unique index, its tenant filter and its exact comparison.</summary>
public sealed class PermissionGrantStorageTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    [Fact]
    public async Task Insert_SameGrantTwice_IsRejectedAsConflict()
    {
        var tenantId = await host.CreateTenantAsync();

        await Should.ThrowAsync<ConcurrencyConflictException>(() => host.InTenantAsync(tenantId, async sp =>
        {
            var grants = sp.GetRequiredService<IRepository<PermissionGrant>>();
            // The seed granted this one to the viewer role already.
            grants.Insert(new PermissionGrant(Guid.NewGuid(), AutoTrackerPermissions.Vehicles.Default, PermissionProviderNames.Role, StaticRoleNames.Viewer));
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }));

        (await CountAsync(tenantId, AutoTrackerPermissions.Vehicles.Default, StaticRoleNames.Viewer)).ShouldBe(1);
    }

    [Fact]
    public async Task Insert_ForeignTenantId_IsStampedWithCurrentTenant()
    {
        var tenantId = await host.CreateTenantAsync();
        var otherTenantId = await host.CreateTenantAsync();

        await host.InTenantAsync(tenantId, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var grant = new PermissionGrant(Guid.NewGuid(), AutoTrackerPermissions.Vehicles.Edit, PermissionProviderNames.Role, StaticRoleNames.Viewer);
            db.PermissionGrants.Add(grant);
            db.Entry(grant).Property(g => g.TenantId).CurrentValue = otherTenantId;
            await db.SaveChangesAsync();
        });

        (await CountAsync(tenantId, AutoTrackerPermissions.Vehicles.Edit, StaticRoleNames.Viewer)).ShouldBe(1);
        (await CountAsync(otherTenantId, AutoTrackerPermissions.Vehicles.Edit, StaticRoleNames.Viewer)).ShouldBe(0);
    }

    [Fact]
    public async Task ProviderKeys_DifferingOnlyInCase_AreDistinct()
    {
        var tenantId = await host.CreateTenantAsync();

        await host.InTenantAsync(tenantId, async sp =>
        {
            var grants = sp.GetRequiredService<IRepository<PermissionGrant>>();
            grants.Insert(new PermissionGrant(Guid.NewGuid(), AutoTrackerPermissions.Vehicles.Default, PermissionProviderNames.Role, "Fleet"));
            grants.Insert(new PermissionGrant(Guid.NewGuid(), AutoTrackerPermissions.Vehicles.Default, PermissionProviderNames.Role, "fleet"));
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });

        var loaded = await host.InTenantAsync(tenantId, sp =>
            sp.GetRequiredService<PermissionGrantStore>().LoadGrantedAsync(PermissionProviderNames.Role, "FLEET", CancellationToken.None));
        loaded.ShouldBeEmpty();
    }

    private Task<int> CountAsync(Guid tenantId, string name, string roleName) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().PermissionGrants
            .CountAsync(g => g.Name == name && g.ProviderName == PermissionProviderNames.Role && g.ProviderKey == roleName));
}
