using AutoTracker.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles.Import;

/// <summary>
/// The rules the forms apply, applied to imported cells: the characters text may contain.
/// </summary>
public sealed partial class VehicleImporterTests
{
    private const string FuelHeader = "date,meter,quantity,unit,price_per_unit,total_cost,fuel_type,full_tank,missed_fill_up,vendor,notes";
    private const string ServiceHeader = "date,meter,vendor,description,status,labour_cost,parts_cost,notes";

    [Theory]
    [InlineData("2020-05-08,1000,40,Liters,1.5,60.00,Petrol,true,false,Shell\u0007,", "vendor", "vendor contains the control character U+0007 at position 6; remove it.")]
    [InlineData("2020-05-08,1000,40,Liters,1.5,60.00,Petrol,true,false,\"Shell\nMain St\",", "vendor", "vendor must be a single line; remove the line feed (U+000A) at position 6.")]
    [InlineData("2020-05-08,1000,40,Liters,1.5,60.00,Petrol,true,false,Shell,Paid \u202Ecash", "notes", "notes contains the bidirectional formatting character U+202E at position 6")]
    [InlineData("2020-05-08,1000,40,Liters,1.5,60.00,Petrol,true,false,Shell,Paid\0", "notes", "notes contains the control character U+0000 at position 5; remove it.")]
    public async Task ImportAsync_FuelRuleBroken_NamesCell(string row, string column, string messageStart)
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);
        var content = $"{FuelHeader}\n2020-05-01,900,40,Liters,1.5,,Petrol,true,false,Shell,\n{row}\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.FuelEntries, vehicleId, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(3);
        error.Column.ShouldBe(column);
        error.Message.ShouldStartWith(messageStart);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.ShouldBeEmpty();
        stored.Readings.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_FuelWithNotesOnSeveralLines_IsImported()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);
        var content = $"{FuelHeader}\n2020-05-01,900,40,Liters,1.5,60.30,Petrol,true,false,Shell,\"Paid cash\r\nReceipt:\t42\"\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.FuelEntries, vehicleId, content));

        outcome.Errors.ShouldBeEmpty();
        var entry = (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.ShouldHaveSingleItem();
        entry.Notes.ShouldBe("Paid cash\nReceipt:\t42");
        entry.TotalCost.ShouldBe(60.30m);
        entry.PricePerUnit.ShouldBe(1.5m);
    }

    [Theory]
    [InlineData("2021-03-01,15000,,\"Brakes\u2066\",Done,80.00,,", "description")]
    [InlineData("2021-03-01,15000,Main\tGarage,Brakes,Done,80.00,,", "vendor")]
    public async Task ImportAsync_ServiceTextRejected_NamesCell(string row, string column)
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.AutoTracker, ImportRecordKind.ServiceRecords, vehicleId, $"{ServiceHeader}\n{row}\n"));

        outcome.Errors.ShouldHaveSingleItem().Column.ShouldBe(column);
        (await host.LoadStoredAsync(tenantId, vehicleId)).ServiceRecords.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_MultiLineServiceDescription_GivesSingleLineCostLine()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = "Date,Odometer,Description,Notes,Cost,Tags\n3/19/2020,204603,\"Oil change\nand filter\",,23.07,service\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.LubeLogger, ImportRecordKind.ServiceRecords, vehicleId, content));

        outcome.Errors.ShouldBeEmpty();
        var record = (await host.LoadStoredAsync(tenantId, vehicleId)).ServiceRecords.ShouldHaveSingleItem();
        record.Description.ShouldBe("Oil change\nand filter");
        record.Lines.ShouldHaveSingleItem().Description.ShouldBe("Oil change and filter");
    }

    [Fact]
    public async Task ImportAsync_VehicleModelWithTab_NamesCell()
    {
        var tenantId = await host.CreateTenantAsync();
        var content = $"{VehicleHeader}\n,Jeep,Cherokee\tXJ,1992,,,,,Fleet,Active,Miles,\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.Vehicles, null, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Column.ShouldBe("model");
        error.Message.ShouldBe("model must be a single line; remove the tab (U+0009) at position 9.");
        var count = await host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync());
        count.ShouldBe(0);
    }
}
