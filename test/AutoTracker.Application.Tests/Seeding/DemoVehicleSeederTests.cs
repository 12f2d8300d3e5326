using AutoTracker.EntityFrameworkCore;
using AutoTracker.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Seeding;

public sealed class DemoVehicleSeederTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    [Fact]
    public async Task SeedAsync_EmptyTenant_ImportsJeepHistory()
    {
        var tenantId = await host.CreateTenantAsync();

        await host.InTenantAsync(tenantId, sp => sp.GetRequiredService<DemoVehicleSeeder>().SeedAsync(CancellationToken.None));
        await host.InTenantAsync(tenantId, sp => sp.GetRequiredService<DemoVehicleSeeder>().SeedAsync(CancellationToken.None));

        await host.InTenantAsync(tenantId, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            (await db.Vehicles.CountAsync()).ShouldBe(7);
            var jeep = await db.Vehicles.SingleAsync(v => v.UnitNumber == "JEEP-92");
            jeep.CurrentMeter.ShouldBe(222647);
            (await db.FuelEntries.CountAsync(f => f.VehicleId == jeep.Id)).ShouldBe(109);
            (await db.MeterReadings.CountAsync(r => r.VehicleId == jeep.Id)).ShouldBe(109);

            var services = await db.ServiceRecords.Where(s => s.VehicleId == jeep.Id).ToListAsync();
            services.Count.ShouldBe(69);
            services.ShouldAllBe(s => s.MeterValue == null && s.Notes!.Contains("Odometer as logged: "));
        });
    }
}
