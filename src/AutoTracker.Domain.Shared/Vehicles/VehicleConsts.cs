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

    public const decimal MaxMoney = 10_000_000m;
    public const int ConcurrencyStampLength = 40;
}
