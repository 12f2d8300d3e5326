using AutoTracker.Domain;
using AutoTracker.Vehicles.Import;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles;

/// <summary>
/// The date range of fuel entries, meter readings and service records, against the test clock's today,
/// 2026-06-01 UTC: from 1900-01-01 to 2026-06-02, or to 2031-06-01 for a planned service.
/// </summary>
public sealed class RecordDateTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1899-12-31")]
    [InlineData("2026-06-03")]
    [InlineData("9999-12-31")]
    public async Task FuelEntry_DateOutOfRange_IsRejected(string date)
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);

        var exception = await Should.ThrowAsync<InputValidationException>(() => host.AsAdminAsync(tenantId, sp =>
            Fuel(sp).CreateAsync(vehicleId, FuelInput(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), 1000), CancellationToken.None)));

        exception.Errors.Keys.ShouldBe(["Date"]);
        exception.Errors["Date"].ShouldBe([$"{date} is out of range; the Date must be from 1900-01-01 to 2026-06-02."]);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.ShouldBeEmpty();
        stored.Readings.ShouldBeEmpty();
        stored.Vehicle.CurrentMeter.ShouldBeNull();
    }

    [Fact]
    public async Task FuelEntry_RangeEnds_AreAccepted()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);

        await host.AsAdminAsync(tenantId, sp => Fuel(sp).CreateAsync(vehicleId, FuelInput(new DateOnly(1900, 1, 1), 1000), CancellationToken.None));
        await host.AsAdminAsync(tenantId, sp => Fuel(sp).CreateAsync(vehicleId, FuelInput(new DateOnly(2026, 6, 2), 2000), CancellationToken.None));

        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.Count.ShouldBe(2);
    }

    [Fact]
    public async Task FuelEntry_UpdateToFarFuture_IsRejected()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var entry = await host.AsAdminAsync(tenantId, sp => Fuel(sp).CreateAsync(vehicleId, FuelInput(new DateOnly(2026, 5, 1), 1000), CancellationToken.None));
        var update = new UpdateFuelEntryDto
        {
            Date = new DateOnly(9999, 12, 31),
            MeterValue = 1000,
            Quantity = 40,
            Unit = FuelUnit.Liters,
            TotalCost = 60,
            ConcurrencyStamp = entry.ConcurrencyStamp,
        };

        var exception = await Should.ThrowAsync<InputValidationException>(() =>
            host.AsAdminAsync(tenantId, sp => Fuel(sp).UpdateAsync(vehicleId, entry.Id, update, CancellationToken.None)));

        exception.Errors.Keys.ShouldBe(["Date"]);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.ShouldHaveSingleItem().Date.ShouldBe(new DateOnly(2026, 5, 1));
        stored.Readings.ShouldHaveSingleItem().Date.ShouldBe(new DateOnly(2026, 5, 1));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task MeterReading_DateOutOfRange_IsRejected(string date)
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var input = new CreateMeterReadingDto { Date = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Value = 500_000 };

        var exception = await Should.ThrowAsync<InputValidationException>(() =>
            host.AsAdminAsync(tenantId, sp => Readings(sp).CreateAsync(vehicleId, input, CancellationToken.None)));

        exception.Errors["Date"].ShouldBe([$"{date} is out of range; the Date must be from 1900-01-01 to 2026-06-02."]);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.Readings.ShouldBeEmpty();
        stored.Vehicle.CurrentMeter.ShouldBeNull();
    }

    [Fact]
    public async Task MeterReading_TomorrowUtc_IsAccepted()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);

        // A tenant east of UTC may already have its 2 June while the clock's UTC date is 1 June.
        await host.AsAdminAsync(tenantId, sp => Readings(sp).CreateAsync(
            vehicleId, new CreateMeterReadingDto { Date = new DateOnly(2026, 6, 2), Value = 1000 }, CancellationToken.None));
        await host.AsAdminAsync(tenantId, sp => Fuel(sp).CreateAsync(vehicleId, FuelInput(new DateOnly(2026, 6, 2), 1200), CancellationToken.None));

        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.Readings.Count.ShouldBe(2);
        stored.Vehicle.CurrentMeter.ShouldBe(1200);
    }

    [Theory]
    [InlineData(ServiceRecordStatus.Done)]
    [InlineData(ServiceRecordStatus.InProgress)]
    public async Task ServiceRecord_NotPlannedInFuture_IsRejected(ServiceRecordStatus status)
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);

        var exception = await Should.ThrowAsync<InputValidationException>(() => host.AsAdminAsync(tenantId, sp =>
            Services(sp).CreateAsync(vehicleId, ServiceInput(new DateOnly(2027, 1, 1), status, meter: null), CancellationToken.None)));

        exception.Errors["Date"].ShouldBe([
            "2027-01-01 is out of range; the Date must be from 1900-01-01 to 2026-06-02. Only a planned service may be dated later, up to 2031-06-01."]);
        (await host.LoadStoredAsync(tenantId, vehicleId)).ServiceRecords.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("1899-12-31")]
    [InlineData("2031-06-02")]
    [InlineData("9999-12-31")]
    public async Task ServiceRecord_PlannedOutOfRange_IsRejected(string date)
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var input = ServiceInput(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), ServiceRecordStatus.Planned, meter: null);

        var exception = await Should.ThrowAsync<InputValidationException>(() =>
            host.AsAdminAsync(tenantId, sp => Services(sp).CreateAsync(vehicleId, input, CancellationToken.None)));

        exception.Errors["Date"].ShouldBe([$"{date} is out of range; the Date of a planned service must be from 1900-01-01 to 2031-06-01."]);
        (await host.LoadStoredAsync(tenantId, vehicleId)).ServiceRecords.ShouldBeEmpty();
    }

    [Fact]
    public async Task ServiceRecord_PlannedWithMeter_AddsNoReading()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);

        // The timing belt is due at 120,000 mi in five years. Today's fill-up at 80,000 mi and a later one at
        // 130,000 mi must both still fit the meter history.
        await host.AsAdminAsync(tenantId, sp => Services(sp).CreateAsync(
            vehicleId, ServiceInput(new DateOnly(2031, 6, 1), ServiceRecordStatus.Planned, meter: 120_000), CancellationToken.None));
        await host.AsAdminAsync(tenantId, sp => Fuel(sp).CreateAsync(vehicleId, FuelInput(new DateOnly(2026, 5, 30), 80_000), CancellationToken.None));
        await host.AsAdminAsync(tenantId, sp => Fuel(sp).CreateAsync(vehicleId, FuelInput(new DateOnly(2026, 6, 1), 130_000), CancellationToken.None));

        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.ServiceRecords.ShouldHaveSingleItem().MeterValue.ShouldBe(120_000);
        stored.Readings.Count.ShouldBe(2);
        stored.Readings.ShouldAllBe(r => r.Source == MeterReadingSource.FuelEntry);
        stored.Vehicle.CurrentMeter.ShouldBe(130_000);
    }

    [Fact]
    public async Task ServiceRecord_PlannedThenDone_AddsReadingThenRemovesIt()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var planned = await host.AsAdminAsync(tenantId, sp => Services(sp).CreateAsync(
            vehicleId, ServiceInput(new DateOnly(2026, 5, 20), ServiceRecordStatus.Planned, meter: 50_000), CancellationToken.None));

        var done = await host.AsAdminAsync(tenantId, sp => Services(sp).UpdateAsync(
            vehicleId, planned.Id, UpdateInput(new DateOnly(2026, 5, 20), ServiceRecordStatus.Done, 50_000, planned.ConcurrencyStamp), CancellationToken.None));
        var afterDone = await host.LoadStoredAsync(tenantId, vehicleId);
        await host.AsAdminAsync(tenantId, sp => Services(sp).UpdateAsync(
            vehicleId, planned.Id, UpdateInput(new DateOnly(2026, 5, 20), ServiceRecordStatus.Planned, 50_000, done.ConcurrencyStamp), CancellationToken.None));
        var afterPlanned = await host.LoadStoredAsync(tenantId, vehicleId);

        afterDone.Readings.ShouldHaveSingleItem().SourceRecordId.ShouldBe(planned.Id);
        afterDone.Vehicle.CurrentMeter.ShouldBe(50_000);
        afterPlanned.Readings.ShouldBeEmpty();
        afterPlanned.Vehicle.CurrentMeter.ShouldBeNull();
    }

    [Fact]
    public async Task ServiceRecord_PlannedFutureChangedToDone_IsRejected()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var planned = await host.AsAdminAsync(tenantId, sp => Services(sp).CreateAsync(
            vehicleId, ServiceInput(new DateOnly(2028, 3, 1), ServiceRecordStatus.Planned, meter: 90_000), CancellationToken.None));

        var exception = await Should.ThrowAsync<InputValidationException>(() => host.AsAdminAsync(tenantId, sp => Services(sp).UpdateAsync(
            vehicleId, planned.Id, UpdateInput(new DateOnly(2028, 3, 1), ServiceRecordStatus.Done, 90_000, planned.ConcurrencyStamp), CancellationToken.None)));

        exception.Errors.Keys.ShouldBe(["Date"]);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.ServiceRecords.ShouldHaveSingleItem().Status.ShouldBe(ServiceRecordStatus.Planned);
        stored.Readings.ShouldBeEmpty();
    }

    private static IFuelEntryAppService Fuel(IServiceProvider services) => services.GetRequiredService<IFuelEntryAppService>();

    private static IMeterReadingAppService Readings(IServiceProvider services) => services.GetRequiredService<IMeterReadingAppService>();

    private static IServiceRecordAppService Services(IServiceProvider services) => services.GetRequiredService<IServiceRecordAppService>();

    private static CreateFuelEntryDto FuelInput(DateOnly date, double meter) => new()
    {
        Date = date,
        MeterValue = meter,
        Quantity = 40,
        Unit = FuelUnit.Liters,
        TotalCost = 60,
    };

    private static CreateServiceRecordDto ServiceInput(DateOnly date, ServiceRecordStatus status, double? meter) => new()
    {
        Date = date,
        Description = "Timing belt",
        Status = status,
        MeterValue = meter,
    };

    private static UpdateServiceRecordDto UpdateInput(DateOnly date, ServiceRecordStatus status, double? meter, string stamp) => new()
    {
        Date = date,
        Description = "Timing belt",
        Status = status,
        MeterValue = meter,
        ConcurrencyStamp = stamp,
    };
}
