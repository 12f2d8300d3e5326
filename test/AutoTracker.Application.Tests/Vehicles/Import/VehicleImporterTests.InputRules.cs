using AutoTracker.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles.Import;

/// <summary>
/// The rules the forms apply, applied to imported cells: date range (the test clock's today is 2026-06-01 UTC),
/// money limits and the characters text may contain.
/// </summary>
public sealed partial class VehicleImporterTests
{
    private const string FuelHeader = "date,meter,quantity,unit,price_per_unit,total_cost,fuel_type,full_tank,missed_fill_up,vendor,notes";
    private const string ServiceHeader = "date,meter,vendor,description,status,labour_cost,parts_cost,notes";

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1899-12-31")]
    [InlineData("2026-06-03")]
    [InlineData("9999-12-31")]
    public async Task ImportAsync_FuelDateOutOfRange_NamesCell(string date)
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);
        var content = $"{FuelHeader}\n2026-06-02,900,40,Liters,,60.00,Petrol,true,false,,\n{date},1000,40,Liters,,60.00,Petrol,true,false,,\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.FuelEntries, vehicleId, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(3);
        error.Column.ShouldBe("date");
        error.Message.ShouldBe($"{date} is out of range; the date must be from 1900-01-01 to 2026-06-02.");
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.ShouldBeEmpty();
        stored.Readings.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_LubeLoggerFarFutureDate_UsesFileDateFormat()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = ImportTestData.ReplaceField(ImportTestData.Read(ImportTestData.LubeLoggerFuel), row: 110, fieldIndex: 0, "12/31/9999");

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(110);
        error.Column.ShouldBe("Date");
        error.Message.ShouldBe("12/31/9999 is out of range; the Date must be from 1/1/1900 to 6/2/2026.");
        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_FuellyServiceInFuture_NamesCell()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = ImportTestData.Read(ImportTestData.Fuelly).Replace("Service,,2020-03-19,", "Service,,2027-03-19,", StringComparison.Ordinal);

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.Fuelly, ImportRecordKind.ServiceRecords, vehicleId, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(2);
        error.Column.ShouldBe("Date");
        error.Message.ShouldBe("2027-03-19 is out of range; the Date must be from 1900-01-01 to 2026-06-02. Only a planned service may be dated later, up to 2031-06-01.");
        (await host.LoadStoredAsync(tenantId, vehicleId)).ServiceRecords.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_PlannedServiceAhead_IsImportedWithoutReading()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);
        var content = $"{ServiceHeader}\n2026-05-01,15000,,Brake pads,Done,80.00,,\n2031-06-01,120000,,Timing belt,Planned,,,\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.ServiceRecords, vehicleId, content));

        outcome.Errors.ShouldBeEmpty();
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.ServiceRecords.Count.ShouldBe(2);
        stored.ServiceRecords[1].MeterValue.ShouldBe(120000);
        stored.Readings.ShouldHaveSingleItem().Value.ShouldBe(15000);
        stored.Vehicle.CurrentMeter.ShouldBe(15000);
    }

    [Theory]
    [InlineData("2031-06-02,,,Timing belt,Planned,,,", "2031-06-02 is out of range; the date of a planned service must be from 1900-01-01 to 2031-06-01.")]
    [InlineData("2026-06-03,,,Timing belt,InProgress,,,", "2026-06-03 is out of range; the date must be from 1900-01-01 to 2026-06-02. Only a planned service may be dated later, up to 2031-06-01.")]
    public async Task ImportAsync_ServiceDateOutOfRange_DependsOnStatus(string row, string message)
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.AutoTracker, ImportRecordKind.ServiceRecords, vehicleId, $"{ServiceHeader}\n{row}\n"));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Column.ShouldBe("date");
        error.Message.ShouldBe(message);
        (await host.LoadStoredAsync(tenantId, vehicleId)).ServiceRecords.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2020-05-08,1000,40,Liters,1.5,80.00,Petrol,true,false,,", "total_cost", "The total cost 80.00 does not match the quantity times the price per unit (40 × 1.5 = 60.00)")]
    [InlineData("2020-05-08,1000,10000,Liters,100000,,Petrol,true,false,,", "price_per_unit", "The quantity times the price per unit is 1000000000.00, more than the maximum total cost of 10000000.")]
    [InlineData("2020-05-08,1000,0.001,Liters,,1000.00,Petrol,true,false,,", "total_cost", "The total cost divided by the quantity gives a price per unit of 1000000.000")]
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

    [Fact]
    public async Task ImportAsync_LubeLoggerPriceAndCostDisagree_NamesCostColumn()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = "Date,Odometer,FuelConsumed,Cost,Price\n5/8/2020,204836,8.331,16.24,1.949\n5/30/2020,205056,11.913,52.72,2.159\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(3);
        error.Column.ShouldBe("Cost");
        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_LabourAndPartsAboveMaxMoney_NamesPartsCost()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);
        var content = $"{ServiceHeader}\n2021-03-01,15000,,Rebuild,Done,6000000.00,4000000.01,\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.ServiceRecords, vehicleId, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Column.ShouldBe("parts_cost");
        error.Message.ShouldBe("The lines add up to 10000000.01, more than the maximum total of 10000000; split the work into several service records.");
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.ServiceRecords.ShouldBeEmpty();
        stored.Readings.ShouldBeEmpty();
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
    public async Task ImportAsync_MultiLineDescription_SingleLineCost()
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
