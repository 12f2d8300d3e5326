using System.Globalization;

namespace AutoTracker.Vehicles.Import;

/// <summary>A record read from a file, with its spreadsheet row number.</summary>
internal sealed record ParsedRecord<T>(int Row, T Value);

/// <summary>What parsing a file produced: the records that read cleanly, and the errors of all the others.</summary>
internal sealed class ParsedImport
{
    public ImportErrorSink Errors { get; } = new();

    /// <summary>Data records of the kind being imported, with or without errors; skipped records do not count.</summary>
    public int RecordCount { get; set; }

    /// <summary>Records of another kind that the file contains, such as Fuelly's Service rows in a fuel import.</summary>
    public int SkippedCount { get; set; }

    /// <summary>Name of the odometer column as the file spells it, for meter history errors.</summary>
    public string MeterColumn { get; set; } = string.Empty;

    public List<ParsedRecord<FuelEntry>> FuelEntries { get; } = [];

    public List<ParsedRecord<ServiceRecord>> ServiceRecords { get; } = [];

    public List<ParsedRecord<Vehicle>> Vehicles { get; } = [];

    /// <summary>Row of each valid VIN in the file, normalized, whether or not its row has other errors.</summary>
    public Dictionary<string, int> VinRows { get; } = new(StringComparer.Ordinal);
}

/// <summary>What the row readers need besides the row: the target vehicle, the units of the file and today's UTC date.</summary>
internal sealed class ImportParseContext(Vehicle? vehicle, MeterUnit fileMeterUnit, FuelUnit? volumeUnit, ImportOptions options, DateOnly today)
{
    /// <summary>Vehicle that receives fuel entries or service records; null for vehicle imports.</summary>
    public Vehicle? Vehicle { get; } = vehicle;

    public Guid VehicleId => Vehicle?.Id ?? Guid.Empty;

    public MeterUnit FileMeterUnit { get; } = fileMeterUnit;

    /// <summary>Unit of the file's quantities chosen at upload; null when the layout or the file decides.</summary>
    public FuelUnit? VolumeUnit { get; } = volumeUnit;

    public ImportOptions Options { get; } = options;

    /// <summary>Today's UTC date, which bounds the records' dates; see <see cref="RecordDateRange"/>.</summary>
    public DateOnly Today { get; } = today;

    /// <summary>Reads an odometer value in the file's unit and returns it in the vehicle's meter unit.</summary>
    public double? Meter(ImportCellReader cells, ImportColumn column, bool required)
    {
        var value = cells.Number(column, 0, VehicleConsts.MaxMeterValue, required);
        if (value is null || Vehicle is null)
        {
            return value;
        }

        var converted = MeterConversion.Convert(value.Value, FileMeterUnit, Vehicle.MeterUnit);
        if (converted > VehicleConsts.MaxMeterValue)
        {
            cells.AddError(column, $"{value.Value.ToString(CultureInfo.InvariantCulture)} {MeterConversion.Symbol(FileMeterUnit)} is more than {VehicleConsts.MaxMeterValue} {MeterConversion.Symbol(Vehicle.MeterUnit)}.");
            return null;
        }

        return converted;
    }
}

internal static class MeterConversion
{
    public static bool CanConvert(MeterUnit from, MeterUnit to) => from == to || (from != MeterUnit.Hours && to != MeterUnit.Hours);

    /// <summary>
    /// Converts between kilometres and miles, rounded to 0.1 as an odometer shows it; hours stay hours. Rounding
    /// keeps the order of readings, so a history that never went down still never goes down.
    /// </summary>
    public static double Convert(double value, MeterUnit from, MeterUnit to) =>
        from == to ? value : Math.Round(Units.FromKilometers(Units.ToKilometers(value, from), to), 1, MidpointRounding.AwayFromZero);

    public static string Symbol(MeterUnit unit) => unit switch
    {
        MeterUnit.Kilometers => "km",
        MeterUnit.Miles => "mi",
        _ => "h",
    };

    public static string Format(double value, MeterUnit unit) => $"{value.ToString(CultureInfo.InvariantCulture)} {Symbol(unit)}";
}
