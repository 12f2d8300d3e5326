using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Vehicles;
using AutoTracker.Vehicles.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.TenantManagement;

/// <summary>The host's vehicle limit applies to vehicles added one by one and to vehicle imports.</summary>
public sealed class VehicleLimitTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    [Fact]
    public async Task Import_MoreVehiclesThanLimit_ImportsNothing()
    {
        var tenantId = await CreateTenantWithLimitAsync(maxVehicles: 2);
        await host.CreateVehicleAsync(tenantId);
        var content = "Make,Model,Meter_Unit\nToyota,Camry,Miles\nHonda,Civic,Miles\n";

        var error = await Should.ThrowAsync<BusinessException>(() =>
            host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.Vehicles, null, content)));

        error.Code.ShouldBe(ErrorCodes.VehicleLimitReached);
        (await CountVehiclesAsync(tenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task Import_WithinLimit_ImportsAll()
    {
        var tenantId = await CreateTenantWithLimitAsync(maxVehicles: 2);
        var content = "Make,Model,Meter_Unit\nToyota,Camry,Miles\nHonda,Civic,Miles\n";

        await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.Vehicles, null, content));

        (await CountVehiclesAsync(tenantId)).ShouldBe(2);
    }

    [Fact]
    public async Task Limit_OtherTenantsVehicles_DoNotCount()
    {
        var limited = await CreateTenantWithLimitAsync(maxVehicles: 1);
        var other = await host.CreateTenantAsync();
        await host.CreateVehicleAsync(other);
        await host.CreateVehicleAsync(other);

        await host.CreateVehicleAsync(limited);

        (await CountVehiclesAsync(limited)).ShouldBe(1);
    }

    private async Task<Guid> CreateTenantWithLimitAsync(int maxVehicles)
    {
        var tenantId = await host.CreateTenantAsync();
        await host.InTenantAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantId);
            tenant.SetLimits(maxVehicles, maxUsers: null);
            await db.SaveChangesAsync();
        });
        return tenantId;
    }

    private Task<int> CountVehiclesAsync(Guid tenantId) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync());
}
