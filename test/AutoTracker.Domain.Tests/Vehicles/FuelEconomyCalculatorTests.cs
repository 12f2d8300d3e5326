namespace AutoTracker.Vehicles;

public sealed class FuelEconomyCalculatorTests
{
    private static readonly DateOnly Day = new(2026, 1, 1);

    [Fact]
    public void Compute_ConsecutiveFullFillUps_GivesOneIntervalEach()
    {
        var entries = new[]
        {
            Entry(1, 10_000, 40, full: true),
            Entry(2, 10_500, 35, full: true),
            Entry(3, 11_000, 30, full: true),
        };

        var intervals = FuelEconomyCalculator.Compute(entries, MeterUnit.Kilometers);

        intervals.Count.ShouldBe(2);
        intervals[0].ValueIn(EconomyUnit.LitersPer100Kilometers).ShouldBe(7.0, 1e-12);
        intervals[1].ValueIn(EconomyUnit.LitersPer100Kilometers).ShouldBe(6.0, 1e-12);
    }

    [Fact]
    public void Compute_PartialFillUpBetween_AddsItsQuantity()
    {
        var entries = new[]
        {
            Entry(1, 1_000, 50, full: true),
            Entry(2, 1_300, 20, full: false),
            Entry(3, 1_600, 22, full: true),
        };

        var intervals = FuelEconomyCalculator.Compute(entries, MeterUnit.Kilometers);

        intervals.Count.ShouldBe(1);
        intervals[0].DistanceKilometers.ShouldBe(600);
        intervals[0].BaseQuantity.ShouldBe(42);
        intervals[0].ValueIn(EconomyUnit.LitersPer100Kilometers).ShouldBe(7.0, 1e-12);
    }

    [Fact]
    public void Compute_MissedFillUp_DropsIntervalEndingThere()
    {
        var entries = new[]
        {
            Entry(1, 1_000, 50, full: true),
            Entry(2, 1_600, 40, full: true, missed: true),
            Entry(3, 2_100, 30, full: true),
        };

        var intervals = FuelEconomyCalculator.Compute(entries, MeterUnit.Kilometers);

        intervals.Count.ShouldBe(1);
        intervals[0].StartEntryId.ShouldBe(Id(2));
        intervals[0].EndEntryId.ShouldBe(Id(3));
    }

    [Fact]
    public void Compute_NoFullStart_MeasuresNothingUntilFirstFull()
    {
        var entries = new[]
        {
            Entry(1, 1_000, 20, full: false),
            Entry(2, 1_400, 30, full: true),
            Entry(3, 1_900, 40, full: true),
        };

        var intervals = FuelEconomyCalculator.Compute(entries, MeterUnit.Kilometers);

        intervals.Count.ShouldBe(1);
        intervals[0].StartEntryId.ShouldBe(Id(2));
    }

    [Fact]
    public void ValueIn_MilesAndUsGallons_ConvertsExactly()
    {
        // The 1992 Jeep's first interval: 220 miles on 11.913 US gallons.
        var entries = new[]
        {
            new FuelEconomyInput(Id(1), Day, 204_836, 8.331, FuelUnit.UsGallons, true, false),
            new FuelEconomyInput(Id(2), Day.AddDays(22), 205_056, 11.913, FuelUnit.UsGallons, true, false),
        };

        var interval = FuelEconomyCalculator.Compute(entries, MeterUnit.Miles).Single();

        interval.ValueIn(EconomyUnit.MilesPerUsGallon).ShouldBe(220 / 11.913, 1e-9);
        interval.ValueIn(EconomyUnit.MilesPerImperialGallon).ShouldBe(220 / (11.913 * 3.785411784 / 4.54609), 1e-9);
        interval.ValueIn(EconomyUnit.LitersPer100Kilometers).ShouldBe(11.913 * 3.785411784 / (220 * 1.609344) * 100, 1e-9);
    }

    [Fact]
    public void Compute_ElectricCharges_GiveKilowattHoursPer100Kilometers()
    {
        var entries = new[]
        {
            new FuelEconomyInput(Id(1), Day, 5_000, 40, FuelUnit.KilowattHours, true, false),
            new FuelEconomyInput(Id(2), Day.AddDays(3), 5_250, 45, FuelUnit.KilowattHours, true, false),
        };

        var interval = FuelEconomyCalculator.Compute(entries, MeterUnit.Kilometers).Single();

        interval.IsElectric.ShouldBeTrue();
        interval.EffectiveUnit(EconomyUnit.MilesPerUsGallon).ShouldBe(EconomyUnit.KilowattHoursPer100Kilometers);
        interval.ValueIn(EconomyUnit.MilesPerUsGallon).ShouldBe(18.0, 1e-12);
    }

    [Fact]
    public void Compute_HourMeter_GivesNoDistanceEconomy()
    {
        var entries = new[] { Entry(1, 100, 50, full: true), Entry(2, 120, 40, full: true) };

        FuelEconomyCalculator.Compute(entries, MeterUnit.Hours).ShouldBeEmpty();
    }

    private static FuelEconomyInput Entry(int id, double meter, double litres, bool full, bool missed = false) =>
        new(Id(id), Day.AddDays(id), meter, litres, FuelUnit.Liters, full, missed);

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");
}
