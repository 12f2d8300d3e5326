namespace AutoTracker.Vehicles;

/// <summary>Column lengths and value ranges shared by the entities, the DTO validation and the database schema.</summary>
public static class VehicleConsts
{
    public const int VinLength = 17;
    public const int MaxVinInputLength = 64;
    public const int MaxMakeLength = 64;
    public const int MaxModelLength = 64;
    public const int MaxTrimLength = 64;
    public const int MaxColorLength = 32;
    public const int MaxPlateLength = 16;
    public const int MaxUnitNumberLength = 32;
    public const int MaxNotesLength = 4000;
    public const int MinModelYear = 1900;
    public const int MaxModelYearAhead = 2;
    public const int MaxSearchLength = 64;
    public const int MaxVendorLength = 128;
    public const int MaxDescriptionLength = 1000;
    public const int MaxLineDescriptionLength = 256;
    public const int MaxServiceLines = 100;

    /// <summary>Largest meter value accepted: ten million km, mi or hours, well beyond any real vehicle.</summary>
    public const double MaxMeterValue = 10_000_000;

    /// <summary>Largest quantity in one fuel entry (litres, US gallons or kWh); a tanker holds less.</summary>
    public const double MaxFuelQuantity = 10_000;

    /// <summary>Largest amount of money in one field: a fuel entry's total, a service line's amount or a service record's total.</summary>
    public const decimal MaxMoney = 10_000_000m;

    /// <summary>Largest price of one litre, US gallon or kWh of fuel.</summary>
    public const decimal MaxFuelPricePerUnit = 100_000m;

    /// <summary>
    /// How far a fuel entry's total cost may be from quantity × price per unit when both are given: the larger
    /// of this amount and <see cref="FuelCostTolerancePercent"/> of the product. The margin allows for the
    /// rounding on pump displays and receipts.
    /// </summary>
    public const decimal FuelCostToleranceAmount = 0.02m;

    /// <summary>Percentage of quantity × price per unit that a fuel entry's total cost may differ by; see <see cref="FuelCostToleranceAmount"/>.</summary>
    public const decimal FuelCostTolerancePercent = 1m;

    /// <summary>Earliest date of a fuel entry, service record or meter reading.</summary>
    public static readonly DateOnly MinRecordDate = new(1900, 1, 1);

    /// <summary>
    /// Days after today's UTC date that a fuel entry, a meter reading or a service record that is not planned
    /// may be dated. The tenant's time zone is unknown, and its date may be a day ahead of UTC.
    /// </summary>
    public const int MaxRecordDaysAhead = 1;

    /// <summary>Years after today's UTC date that a planned service record may be dated.</summary>
    public const int MaxPlannedServiceYearsAhead = 5;
    public const int ConcurrencyStampLength = 40;
}
