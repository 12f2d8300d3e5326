using AutoTracker.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles.Import;

/// <summary>The importer against a real SQLite file, with the Jeep's real LubeLogger and Fuelly files.</summary>
public sealed partial class VehicleImporterTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    private const int JeepFillUps = 109;
    private const decimal JeepFuelCost = 3611.25m;

    [Fact]
    public async Task ImportAsync_LubeLoggerFuelFile_Imports109Entries()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = ImportTestData.Read(ImportTestData.LubeLoggerFuel);

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, content));

        outcome.Errors.ShouldBeEmpty();
        outcome.ImportedCount.ShouldBe(JeepFillUps);
        outcome.TotalCost.ShouldBe(ImportTestData.SumColumn(content, 3));
        outcome.TotalCost.ShouldBe(JeepFuelCost);

        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.Count.ShouldBe(JeepFillUps);
        stored.FuelEntries.Sum(f => f.TotalCost).ShouldBe(JeepFuelCost);
        stored.FuelEntries.ShouldAllBe(f => f.Unit == FuelUnit.UsGallons && f.FuelType == FuelType.Petrol && f.IsFullTank && !f.IsMissedFillUp);

        var first = stored.FuelEntries[0];
        first.Date.ShouldBe(new DateOnly(2020, 5, 8));
        first.MeterValue.ShouldBe(204836);
        first.Quantity.ShouldBe(8.331);
        first.TotalCost.ShouldBe(16.24m);
    }

    [Fact]
    public async Task ImportAsync_FuelEntries_CreateMeterReadings()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = ImportTestData.Read(ImportTestData.LubeLoggerFuel);

        await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, content));

        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.Readings.Count.ShouldBe(JeepFillUps);
        stored.Readings.ShouldAllBe(r => r.Source == MeterReadingSource.FuelEntry && !r.IsReset);
        stored.Readings.Select(r => r.SourceRecordId).ShouldBe(stored.FuelEntries.Select(f => (Guid?)f.Id), ignoreOrder: true);
        foreach (var entry in stored.FuelEntries)
        {
            var reading = stored.Readings.Single(r => r.SourceRecordId == entry.Id);
            reading.Date.ShouldBe(entry.Date);
            reading.Value.ShouldBe(entry.MeterValue);
        }

        stored.Vehicle.CurrentMeter.ShouldBe(222647);
    }

    [Fact]
    public async Task GetEconomyAsync_AfterImport_MatchesHandComputation()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = ImportTestData.Read(ImportTestData.LubeLoggerFuel);
        await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, content));

        var economy = await host.AsAdminAsync(tenantId, sp =>
            sp.GetRequiredService<IFuelEntryAppService>().GetEconomyAsync(vehicleId, EconomyUnit.MilesPerUsGallon, CancellationToken.None));

        // Every fill-up is full, so each interval runs from one fill-up to the next:
        //   rows 2-3:   5/8/2020 204836 mi -> 5/30/2020 205056 mi:  220 mi / 11.913 gal = 18.4672 MPG
        //   rows 3-4:   5/30/2020 205056 mi -> 6/29/2020 205202 mi: 146 mi / 9.167 gal = 15.9267 MPG
        //   rows 51-52: 7/14/2021 213779 mi -> 7/15/2021 214071 mi: 292 mi / 14.930 gal = 19.5579 MPG
        economy.FillUpCount.ShouldBe(JeepFillUps);
        economy.Intervals.Count.ShouldBe(JeepFillUps - 1);
        economy.TotalFuelCost.ShouldBe(JeepFuelCost);
        IntervalValue(economy, new DateOnly(2020, 5, 8), new DateOnly(2020, 5, 30)).ShouldBe(220 / 11.913, 0.001);
        IntervalValue(economy, new DateOnly(2020, 5, 30), new DateOnly(2020, 6, 29)).ShouldBe(146 / 9.167, 0.001);
        IntervalValue(economy, new DateOnly(2021, 7, 14), new DateOnly(2021, 7, 15)).ShouldBe(292 / 14.930, 0.001);
        IntervalValue(economy, new DateOnly(2020, 5, 8), new DateOnly(2020, 5, 30)).ShouldBe(18.467, 0.001);
        IntervalValue(economy, new DateOnly(2020, 5, 30), new DateOnly(2020, 6, 29)).ShouldBe(15.927, 0.001);
        IntervalValue(economy, new DateOnly(2021, 7, 14), new DateOnly(2021, 7, 15)).ShouldBe(19.558, 0.001);
    }

    [Fact]
    public async Task ImportAsync_FuellyGasRows_MatchLubeLogger()
    {
        var tenantId = await host.CreateTenantAsync();
        var lubeLoggerVehicle = await host.CreateVehicleAsync(tenantId);
        var fuellyVehicle = await host.CreateVehicleAsync(tenantId);
        await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, lubeLoggerVehicle, ImportTestData.Read(ImportTestData.LubeLoggerFuel)));

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.Fuelly, ImportRecordKind.FuelEntries, fuellyVehicle, ImportTestData.Read(ImportTestData.Fuelly)));

        outcome.Errors.ShouldBeEmpty();
        outcome.ImportedCount.ShouldBe(JeepFillUps);
        outcome.TotalCost.ShouldBe(JeepFuelCost);
        var fromLubeLogger = (await host.LoadStoredAsync(tenantId, lubeLoggerVehicle)).FuelEntries;
        var fromFuelly = (await host.LoadStoredAsync(tenantId, fuellyVehicle)).FuelEntries;
        fromFuelly.Count.ShouldBe(JeepFillUps);
        fromFuelly.Select(f => (f.Date, f.MeterValue, f.Quantity, f.TotalCost, f.IsFullTank))
            .ShouldBe(fromLubeLogger.Select(f => (f.Date, f.MeterValue, f.Quantity, f.TotalCost, f.IsFullTank)));
        fromFuelly[0].PricePerUnit.ShouldBe(1.949m);
    }

    [Fact]
    public async Task ImportAsync_FuellyServiceRows_Imports22Records()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.Fuelly, ImportRecordKind.ServiceRecords, vehicleId, ImportTestData.Read(ImportTestData.Fuelly)));

        outcome.Errors.ShouldBeEmpty();
        outcome.ImportedCount.ShouldBe(22);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.ServiceRecords.Count.ShouldBe(22);
        stored.FuelEntries.ShouldBeEmpty();
        stored.Readings.Count.ShouldBe(22);
        stored.Readings.ShouldAllBe(r => r.Source == MeterReadingSource.ServiceRecord);

        var oilChange = stored.ServiceRecords[0];
        oilChange.Date.ShouldBe(new DateOnly(2020, 3, 19));
        oilChange.Description.ShouldBe("Oil Change");
        oilChange.Notes.ShouldBe("SuperTech Conventional 10w30 - 6qt.");
        oilChange.MeterValue.ShouldBe(204603);
        oilChange.Status.ShouldBe(ServiceRecordStatus.Done);
        oilChange.TotalCost.ShouldBe(23.07m);
    }

    [Fact]
    public async Task ImportAsync_LubeLoggerMaintenance_KeepsMultiLineNotes()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.LubeLogger, ImportRecordKind.ServiceRecords, vehicleId, ImportTestData.Read(ImportTestData.LubeLoggerMaintenance)));

        outcome.Errors.ShouldBeEmpty();
        outcome.ImportedCount.ShouldBe(69);
        outcome.TotalCost.ShouldBe(3975.87m);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.ServiceRecords.Count.ShouldBe(69);
        stored.ServiceRecords.ShouldAllBe(s => s.Status == ServiceRecordStatus.Done);

        var soundSystems = stored.ServiceRecords.Where(s => s.Description == "Sound System").ToList();
        soundSystems.Count.ShouldBe(2);
        soundSystems.ShouldAllBe(s => s.Notes!.StartsWith("Planet Audio 6.5\" Pyle\nSubwoofer 6\"\nBluetooth Car Stereo\nHifonics 5.25\"\nTags: "));
        soundSystems.Select(s => s.Notes!.Split('\n')[^1]).ShouldBe(["Tags: service", "Tags: upgrade"], ignoreOrder: true);

        var line = soundSystems[0].Lines.ShouldHaveSingleItem();
        line.Kind.ShouldBe(ServiceLineKind.Other);
        line.Description.ShouldBe("Sound System");
        line.Amount.ShouldBe(64.57m);
        soundSystems[0].TotalCost.ShouldBe(64.57m);
    }

    [Fact]
    public async Task ImportAsync_ErrorAfterMultiLineNotes_NamesSpreadsheetRow()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = ImportTestData.Read(ImportTestData.LubeLoggerMaintenance)
            .Replace("2/18/2021,205660,Mechanical Fan Shroud", "2/30/2021,205660,Mechanical Fan Shroud", StringComparison.Ordinal);

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.LubeLogger, ImportRecordKind.ServiceRecords, vehicleId, content));

        // The record starts on line 46, but the quoted notes above it span ten extra lines, so it is row 36.
        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(36);
        error.Column.ShouldBe("Date");
        error.Message.ShouldBe("'2/30/2021' is not a date in M/d/yyyy format, such as 5/30/2020.");
        outcome.ImportedCount.ShouldBe(0);
    }

    [Fact]
    public async Task ImportAsync_MilesIntoKilometreVehicle_ConvertsOdometers()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, ImportTestData.Read(ImportTestData.LubeLoggerFuel)));

        outcome.Errors.ShouldBeEmpty();
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);

        // 204836 mi x 1.609344 km/mi = 329651.587584 km, kept to 0.1 km as an odometer shows it.
        stored.FuelEntries[0].MeterValue.ShouldBe(329651.6);
        stored.Readings.Single(r => r.SourceRecordId == stored.FuelEntries[0].Id).Value.ShouldBe(329651.6);

        // 222647 mi x 1.609344 = 358315.613568 km.
        stored.Vehicle.CurrentMeter.ShouldBe(358315.6);
        stored.FuelEntries[0].Quantity.ShouldBe(8.331);
        stored.FuelEntries[0].Unit.ShouldBe(FuelUnit.UsGallons);
    }

    [Fact]
    public async Task ImportAsync_KilometresIntoMilesVehicle_ConvertsOdometers()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Miles);
        var options = new ImportOptions { DistanceUnit = MeterUnit.Kilometers, VolumeUnit = FuelUnit.Liters };

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, ImportTestData.Read(ImportTestData.LubeLoggerFuel), options));

        outcome.Errors.ShouldBeEmpty();
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);

        // 204836 km / 1.609344 km/mi = 127279.24 mi.
        stored.FuelEntries[0].MeterValue.ShouldBe(127279.2);
        stored.FuelEntries[0].Unit.ShouldBe(FuelUnit.Liters);
    }

    [Fact]
    public async Task ImportAsync_HoursIntoMilesVehicle_RejectsFile()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Miles);
        var options = new ImportOptions { DistanceUnit = MeterUnit.Hours };

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, ImportTestData.Read(ImportTestData.LubeLoggerFuel), options));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(0);
        error.Message.ShouldContain("hours do not convert to or from distance");
        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_BrokenDateInRow50_ImportsNothing()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = ImportTestData.ReplaceField(ImportTestData.Read(ImportTestData.LubeLoggerFuel), row: 50, fieldIndex: 0, "13/45/2020");

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(50);
        error.Column.ShouldBe("Date");
        error.Message.ShouldBe("'13/45/2020' is not a date in M/d/yyyy format, such as 5/30/2020.");
        outcome.ImportedCount.ShouldBe(0);

        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.ShouldBeEmpty();
        stored.Readings.ShouldBeEmpty();
        stored.Vehicle.CurrentMeter.ShouldBeNull();
    }

    [Fact]
    public async Task ImportAsync_BrokenOdometerInRow50_ImportsNothing()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = ImportTestData.ReplaceField(ImportTestData.Read(ImportTestData.LubeLoggerFuel), row: 50, fieldIndex: 1, "213560 mi");

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(50);
        error.Column.ShouldBe("Odometer");
        error.Message.ShouldStartWith("'213560 mi' is not a number");
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.ShouldBeEmpty();
        stored.Readings.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_MeterGoesBackwards_NamesRow()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = ImportTestData.ReplaceField(ImportTestData.Read(ImportTestData.LubeLoggerFuel), row: 64, fieldIndex: 1, "210000");

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, content));

        // Row 63 is 7/29/2021 at 215880 mi; row 64 is the next day.
        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(64);
        error.Column.ShouldBe("Odometer");
        error.Message.ShouldBe(
            "The meter value 210000 mi on 2021-07-30 is lower than the previous reading 215880 mi on 2021-07-29 in row 63; a meter reading may not go down.");
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.ShouldBeEmpty();
        stored.Readings.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_MeterBelowStoredReadings_ImportsNothing()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, ImportTestData.Read(ImportTestData.LubeLoggerFuel)));

        // The Fuelly service rows carry the maintenance log's odometers, which lag the fuel log's by hundreds of miles.
        var outcome = await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.Fuelly, ImportRecordKind.ServiceRecords, vehicleId, ImportTestData.Read(ImportTestData.Fuelly)));

        outcome.ImportedCount.ShouldBe(0);
        outcome.Errors.ShouldNotBeEmpty();
        outcome.Errors.ShouldAllBe(e => e.Column == "Odometer" && e.Row > 1);
        outcome.Errors.ShouldContain(e => e.Message.Contains("that the vehicle already has"));
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.ServiceRecords.ShouldBeEmpty();
        stored.Readings.Count.ShouldBe(JeepFillUps);
        stored.Vehicle.CurrentMeter.ShouldBe(222647);
    }

    [Fact]
    public async Task ImportAsync_ServiceOdometersAsNotes_AddsNoReadings()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, ImportTestData.Read(ImportTestData.LubeLoggerFuel)));
        var options = new ImportOptions { ServiceOdometersAsNotes = true };

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.LubeLogger, ImportRecordKind.ServiceRecords, vehicleId, ImportTestData.Read(ImportTestData.LubeLoggerMaintenance), options));

        outcome.Errors.ShouldBeEmpty();
        outcome.ImportedCount.ShouldBe(69);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.ServiceRecords.ShouldAllBe(s => s.MeterValue == null);
        stored.ServiceRecords[0].Notes.ShouldBe("SuperTech Conventional 10w30 - 6qt.\nTags: service\nOdometer as logged: 204603 mi");
        stored.Readings.Count.ShouldBe(JeepFillUps);
    }

    [Fact]
    public async Task ImportAsync_LubeLoggerHeaderAliases_AreAccepted()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);
        var content = "VehicleId,Id,fuelup_date,ODO,Liters,Total Cost,FuelEconomy,Filled Up,Missed_FuelUp,partial_fuelup,Notes,Tags,extrafield_station\n"
            + "1,1,5/8/2020,1000,40.5,60.75,0,True,False,False,,,Aral\n"
            + "1,2,5/20/2020,1450,12,18.00,9.3,,True,True,Topped up,holiday,Esso\n";
        var options = new ImportOptions { DistanceUnit = MeterUnit.Kilometers };

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, content, options));

        outcome.Errors.ShouldBeEmpty();
        var entries = (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries;
        entries.Count.ShouldBe(2);
        entries.ShouldAllBe(f => f.Unit == FuelUnit.Liters);
        entries[0].MeterValue.ShouldBe(1000);
        entries[0].TotalCost.ShouldBe(60.75m);
        entries[0].IsFullTank.ShouldBeTrue();
        entries[1].IsFullTank.ShouldBeFalse();
        entries[1].IsMissedFillUp.ShouldBeTrue();
        entries[1].Notes.ShouldBe("Topped up\nTags: holiday");
    }

    [Fact]
    public async Task ImportAsync_PartialAndFullFillUp_NamesPartialColumn()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = "Date,Odometer,FuelConsumed,Cost,IsFillToFull,partial_fuelup\n5/8/2020,204836,8.331,16.24,True,True\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(2);
        error.Column.ShouldBe("partial_fuelup");
        error.Message.ShouldBe("The fill-up is marked both partial and full (IsFillToFull is true); set only one of them.");
    }

    [Fact]
    public async Task ImportAsync_LubeLoggerVehicles_ReturnsClearError()
    {
        var tenantId = await host.CreateTenantAsync();

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(
            ImportFormat.LubeLogger, ImportRecordKind.Vehicles, null, ImportTestData.Read(ImportTestData.LubeLoggerFuel)));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(0);
        error.Message.ShouldBe("LubeLogger files hold no vehicles; import vehicles from a file in the AutoTracker layout.");
    }

    [Fact]
    public async Task ImportAsync_AnotherTenantsVehicle_ThrowsNotFound()
    {
        var ownerTenant = await host.CreateTenantAsync();
        var otherTenant = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(ownerTenant);

        await Should.ThrowAsync<EntityNotFoundException>(() => host.ImportAsync(otherTenant, new ImportRequest(
            ImportFormat.LubeLogger, ImportRecordKind.FuelEntries, vehicleId, ImportTestData.Read(ImportTestData.LubeLoggerFuel))));

        (await host.LoadStoredAsync(ownerTenant, vehicleId)).FuelEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_UnclosedQuote_ReportsRow()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = "Date,Odometer,Description,Notes,Cost,Tags\n3/19/2020,204603,Oil Change,ok,23.07,service\n3/23/2020,204603,Gasket,\"never closed,37.29,repair\n";

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.LubeLogger, ImportRecordKind.ServiceRecords, vehicleId, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(3);
        error.Message.ShouldContain("is not valid CSV");
        (await host.LoadStoredAsync(tenantId, vehicleId)).ServiceRecords.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_TooManyRecords_RejectsFile()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);
        var content = ImportTestData.AutoTrackerFuelFile(VehicleImporter.MaxRecords + 1);

        var outcome = await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.FuelEntries, vehicleId, content));

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(VehicleImporter.MaxRecords + 2);
        error.Message.ShouldBe("The file has more than 10000 records; split it into files of at most 10000 records each.");
        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_LargeFile_ReportsProgressPerBatch()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);
        var reports = new List<(int Processed, int Total)>();

        var outcome = await host.ImportAsync(
            tenantId,
            new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.FuelEntries, vehicleId, ImportTestData.AutoTrackerFuelFile(1200)),
            (processed, total, _) =>
            {
                reports.Add((processed, total));
                return Task.CompletedTask;
            });

        outcome.Errors.ShouldBeEmpty();
        outcome.ImportedCount.ShouldBe(1200);
        reports.ShouldBe([(500, 1200), (1000, 1200), (1200, 1200)]);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.Count.ShouldBe(1200);
        stored.Readings.Count.ShouldBe(1200);
        stored.Vehicle.CurrentMeter.ShouldBe(1000 + (1199 * 100));
    }

    private static double IntervalValue(FuelEconomySummaryDto economy, DateOnly start, DateOnly end)
    {
        var interval = economy.Intervals.Where(i => i.StartDate == start && i.EndDate == end).ShouldHaveSingleItem();
        interval.Unit.ShouldBe(EconomyUnit.MilesPerUsGallon);
        return interval.Value;
    }
}
