using System.Globalization;

namespace AutoTracker.Vehicles.Import;

/// <summary>A parsed and checked file: its errors, its clean records and what saving them needs.</summary>
internal sealed class ImportCheck(ParsedImport parsed, Vehicle? vehicle, IReadOnlyList<StoredReading> storedReadings)
{
    public ParsedImport Parsed { get; } = parsed;

    /// <summary>Vehicle that receives the records, loaded for tracking; null for vehicle imports.</summary>
    public Vehicle? Vehicle { get; } = vehicle;

    public IReadOnlyList<StoredReading> StoredReadings { get; } = storedReadings;

    public IReadOnlyList<ImportErrorDto> Errors { get; } = parsed.Errors.ToList();

    /// <summary>Number of errors, including those left out of <see cref="Errors"/>.</summary>
    public int ErrorCount => Parsed.Errors.Count;

    public int RecordCount => Parsed.RecordCount;

    public int SkippedCount => Parsed.SkippedCount;

    /// <summary>Sum of the total costs of the records that read cleanly.</summary>
    public decimal TotalCost => Parsed.FuelEntries.Sum(f => f.Value.TotalCost) + Parsed.ServiceRecords.Sum(s => s.Value.TotalCost);

    /// <summary>Returns the first clean records as the AutoTracker layout's column names and values, converted to the vehicle's units.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> SampleRows(int count)
    {
        var fuel = Parsed.FuelEntries.Take(count).Select(f => FuelSample(f.Row, f.Value));
        var service = Parsed.ServiceRecords.Take(count).Select(s => ServiceSample(s.Row, s.Value));
        var vehicles = Parsed.Vehicles.Take(count).Select(v => VehicleSample(v.Row, v.Value));
        return fuel.Concat(service).Concat(vehicles).Take(count).ToList();
    }

    private static Dictionary<string, string> FuelSample(int row, FuelEntry entry) => new()
    {
        ["row"] = Format(row),
        [AutoTrackerLayout.Date.Name] = Format(entry.Date),
        [AutoTrackerLayout.Meter.Name] = Format(entry.MeterValue),
        [AutoTrackerLayout.Quantity.Name] = Format(entry.Quantity),
        [AutoTrackerLayout.Unit.Name] = entry.Unit.ToString(),
        [AutoTrackerLayout.PricePerUnit.Name] = Format(entry.PricePerUnit),
        [AutoTrackerLayout.TotalCost.Name] = Format(entry.TotalCost),
        [AutoTrackerLayout.FuelType.Name] = entry.FuelType.ToString(),
        [AutoTrackerLayout.FullTank.Name] = Format(entry.IsFullTank),
        [AutoTrackerLayout.MissedFillUp.Name] = Format(entry.IsMissedFillUp),
        [AutoTrackerLayout.Vendor.Name] = entry.Vendor ?? string.Empty,
        [AutoTrackerLayout.Notes.Name] = entry.Notes ?? string.Empty,
    };

    private static Dictionary<string, string> ServiceSample(int row, ServiceRecord record) => new()
    {
        ["row"] = Format(row),
        [AutoTrackerLayout.Date.Name] = Format(record.Date),
        [AutoTrackerLayout.ServiceMeter.Name] = record.MeterValue is { } meter ? Format(meter) : string.Empty,
        [AutoTrackerLayout.Vendor.Name] = record.Vendor ?? string.Empty,
        [AutoTrackerLayout.Description.Name] = record.Description,
        [AutoTrackerLayout.ServiceStatus.Name] = record.Status.ToString(),
        [AutoTrackerLayout.LabourCost.Name] = LineSum(record, ServiceLineKind.Labour),
        [AutoTrackerLayout.PartsCost.Name] = LineSum(record, ServiceLineKind.Part),
        ["other_cost"] = LineSum(record, ServiceLineKind.Other),
        [AutoTrackerLayout.TotalCost.Name] = Format(record.TotalCost),
        [AutoTrackerLayout.Notes.Name] = record.Notes ?? string.Empty,
    };

    private static Dictionary<string, string> VehicleSample(int row, Vehicle vehicle) => new()
    {
        ["row"] = Format(row),
        [AutoTrackerLayout.Vin.Name] = vehicle.Vin ?? string.Empty,
        [AutoTrackerLayout.Make.Name] = vehicle.Make,
        [AutoTrackerLayout.Model.Name] = vehicle.Model,
        [AutoTrackerLayout.ModelYear.Name] = vehicle.ModelYear is { } year ? Format(year) : string.Empty,
        [AutoTrackerLayout.Trim.Name] = vehicle.Trim ?? string.Empty,
        [AutoTrackerLayout.Color.Name] = vehicle.Color ?? string.Empty,
        [AutoTrackerLayout.Plate.Name] = vehicle.Plate ?? string.Empty,
        [AutoTrackerLayout.UnitNumber.Name] = vehicle.UnitNumber ?? string.Empty,
        [AutoTrackerLayout.Kind.Name] = vehicle.Kind.ToString(),
        [AutoTrackerLayout.Status.Name] = vehicle.Status.ToString(),
        [AutoTrackerLayout.MeterUnit.Name] = vehicle.MeterUnit.ToString(),
        [AutoTrackerLayout.Notes.Name] = vehicle.Notes ?? string.Empty,
    };

    private static string LineSum(ServiceRecord record, ServiceLineKind kind)
    {
        var lines = record.Lines.Where(l => l.Kind == kind).ToList();
        return lines.Count == 0 ? string.Empty : Format(lines.Sum(l => l.Amount));
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(bool value) => value ? "true" : "false";

    private static string Format(DateOnly value) => value.ToString(AutoTrackerLayout.DateFormat, CultureInfo.InvariantCulture);
}
