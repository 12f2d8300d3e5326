namespace AutoTracker.Vehicles;

internal static class FuelEconomySummary
{
    /// <summary>
    /// Builds the summary; the average is total energy over total distance across the intervals (not the mean
    /// of the interval figures), so a short interval does not count as much as a long one.
    /// </summary>
    public static FuelEconomySummaryDto Create(
        IReadOnlyList<FuelEconomyInterval> intervals,
        MeterUnit meterUnit,
        EconomyUnit preferred,
        decimal totalCost,
        int fillUpCount)
    {
        var dtos = intervals
            .Select(i => new FuelEconomyIntervalDto(
                i.StartEntryId,
                i.EndEntryId,
                i.StartDate,
                i.EndDate,
                Units.FromKilometers(i.DistanceKilometers, meterUnit),
                meterUnit,
                i.ValueIn(preferred),
                i.EffectiveUnit(preferred)))
            .ToList();

        // Mixed liquid and electric intervals cannot share one average; average the kind the preferred unit names.
        var wantElectric = preferred == EconomyUnit.KilowattHoursPer100Kilometers && intervals.Any(i => i.IsElectric);
        var sameKind = intervals.Where(i => i.IsElectric == wantElectric || !intervals.Any(x => x.IsElectric == wantElectric)).ToList();
        double? average = null;
        var unit = preferred;
        if (sameKind.Count > 0)
        {
            var combined = new FuelEconomyInterval(
                Guid.Empty, Guid.Empty, sameKind[0].StartDate, sameKind[^1].EndDate,
                sameKind.Sum(i => i.DistanceKilometers), sameKind.Sum(i => i.BaseQuantity), sameKind[0].IsElectric);
            average = combined.ValueIn(preferred);
            unit = combined.EffectiveUnit(preferred);
        }

        return new FuelEconomySummaryDto(dtos, average, unit, totalCost, fillUpCount);
    }
}
