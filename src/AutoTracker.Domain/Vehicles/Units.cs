namespace AutoTracker.Vehicles;

/// <summary>Exact conversion factors (international mile, US liquid gallon, imperial gallon).</summary>
public static class Units
{
    public const double KilometersPerMile = 1.609344;
    public const double LitersPerUsGallon = 3.785411784;
    public const double LitersPerImperialGallon = 4.54609;

    public static double ToKilometers(double value, MeterUnit unit) => unit switch
    {
        MeterUnit.Kilometers => value,
        MeterUnit.Miles => value * KilometersPerMile,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Hour meters have no distance."),
    };

    public static double FromKilometers(double kilometers, MeterUnit unit) => unit switch
    {
        MeterUnit.Kilometers => kilometers,
        MeterUnit.Miles => kilometers / KilometersPerMile,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Hour meters have no distance."),
    };

    /// <summary>Converts a liquid quantity to litres; kWh stay kWh.</summary>
    public static double ToBaseQuantity(double quantity, FuelUnit unit) => unit switch
    {
        FuelUnit.Liters => quantity,
        FuelUnit.UsGallons => quantity * LitersPerUsGallon,
        FuelUnit.KilowattHours => quantity,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    public static double FromBaseQuantity(double baseQuantity, FuelUnit unit) => unit switch
    {
        FuelUnit.Liters => baseQuantity,
        FuelUnit.UsGallons => baseQuantity / LitersPerUsGallon,
        FuelUnit.KilowattHours => baseQuantity,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    public static bool IsElectric(FuelUnit unit) => unit == FuelUnit.KilowattHours;
}
