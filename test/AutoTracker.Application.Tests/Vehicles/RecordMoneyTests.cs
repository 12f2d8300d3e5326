using AutoTracker.Domain;
using AutoTracker.Vehicles.Import;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles;

/// <summary>Limits and consistency of the money fields of fuel entries and service records.</summary>
public sealed class RecordMoneyTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    [Fact]
    public async Task ServiceLine_AmountAboveMaxMoney_NamesUnitCost()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var input = ServiceInput(Line(100_000m, 10_000_000m));

        var exception = await Should.ThrowAsync<InputValidationException>(() => CreateServiceAsync(tenantId, vehicleId, input));

        exception.Errors.Keys.ShouldBe(["Lines[0].UnitCost"]);
        exception.Errors["Lines[0].UnitCost"].ShouldBe(["The line amount 1000000000000.00 (quantity 100000 × unit cost 10000000) is more than the maximum of 10000000."]);
        (await host.LoadStoredAsync(tenantId, vehicleId)).ServiceRecords.ShouldBeEmpty();
    }

    [Fact]
    public async Task ServiceLines_TotalAboveMaxMoney_NamesLines()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var input = ServiceInput(Line(1, 6_000_000m), Line(1, 4_000_000.01m));

        var exception = await Should.ThrowAsync<InputValidationException>(() => CreateServiceAsync(tenantId, vehicleId, input));

        exception.Errors.Keys.ShouldBe(["Lines"]);
        exception.Errors["Lines"].ShouldBe(["The lines add up to 10000000.01, more than the maximum total of 10000000; split the work into several service records."]);
        (await host.LoadStoredAsync(tenantId, vehicleId)).ServiceRecords.ShouldBeEmpty();
    }

    [Fact]
    public async Task ServiceLines_TotalAtMaxMoney_IsStored()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);

        var record = await CreateServiceAsync(tenantId, vehicleId, ServiceInput(Line(1, 6_000_000m), Line(2, 2_000_000m)));

        record.TotalCost.ShouldBe(VehicleConsts.MaxMoney);
        (await host.LoadStoredAsync(tenantId, vehicleId)).ServiceRecords.ShouldHaveSingleItem().TotalCost.ShouldBe(VehicleConsts.MaxMoney);
    }

    [Fact]
    public async Task ServiceRecord_UpdateAboveMaxMoney_KeepsStoredLines()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var record = await CreateServiceAsync(tenantId, vehicleId, ServiceInput(Line(1, 80m)));
        var update = new UpdateServiceRecordDto
        {
            Date = record.Date,
            Description = "Brakes, changed",
            Lines = [Line(100_000m, 10_000_000m)],
            ConcurrencyStamp = record.ConcurrencyStamp,
        };

        var exception = await Should.ThrowAsync<InputValidationException>(() =>
            host.AsAdminAsync(tenantId, sp => Services(sp).UpdateAsync(vehicleId, record.Id, update, CancellationToken.None)));

        exception.Errors.Keys.ShouldBe(["Lines[0].UnitCost"]);
        var stored = (await host.LoadStoredAsync(tenantId, vehicleId)).ServiceRecords.ShouldHaveSingleItem();
        stored.Description.ShouldBe("Brakes");
        stored.TotalCost.ShouldBe(80m);
    }

    [Theory]
    [InlineData("1.5", "80.00")]
    [InlineData("1.5", "59.39")]
    [InlineData("1.5", "60.61")]
    public async Task FuelEntry_TotalNotQuantityTimesPrice_NamesTotalCost(string price, string total)
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);

        var exception = await Should.ThrowAsync<InputValidationException>(() => CreateFuelAsync(tenantId, vehicleId, 40, Parse(price), Parse(total)));

        exception.Errors.Keys.ShouldBe(["TotalCost"]);
        exception.Errors["TotalCost"].ShouldHaveSingleItem().ShouldStartWith($"The total cost {total} does not match the quantity times the price per unit (40 × 1.5 = 60.00)");
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.ShouldBeEmpty();
        stored.Readings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(40, "1.5", "60.60")]
    [InlineData(40, "1.5", "59.40")]
    [InlineData(1, "1.00", "1.02")]
    [InlineData(1, "1.00", "0.98")]
    [InlineData(8.331, "1.949", "16.24")]
    public async Task FuelEntry_TotalWithinTolerance_IsStoredAsGiven(double quantity, string price, string total)
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);

        var entry = await CreateFuelAsync(tenantId, vehicleId, quantity, Parse(price), Parse(total));

        entry.TotalCost.ShouldBe(Parse(total));
        entry.PricePerUnit.ShouldBe(Parse(price));
    }

    [Fact]
    public async Task FuelEntry_SmallAmountBeyondTwoCents_IsRejected()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);

        var exception = await Should.ThrowAsync<InputValidationException>(() => CreateFuelAsync(tenantId, vehicleId, 1, 1.00m, 1.03m));

        exception.Errors.Keys.ShouldBe(["TotalCost"]);
        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task FuelEntry_DerivedTotalAboveMaxMoney_NamesPricePerUnit()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);

        var exception = await Should.ThrowAsync<InputValidationException>(() => CreateFuelAsync(tenantId, vehicleId, 10_000, 100_000m, null));

        exception.Errors["PricePerUnit"].ShouldBe(["The quantity times the price per unit is 1000000000.00, more than the maximum total cost of 10000000."]);
        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task FuelEntry_DerivedPriceAboveMaximum_NamesTotalCost()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);

        var exception = await Should.ThrowAsync<InputValidationException>(() => CreateFuelAsync(tenantId, vehicleId, 0.001, null, 1000m));

        exception.Errors["TotalCost"].ShouldBe(["The total cost divided by the quantity gives a price per unit of 1000000.000, more than the maximum of 100000; check the quantity and the total cost."]);
        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null, "60.001", "TotalCost")]
    [InlineData("1.5001", null, "PricePerUnit")]
    public async Task FuelEntry_TooManyDecimals_NamesField(string? price, string? total, string field)
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);

        var exception = await Should.ThrowAsync<InputValidationException>(() =>
            CreateFuelAsync(tenantId, vehicleId, 40, price is null ? null : Parse(price), total is null ? null : Parse(total)));

        exception.Errors.Keys.ShouldBe([field]);
        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.ShouldBeEmpty();
    }

    private static decimal Parse(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    private static IServiceRecordAppService Services(IServiceProvider services) => services.GetRequiredService<IServiceRecordAppService>();

    private static ServiceLineDto Line(decimal quantity, decimal unitCost) =>
        new() { Kind = ServiceLineKind.Part, Description = "Part", Quantity = quantity, UnitCost = unitCost };

    private static CreateServiceRecordDto ServiceInput(params ServiceLineDto[] lines) => new()
    {
        Date = new DateOnly(2026, 5, 1),
        Description = "Brakes",
        Lines = [.. lines],
    };

    private Task<ServiceRecordDto> CreateServiceAsync(Guid tenantId, Guid vehicleId, CreateServiceRecordDto input) =>
        host.AsAdminAsync(tenantId, sp => Services(sp).CreateAsync(vehicleId, input, CancellationToken.None));

    private Task<FuelEntryDto> CreateFuelAsync(Guid tenantId, Guid vehicleId, double quantity, decimal? price, decimal? total) =>
        host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IFuelEntryAppService>().CreateAsync(
            vehicleId,
            new CreateFuelEntryDto
            {
                Date = new DateOnly(2026, 5, 1),
                MeterValue = 1000,
                Quantity = quantity,
                Unit = FuelUnit.Liters,
                PricePerUnit = price,
                TotalCost = total,
            },
            CancellationToken.None));
}
