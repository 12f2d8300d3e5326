using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Vehicles.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles;

/// <summary>Text fields and list items as the application services receive them, checked before anything is saved.</summary>
public sealed class TextInputTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    [Fact]
    public async Task Vehicle_NulInNotes_SavesNothing()
    {
        var tenantId = await host.CreateTenantAsync();
        var input = new CreateUpdateVehicleDto { Make = "Jeep", Model = "Cherokee", Notes = "Bought\0used" };

        var exception = await Should.ThrowAsync<InputValidationException>(() =>
            host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IVehicleAppService>().CreateAsync(input, CancellationToken.None)));

        exception.Errors.Keys.ShouldBe(["Notes"]);
        (await CountVehiclesAsync(tenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task Vehicle_LineBreakInModel_SavesNothing()
    {
        var tenantId = await host.CreateTenantAsync();
        var input = new CreateUpdateVehicleDto { Make = "Jeep", Model = "Cherokee\nXJ" };

        var exception = await Should.ThrowAsync<InputValidationException>(() =>
            host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IVehicleAppService>().CreateAsync(input, CancellationToken.None)));

        exception.Errors.Keys.ShouldBe(["Model"]);
        (await CountVehiclesAsync(tenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task FuelEntry_BidiOverrideInVendor_SavesNothing()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var input = new CreateFuelEntryDto
        {
            Date = new DateOnly(2026, 5, 1),
            MeterValue = 1000,
            Quantity = 40,
            Unit = FuelUnit.Liters,
            TotalCost = 60,
            Vendor = "Shell \u202Egnp.exe",
        };

        var exception = await Should.ThrowAsync<InputValidationException>(() =>
            host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IFuelEntryAppService>().CreateAsync(vehicleId, input, CancellationToken.None)));

        exception.Errors.Keys.ShouldBe(["Vendor"]);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.ShouldBeEmpty();
        stored.Readings.ShouldBeEmpty();
    }

    [Fact]
    public async Task ServiceRecord_MultiLineDescriptionAndNotes_AreStored()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var input = new CreateServiceRecordDto
        {
            Date = new DateOnly(2026, 5, 1),
            Description = "Front brakes\nRear brakes",
            Notes = "Pads:\tBosch\r\nDiscs:\tATE",
        };

        await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IServiceRecordAppService>().CreateAsync(vehicleId, input, CancellationToken.None));

        var stored = (await host.LoadStoredAsync(tenantId, vehicleId)).ServiceRecords.ShouldHaveSingleItem();
        stored.Description.ShouldBe("Front brakes\nRear brakes");
        stored.Notes.ShouldBe("Pads:\tBosch\r\nDiscs:\tATE");
    }

    [Fact]
    public async Task ServiceRecord_NullLine_NamesItem()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var input = new CreateServiceRecordDto { Date = new DateOnly(2026, 5, 1), Description = "Brakes", MeterValue = 1000, Lines = [null!] };

        var exception = await Should.ThrowAsync<InputValidationException>(() =>
            host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IServiceRecordAppService>().CreateAsync(vehicleId, input, CancellationToken.None)));

        exception.Errors.Keys.ShouldBe(["Lines[0]"]);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.ServiceRecords.ShouldBeEmpty();
        stored.Readings.ShouldBeEmpty();
    }

    [Fact]
    public async Task ServiceRecord_ControlCharacterInLine_NamesLineField()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var input = new CreateServiceRecordDto
        {
            Date = new DateOnly(2026, 5, 1),
            Description = "Brakes",
            Lines = [new ServiceLineDto { Kind = ServiceLineKind.Part, Description = "Pads\u0008", Quantity = 1, UnitCost = 40 }],
        };

        var exception = await Should.ThrowAsync<InputValidationException>(() =>
            host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IServiceRecordAppService>().CreateAsync(vehicleId, input, CancellationToken.None)));

        exception.Errors.Keys.ShouldBe(["Lines[0].Description"]);
        (await host.LoadStoredAsync(tenantId, vehicleId)).ServiceRecords.ShouldBeEmpty();
    }

    private Task<int> CountVehiclesAsync(Guid tenantId) =>
        host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync());
}
