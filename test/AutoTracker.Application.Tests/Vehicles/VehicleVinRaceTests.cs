using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles;

/// <summary>
/// Vehicles with the same new VIN saved at the same time. Every request checks that the VIN is free before any
/// of them has saved, so the unique index decides. The requests that lose must get the VIN error, not a crash.
/// </summary>
public sealed class VehicleVinRaceTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    private const string Vin = "1FTMW1T88MFA00001";

    [Fact]
    public async Task CreateAsync_SixParallelSameVin_OneWins()
    {
        var tenantId = await host.CreateTenantAsync();
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IVehicleAppService>().CreateAsync(
                new CreateUpdateVehicleDto { Vin = Vin, Model = $"F-150 #{i}" }, CancellationToken.None));
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(attempts.Select(CaptureAsync));

        outcomes.Count(o => o.Exception is null).ShouldBe(1);
        foreach (var failure in outcomes.Select(o => o.Exception).OfType<Exception>())
        {
            var business = failure.ShouldBeOfType<BusinessException>();
            business.Code.ShouldBe(ErrorCodes.VinDuplicate);
            business.Field.ShouldBe("Vin");
            business.Message.ShouldBe($"Another vehicle already has the VIN {Vin}.");
        }

        (await CountVehiclesAsync(tenantId, Vin)).ShouldBe(1);
    }

    [Fact]
    public async Task SaveChangesAsync_VinSavedByOtherScope_ThrowsVinDuplicate()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IVehicleAppService>().CreateAsync(
            new CreateUpdateVehicleDto { Vin = Vin, Model = "First" }, CancellationToken.None));

        // The insert skips the service's check, as a request does that checked before the first one saved.
        var exception = await Should.ThrowAsync<BusinessException>(() => host.AsAdminAsync(tenantId, async sp =>
        {
            var vehicle = new Vehicle(Guid.NewGuid(), "Ford", "Second", MeterUnit.Miles, VehicleKind.Fleet);
            vehicle.SetVin(Vin, VinCheckState.Passed, "Ford Motor Company", "North America");
            sp.GetRequiredService<IRepository<Vehicle>>().Insert(vehicle);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }));

        exception.Code.ShouldBe(ErrorCodes.VinDuplicate);
        exception.Field.ShouldBe("Vin");
        (await CountVehiclesAsync(tenantId, Vin)).ShouldBe(1);
    }

    [Fact]
    public async Task SaveChangesAsync_OtherUniqueIndex_ThrowsConflict()
    {
        var name = $"t{Guid.NewGuid():N}"[..20];
        await host.CreateTenantAsync(name);

        var exception = await Should.ThrowAsync<ConcurrencyConflictException>(() => host.InTenantAsync(null, async sp =>
        {
            sp.GetRequiredService<IRepository<TenantManagement.Tenant>>().Insert(new TenantManagement.Tenant(Guid.NewGuid(), name));
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }));

        exception.Message.ShouldBe("Another record with the same unique values was saved at the same time, so this one was not saved. Reload and try again.");
        exception.InnerException.ShouldBeOfType<DbUpdateException>();
        var count = await host.InTenantAsync(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.CountAsync(t => t.Name == name));
        count.ShouldBe(1);
    }

    private static async Task<(VehicleDto? Vehicle, Exception? Exception)> CaptureAsync(Task<VehicleDto> attempt)
    {
        try
        {
            return (await attempt, null);
        }
        catch (Exception ex)
        {
            return (null, ex);
        }
    }

    private Task<int> CountVehiclesAsync(Guid tenantId, string vin) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync(v => v.Vin == vin));
}
