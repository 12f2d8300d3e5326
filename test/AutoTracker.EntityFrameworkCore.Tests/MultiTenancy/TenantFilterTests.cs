using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.MultiTenancy;
using AutoTracker.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.MultiTenancy;

public sealed class TenantFilterTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    [Fact]
    public async Task Query_OtherTenantsRows_AreInvisible()
    {
        var tenantA = await host.CreateTenantAsync();
        var tenantB = await host.CreateTenantAsync();
        var vehicleB = await AddVehicleAsync(tenantB, "Hidden");

        var seenByA = await host.InTenantAsync(tenantA, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.AnyAsync(v => v.Id == vehicleB));
        var seenByHost = await host.InTenantAsync(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.AnyAsync(v => v.Id == vehicleB));
        var seenByB = await host.InTenantAsync(tenantB, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.AnyAsync(v => v.Id == vehicleB));

        seenByA.ShouldBeFalse();
        seenByHost.ShouldBeFalse();
        seenByB.ShouldBeTrue();
    }

    [Fact]
    public async Task Insert_ForeignTenantIdInEntity_IsOverwrittenWithCurrentTenant()
    {
        var tenantA = await host.CreateTenantAsync();
        var tenantB = await host.CreateTenantAsync();

        var id = await host.InTenantAsync(tenantA, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var vehicle = new Vehicle(Guid.NewGuid(), "Make", "Smuggled", MeterUnit.Kilometers, VehicleKind.Fleet);
            db.Vehicles.Add(vehicle);
            db.Entry(vehicle).Property(v => v.TenantId).CurrentValue = tenantB;
            await db.SaveChangesAsync();
            return vehicle.Id;
        });

        var stored = await host.InTenantAsync(tenantA, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.AsNoTracking().SingleAsync(v => v.Id == id));
        stored.TenantId.ShouldBe(tenantA);
    }

    [Fact]
    public async Task Update_ChangingTenantId_IsRejectedAndNothingSaved()
    {
        var tenantA = await host.CreateTenantAsync();
        var tenantB = await host.CreateTenantAsync();
        var id = await AddVehicleAsync(tenantA, "Owned");

        var error = await host.InTenantAsync(tenantA, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var vehicle = await db.Vehicles.SingleAsync(v => v.Id == id);
            vehicle.Model = "Moved";
            db.Entry(vehicle).Property(v => v.TenantId).CurrentValue = tenantB;
            return await Should.ThrowAsync<BusinessException>(() => db.SaveChangesAsync());
        });

        error.Code.ShouldBe(ErrorCodes.TenantChangeForbidden);
        var stored = await host.InTenantAsync(tenantA, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.AsNoTracking().SingleAsync(v => v.Id == id));
        stored.Model.ShouldBe("Owned");
        stored.TenantId.ShouldBe(tenantA);
    }

    [Fact]
    public async Task Query_HostScope_SeesNoTenantRows()
    {
        var tenantA = await host.CreateTenantAsync();
        var tenantB = await host.CreateTenantAsync();
        var a = await AddVehicleAsync(tenantA, "A");
        var b = await AddVehicleAsync(tenantB, "B");

        // The host side reads inside a tenant only through ICrossTenantAccess, never by turning the filter off.
        var seen = await host.InTenantAsync(null, sp =>
            sp.GetRequiredService<IQueryExecutor>().CountAsync(
                sp.GetRequiredService<IRepository<Vehicle>>().Query().Where(v => v.Id == a || v.Id == b),
                CancellationToken.None));

        seen.ShouldBe(0);
    }

    [Fact]
    public async Task Update_StaleConcurrencyStamp_ThrowsConflict()
    {
        var tenant = await host.CreateTenantAsync();
        var id = await AddVehicleAsync(tenant, "Stamped");

        await host.InTenantAsync(tenant, async sp =>
        {
            var repository = sp.GetRequiredService<IRepository<Vehicle>>();
            var vehicle = await repository.GetAsync(id, CancellationToken.None);
            repository.ExpectConcurrencyStamp(vehicle, "stale-stamp");
            vehicle.Model = "Changed";
            await Should.ThrowAsync<ConcurrencyConflictException>(() => sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None));
        });
    }

    [Fact]
    public async Task Save_ChangedAggregate_RenewsStampAndSetsTimes()
    {
        var tenant = await host.CreateTenantAsync();
        var id = await AddVehicleAsync(tenant, "Timed");
        var before = await host.InTenantAsync(tenant, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.AsNoTracking().SingleAsync(v => v.Id == id));
        host.Clock.Advance(TimeSpan.FromMinutes(5));

        await host.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            (await db.Vehicles.SingleAsync(v => v.Id == id)).Model = "Retimed";
            await db.SaveChangesAsync();
        });

        var after = await host.InTenantAsync(tenant, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.AsNoTracking().SingleAsync(v => v.Id == id));
        after.ConcurrencyStamp.ShouldNotBe(before.ConcurrencyStamp);
        after.CreationTime.ShouldBe(before.CreationTime);
        after.CreationTime.Kind.ShouldBe(DateTimeKind.Utc);
        after.LastModificationTime.ShouldBe(host.Clock.GetUtcNow().UtcDateTime);
    }

    private Task<Guid> AddVehicleAsync(Guid tenantId, string model) =>
        host.InTenantAsync(tenantId, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var vehicle = new Vehicle(Guid.NewGuid(), "Make", model, MeterUnit.Kilometers, VehicleKind.Fleet);
            db.Vehicles.Add(vehicle);
            await db.SaveChangesAsync();
            return vehicle.Id;
        });
}
