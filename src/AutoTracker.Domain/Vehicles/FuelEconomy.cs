namespace AutoTracker.Vehicles;

/// <summary>A fill-up as the economy calculation needs it.</summary>
public sealed record FuelEconomyInput(Guid Id, DateOnly Date, double MeterValue, double Quantity, FuelUnit Unit, bool IsFullTank, bool IsMissedFillUp);

/// <summary>
/// Economy between two full fill-ups: the distance driven and everything put in after the first one up to and
/// including the second. <see cref="BaseQuantity"/> is in litres, or kWh when <see cref="IsElectric"/>.
/// </summary>
public sealed record FuelEconomyInterval(
    Guid StartEntryId,
    Guid EndEntryId,
    DateOnly StartDate,
    DateOnly EndDate,
    double DistanceKilometers,
    double BaseQuantity,
    bool IsElectric)
{
    /// <summary>Returns the economy in <paramref name="unit"/>; liquid fuel asked for in kWh/100 km gives L/100 km, and electricity always gives kWh/100 km.</summary>
    public double ValueIn(EconomyUnit unit)
    {
        if (IsElectric)
        {
            return BaseQuantity / DistanceKilometers * 100;
        }

        var miles = DistanceKilometers / Units.KilometersPerMile;
        return unit switch
        {
            EconomyUnit.MilesPerUsGallon => miles / (BaseQuantity / Units.LitersPerUsGallon),
            EconomyUnit.MilesPerImperialGallon => miles / (BaseQuantity / Units.LitersPerImperialGallon),
            _ => BaseQuantity / DistanceKilometers * 100,
        };
    }

    /// <summary>Returns the unit <see cref="ValueIn"/> actually uses for <paramref name="preferred"/>.</summary>
    public EconomyUnit EffectiveUnit(EconomyUnit preferred)
    {
        if (IsElectric)
        {
            return EconomyUnit.KilowattHoursPer100Kilometers;
        }

        return preferred == EconomyUnit.KilowattHoursPer100Kilometers ? EconomyUnit.LitersPer100Kilometers : preferred;
    }
}

/// <summary>
/// Computes fuel economy only where it can be known: from one full fill-up to the next full fill-up of the
/// same kind of energy, with no missed fill-up flagged in between. Partial fill-ups in between add their
/// quantity to the interval.
/// </summary>
public static class FuelEconomyCalculator
{
    public static IReadOnlyList<FuelEconomyInterval> Compute(IEnumerable<FuelEconomyInput> entries, MeterUnit meterUnit)
    {
        if (meterUnit == MeterUnit.Hours)
        {
            return [];
        }

        var result = new List<FuelEconomyInterval>();
        foreach (var group in entries.GroupBy(e => Units.IsElectric(e.Unit)))
        {
            ComputeGroup(group.OrderBy(e => e.MeterValue).ThenBy(e => e.Date).ToList(), meterUnit, group.Key, result);
        }

        return result.OrderBy(i => i.EndDate).ToList();
    }

    private static void ComputeGroup(List<FuelEconomyInput> ordered, MeterUnit meterUnit, bool isElectric, List<FuelEconomyInterval> result)
    {
        FuelEconomyInput? start = null;
        double quantity = 0;
        foreach (var entry in ordered)
        {
            if (entry.IsMissedFillUp)
            {
                // The interval that ends here is unknown; a full tank here still starts a new one.
                start = entry.IsFullTank ? entry : null;
                quantity = 0;
                continue;
            }

            if (start is null)
            {
                start = entry.IsFullTank ? entry : null;
                continue;
            }

            quantity += Units.ToBaseQuantity(entry.Quantity, entry.Unit);
            if (!entry.IsFullTank)
            {
                continue;
            }

            var distance = Units.ToKilometers(entry.MeterValue - start.MeterValue, meterUnit);
            if (distance > 0 && quantity > 0)
            {
                result.Add(new FuelEconomyInterval(start.Id, entry.Id, start.Date, entry.Date, distance, quantity, isElectric));
            }

            start = entry;
            quantity = 0;
        }
    }
}
