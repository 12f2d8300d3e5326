using AutoTracker.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles.Import;

/// <summary>AutoTracker's own layouts: vehicles with VIN checks, and fuel and service rows with every cell checked.</summary>
public sealed partial class VehicleImporterTests
{
    private const string VehicleHeader = "vin,make,model,model_year,trim,color,plate,unit_number,kind,status,meter_unit,notes";

    [Fact]
    public async Task ImportAsync_AutoTrackerVehicles_DecodesVin()
    {
        var tenantId = await host.CreateTenantAsync();
        var content = $"""
            {VehicleHeader}
            5fnyf5h59hb011946,,Pilot,,EX-L,White,flt-101,FLT-101,Fleet,Active,Miles,
            ,Caterpillar,308 excavator,2019,,,,,Fleet,InService,Hours,"Yard machine, no VIN"
            """;

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.Vehicles, null, content));

        outcome.Errors.ShouldBeEmpty();
        outcome.ImportedCount.ShouldBe(2);
        var vehicles = await LoadVehiclesAsync(tenantId);
        var pilot = vehicles.Where(v => v.Model == "Pilot").ShouldHaveSingleItem();
        pilot.Vin.ShouldBe("5FNYF5H59HB011946");
        pilot.VinCheck.ShouldBe(VinCheckState.Passed);
        pilot.Make.ShouldBe("Honda");
        pilot.ModelYear.ShouldBe(2017);
        pilot.Plate.ShouldBe("FLT-101");
        pilot.MeterUnit.ShouldBe(MeterUnit.Miles);
        var excavator = vehicles.Where(v => v.Model == "308 excavator").ShouldHaveSingleItem();
        excavator.Vin.ShouldBeNull();
        excavator.Status.ShouldBe(VehicleStatus.InService);
        excavator.MeterUnit.ShouldBe(MeterUnit.Hours);
        excavator.Notes.ShouldBe("Yard machine, no VIN");
    }

    [Fact]
    public async Task ImportAsync_HeaderInOtherCase_MatchesColumns()
    {
        var tenantId = await host.CreateTenantAsync();
        var content = "VIN,Make,MODEL,Meter_Unit\n4T1BE46K19U856421,Toyota,Camry,Miles\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.Vehicles, null, content));

        outcome.Errors.ShouldBeEmpty();
        (await LoadVehiclesAsync(tenantId)).ShouldHaveSingleItem().ModelYear.ShouldBe(2009);
    }

    [Theory]
    [InlineData("5FNYF5H58HB011946,,Pilot,,,,,,Fleet,Active,Miles,", "vin", "The check digit (position 9) is 8 but the other characters give 9; the VIN is probably mistyped.")]
    [InlineData("5FNYF5H59HB01194,,Pilot,,,,,,Fleet,Active,Miles,", "vin", "A VIN has exactly 17 characters; '5FNYF5H59HB01194' has 16.")]
    [InlineData(",Jeep,Cherokee,1992,,,,,Leased,Active,Miles,", "kind", "'Leased' is not a valid kind; write one of Fleet, Inventory.")]
    [InlineData(",Jeep,Cherokee,1992,,,,,1,Active,Miles,", "kind", "'1' is not a valid kind; write one of Fleet, Inventory.")]
    [InlineData(",Jeep,Cherokee,1992,,,,,Fleet,Active,Furlongs,", "meter_unit", "'Furlongs' is not a valid meter_unit; write one of Kilometers, Miles, Hours.")]
    [InlineData(",Jeep,Cherokee,1992,,,,,Fleet,Active,,", "meter_unit", "The meter unit is missing; write one of Kilometers, Miles, Hours.")]
    [InlineData(",Jeep,Cherokee,92x,,,,,Fleet,Active,Miles,", "model_year", "'92x' is not a whole number.")]
    [InlineData(",Jeep,Cherokee,1850,,,,,Fleet,Active,Miles,", "model_year", "1850 is out of range; the model_year must be from 1900 to 2100.")]
    [InlineData("5FNYF5H59HB011946,,Pilot,2015,,,,,Fleet,Active,Miles,", "model_year", "The model year 2015 does not match the VIN, which encodes 2017.")]
    [InlineData(",,Cherokee,1992,,,,,Fleet,Active,Miles,", "make", "The make is missing, and the VIN does not identify the manufacturer; enter the make.")]
    [InlineData(",Jeep,,1992,,,,,Fleet,Active,Miles,", "model", "The model is missing; every row needs one.")]
    public async Task ImportAsync_InvalidVehicleCell_NamesRowAndColumn(string row, string column, string message)
    {
        var tenantId = await host.CreateTenantAsync();
        var content = $"{VehicleHeader}\n,Ford,Ranger,2001,,,,,Fleet,Active,Miles,\n{row}\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.Vehicles, null, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(3);
        error.Column.ShouldBe(column);
        error.Message.ShouldBe(message);
        outcome.ImportedCount.ShouldBe(0);
        (await LoadVehiclesAsync(tenantId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_DuplicateVinInFile_NamesSecondRow()
    {
        var tenantId = await host.CreateTenantAsync();
        var content = $"{VehicleHeader}\n4T1BE46K19U856421,,Camry,,,,,,Fleet,Active,Miles,\n,Ford,Ranger,,,,,,Fleet,Active,Miles,\n4t1be46k19u856421,,Camry,,,,,,Fleet,Active,Miles,\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.Vehicles, null, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(4);
        error.Column.ShouldBe("vin");
        error.Message.ShouldBe("The VIN 4T1BE46K19U856421 is also in row 2; a file may list each vehicle once.");
        (await LoadVehiclesAsync(tenantId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_VinOfExistingVehicle_NamesRow()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateVehicleAsync(tenantId, MeterUnit.Miles, vin: "1FTJW36F9TEA02868");
        var content = $"{VehicleHeader}\n4T1BE46K19U856421,,Camry,,,,,,Fleet,Active,Miles,\n1FTJW36F9TEA02868,,F-350,,,,,,Fleet,Active,Miles,\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.Vehicles, null, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(3);
        error.Column.ShouldBe("vin");
        error.Message.ShouldBe("Another vehicle already has the VIN 1FTJW36F9TEA02868.");
        (await LoadVehiclesAsync(tenantId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ImportAsync_OtherTenantsVin_IsAccepted()
    {
        var otherTenant = await host.CreateTenantAsync();
        await host.CreateVehicleAsync(otherTenant, MeterUnit.Miles, vin: "1FTJW36F9TEA02868");
        var tenantId = await host.CreateTenantAsync();
        var content = $"{VehicleHeader}\n1FTJW36F9TEA02868,,F-350,,,,,,Fleet,Active,Miles,\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.Vehicles, null, content));

        outcome.Errors.ShouldBeEmpty();
        (await LoadVehiclesAsync(tenantId)).ShouldHaveSingleItem().Make.ShouldBe("Ford");
    }

    [Fact]
    public async Task ImportAsync_MissingRequiredColumn_NamesColumn()
    {
        var tenantId = await host.CreateTenantAsync();
        var content = "vin,make,model\n,Jeep,Cherokee\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.Vehicles, null, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(1);
        error.Column.ShouldBe("meter_unit");
        error.Message.ShouldBe("The required column 'meter_unit' is missing. The AutoTracker vehicle layout needs the columns model, meter_unit.");
        (await LoadVehiclesAsync(tenantId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_UnknownColumn_NamesColumn()
    {
        var tenantId = await host.CreateTenantAsync();
        var content = "make,model,meter_unit,colour\nJeep,Cherokee,Miles,Green\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.Vehicles, null, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(1);
        error.Column.ShouldBe("colour");
        error.Message.ShouldStartWith("Unknown column 'colour'. The AutoTracker vehicle layout has the columns vin, make, model,");
        (await LoadVehiclesAsync(tenantId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_RepeatedColumn_NamesSecondOne()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = "Date,Odometer,odo,FuelConsumed,Cost\n5/8/2020,204836,204836,8.331,16.24\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(1);
        error.Column.ShouldBe("odo");
        error.Message.ShouldBe("The column 'odo' repeats the column 'Odometer'; keep only one of them.");
    }

    [Theory]
    [InlineData("2020-5-8,1000,40,Liters,1.5,60.00,Petrol,true,false,,", "date", "'2020-5-8' is not a date in yyyy-MM-dd format, such as 2020-05-30.")]
    [InlineData("2020-05-08,,40,Liters,1.5,60.00,Petrol,true,false,,", "meter", "The meter is missing; every row needs one.")]
    [InlineData("2020-05-08,-5,40,Liters,1.5,60.00,Petrol,true,false,,", "meter", "-5 is out of range; the meter must be from 0 to 10000000.")]
    [InlineData("2020-05-08,=1+1,40,Liters,1.5,60.00,Petrol,true,false,,", "meter", "'=1+1' is not a number; write digits with a dot before any decimals and no thousands separators, such as 1234.5.")]
    [InlineData("2020-05-08,1000,\"1,234.5\",Liters,1.5,60.00,Petrol,true,false,,", "quantity", "'1,234.5' is not a number; write digits with a dot before any decimals and no thousands separators, such as 1234.5.")]
    [InlineData("2020-05-08,1000,0,Liters,1.5,60.00,Petrol,true,false,,", "quantity", "0 is out of range; the quantity must be from 0.001 to 10000.")]
    [InlineData("2020-05-08,1000,40,Gallons,1.5,60.00,Petrol,true,false,,", "unit", "'Gallons' is not a valid unit; write one of Liters, UsGallons, KilowattHours.")]
    [InlineData("2020-05-08,1000,40,KilowattHours,1.5,60.00,Petrol,true,false,,", "unit", "Petrol is measured in Liters or UsGallons, not KilowattHours.")]
    [InlineData("2020-05-08,1000,40,Liters,1.5,60.00,Electricity,true,false,,", "unit", "Electricity is measured in KilowattHours, not Liters.")]
    [InlineData("2020-05-08,1000,40,Liters,1.5,60.001,Petrol,true,false,,", "total_cost", "'60.001' has more than 2 decimal places.")]
    [InlineData("2020-05-08,1000,40,Liters,,,Petrol,true,false,,", "total_cost", "The cost is missing; enter the price_per_unit or the total_cost.")]
    [InlineData("2020-05-08,1000,40,Liters,1.5,60.00,Petrol,yes,false,,", "full_tank", "'yes' is not a boolean; write true or false.")]
    [InlineData("2020-05-08,1000,40,Liters,1.5,60.00,Petrol,true,false,,,extra", "column 12", "The row has 12 fields but the header has 11 columns; quote any value that contains a comma.")]
    public async Task ImportAsync_InvalidFuelCell_NamesRowAndColumn(string row, string column, string message)
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);
        var content = $"date,meter,quantity,unit,price_per_unit,total_cost,fuel_type,full_tank,missed_fill_up,vendor,notes\n2020-05-01,900,40,Liters,1.5,,Petrol,true,false,Shell,\n{row}\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.FuelEntries, vehicleId, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(3);
        error.Column.ShouldBe(column);
        error.Message.ShouldBe(message);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.ShouldBeEmpty();
        stored.Readings.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_AutoTrackerFuel_KeepsFormulaAsText()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);
        var content = "date,meter,quantity,unit,price_per_unit,total_cost,fuel_type,full_tank,missed_fill_up,vendor,notes\n"
            + "2020-05-01,900,40,Liters,1.5,,Diesel,TRUE,False,Shell,\"=HYPERLINK(\"\"http://example.test\"\")\"\n"
            + "2020-05-09,1400,20,Liters,,31.00,Diesel,false,true,,\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.FuelEntries, vehicleId, content));

        outcome.Errors.ShouldBeEmpty();
        outcome.TotalCost.ShouldBe(91m);
        var entries = (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries;
        entries[0].TotalCost.ShouldBe(60m);
        entries[0].FuelType.ShouldBe(FuelType.Diesel);
        entries[0].Vendor.ShouldBe("Shell");
        entries[0].Notes.ShouldBe("=HYPERLINK(\"http://example.test\")");
        entries[1].PricePerUnit.ShouldBe(1.55m);
        entries[1].IsFullTank.ShouldBeFalse();
        entries[1].IsMissedFillUp.ShouldBeTrue();
    }

    [Fact]
    public async Task ImportAsync_FuelWithoutUnit_UsesUploadUnit()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);
        var content = "date,meter,quantity,total_cost\n2020-05-01,900,40,60.00\n";

        var withoutUnit = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.FuelEntries, vehicleId, content));
        var withUnit = await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.AutoTracker, ImportRecordKind.FuelEntries, vehicleId, content, new ImportOptions { VolumeUnit = FuelUnit.Liters }));

        var error = withoutUnit.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(1);
        error.Column.ShouldBe("unit");
        withUnit.Errors.ShouldBeEmpty();
        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.ShouldHaveSingleItem().Unit.ShouldBe(FuelUnit.Liters);
    }

    [Fact]
    public async Task ImportAsync_ServiceCosts_BecomeLabourAndPartLines()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);
        var content = "date,meter,vendor,description,status,labour_cost,parts_cost,notes\n"
            + "2021-03-01,15000,Main Street Garage,Brake pads front,Done,80.00,45.50,Pads and discs checked\n"
            + "2021-09-01,,,Timing belt,Planned,,,\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.ServiceRecords, vehicleId, content));

        outcome.Errors.ShouldBeEmpty();
        outcome.TotalCost.ShouldBe(125.50m);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        var brakes = stored.ServiceRecords[0];
        brakes.Vendor.ShouldBe("Main Street Garage");
        brakes.Lines.Select(l => (l.Kind, l.Description, l.Amount)).ShouldBe([(ServiceLineKind.Labour, "Labour", 80.00m), (ServiceLineKind.Part, "Parts", 45.50m)]);
        brakes.TotalCost.ShouldBe(125.50m);
        var belt = stored.ServiceRecords[1];
        belt.Status.ShouldBe(ServiceRecordStatus.Planned);
        belt.MeterValue.ShouldBeNull();
        belt.Lines.ShouldBeEmpty();
        stored.Readings.ShouldHaveSingleItem().SourceRecordId.ShouldBe(brakes.Id);
        stored.Vehicle.CurrentMeter.ShouldBe(15000);
    }

    [Fact]
    public async Task ImportAsync_ServiceRowWithoutDescription_NamesCell()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);
        var content = "date,meter,vendor,description,status,labour_cost,parts_cost,notes\n2021-03-01,15000,,,Finished,80.00,,\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.ServiceRecords, vehicleId, content));

        outcome.Errors.Select(e => (e.Row, e.Column)).ShouldBe([(2, "description"), (2, "status")], ignoreOrder: true);
        (await host.LoadStoredAsync(tenantId, vehicleId)).ServiceRecords.ShouldBeEmpty();
    }

    private Task<List<Vehicle>> LoadVehiclesAsync(Guid tenantId) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.ToListAsync());
}
