namespace AutoTracker.Vehicles.Import;

/// <summary>
/// AutoTracker's own layouts, with a header row. docs/import-formats.md describes every column with its type,
/// unit and an example.
/// </summary>
internal static class AutoTrackerLayout
{
    public const string DateFormat = "yyyy-MM-dd";

    public static readonly ImportColumn Vin = new("vin");
    public static readonly ImportColumn Make = new("make");
    public static readonly ImportColumn Model = new("model", required: true);
    public static readonly ImportColumn ModelYear = new("model_year");
    public static readonly ImportColumn Trim = new("trim");
    public static readonly ImportColumn Color = new("color");
    public static readonly ImportColumn Plate = new("plate");
    public static readonly ImportColumn UnitNumber = new("unit_number");
    public static readonly ImportColumn Kind = new("kind");
    public static readonly ImportColumn Status = new("status");
    public static readonly ImportColumn MeterUnit = new("meter_unit", required: true);
    public static readonly ImportColumn Notes = new("notes");

    public static readonly ImportColumn Date = new("date", required: true);
    public static readonly ImportColumn Meter = new("meter", required: true);
    public static readonly ImportColumn Quantity = new("quantity", required: true);
    public static readonly ImportColumn Unit = new("unit");
    public static readonly ImportColumn PricePerUnit = new("price_per_unit");
    public static readonly ImportColumn TotalCost = new("total_cost");
    public static readonly ImportColumn FuelType = new("fuel_type");
    public static readonly ImportColumn FullTank = new("full_tank");
    public static readonly ImportColumn MissedFillUp = new("missed_fill_up");
    public static readonly ImportColumn Vendor = new("vendor");

    public static readonly ImportColumn ServiceMeter = new("meter");
    public static readonly ImportColumn Description = new("description", required: true);
    public static readonly ImportColumn ServiceStatus = new("status");
    public static readonly ImportColumn LabourCost = new("labour_cost");
    public static readonly ImportColumn PartsCost = new("parts_cost");

    public static readonly ImportLayout Vehicles = new(
        "AutoTracker vehicle",
        byPosition: false,
        [Vin, Make, Model, ModelYear, Trim, Color, Plate, UnitNumber, Kind, Status, MeterUnit, Notes]);

    public static readonly ImportLayout FuelEntries = new(
        "AutoTracker fuel entry",
        byPosition: false,
        [Date, Meter, Quantity, Unit, PricePerUnit, TotalCost, FuelType, FullTank, MissedFillUp, Vendor, Notes])
    {
        RequiredOneOf = [[PricePerUnit, TotalCost]],
    };

    public static readonly ImportLayout ServiceRecords = new(
        "AutoTracker service record",
        byPosition: false,
        [Date, ServiceMeter, Vendor, Description, ServiceStatus, LabourCost, PartsCost, Notes]);
}

/// <summary>
/// LubeLogger's CSV import layouts, found by header name. The aliases are the other header names that
/// LubeLogger's importer accepts for a column. The columns that an export adds (ids, economy) and any
/// extrafield_ column are accepted and not read. Dates are M/d/yyyy.
/// </summary>
internal static class LubeLoggerLayout
{
    public const string DateFormat = "M/d/yyyy";

    private const string ExtraFieldPrefix = "extrafield_";

    public static readonly ImportColumn Date = new("Date", required: true, "fuelup_date");
    public static readonly ImportColumn Odometer = new("Odometer", required: true, "odo");
    public static readonly ImportColumn FuelConsumed = new("FuelConsumed", required: true, "gallons", "liters", "litres", "quantity", "qty");
    public static readonly ImportColumn Cost = new("Cost", required: false, "total cost");
    public static readonly ImportColumn Price = new("Price");
    public static readonly ImportColumn IsFillToFull = new("IsFillToFull", required: false, "filled up");
    public static readonly ImportColumn PartialFuelUp = new("partial_fuelup");
    public static readonly ImportColumn MissedFuelUp = new("MissedFuelUp", required: false, "missed_fuelup");
    public static readonly ImportColumn Notes = new("Notes");
    public static readonly ImportColumn Tags = new("Tags");

    public static readonly ImportColumn ServiceOdometer = new("Odometer", required: false, "odo");
    public static readonly ImportColumn Description = new("Description", required: true);

    public static readonly ImportLayout Fuel = new(
        "LubeLogger fuel",
        byPosition: false,
        [Date, Odometer, FuelConsumed, Cost, Price, IsFillToFull, PartialFuelUp, MissedFuelUp, Notes, Tags])
    {
        IgnoredColumns = ["VehicleId", "Id", "FuelEconomy"],
        IgnoredPrefix = ExtraFieldPrefix,
        RequiredOneOf = [[Cost, Price]],
    };

    public static readonly ImportLayout Maintenance = new(
        "LubeLogger maintenance",
        byPosition: false,
        [Date, ServiceOdometer, Description, Notes, Cost, Tags])
    {
        IgnoredColumns = ["VehicleId", "Id"],
        IgnoredPrefix = ExtraFieldPrefix,
    };

    /// <summary>Returns the unit a quantity header names (liters, gallons), or null when it names none.</summary>
    public static FuelUnit? UnitNamedBy(string header) => header.ToLowerInvariant() switch
    {
        "liters" or "litres" => FuelUnit.Liters,
        "gallons" => FuelUnit.UsGallons,
        _ => null,
    };
}

/// <summary>
/// A Fuelly export read by position, the way Hammond (akhilrex/hammond) imports it: the header row is skipped
/// and its names are not checked. Gas rows are fill-ups and Service rows are service records. Dates are yyyy-MM-dd.
/// </summary>
internal static class FuellyLayout
{
    public const string DateFormat = "yyyy-MM-dd";
    public const string GasType = "Gas";
    public const string ServiceType = "Service";
    public const string FullTankMark = "Full";

    public static readonly ImportColumn Type = new("Type");
    public static readonly ImportColumn Mpg = new("MPG");
    public static readonly ImportColumn Date = new("Date");
    public static readonly ImportColumn Time = new("Time");
    public static readonly ImportColumn CarName = new("Car Name");
    public static readonly ImportColumn Odometer = new("Odometer");
    public static readonly ImportColumn FilledUp = new("Filled Up");
    public static readonly ImportColumn CostPerGallon = new("Cost/Gallon");
    public static readonly ImportColumn Gallons = new("Gallons");
    public static readonly ImportColumn TotalCost = new("Total Cost");
    public static readonly ImportColumn Octane = new("Octane");
    public static readonly ImportColumn GasBrand = new("Gas Brand");
    public static readonly ImportColumn Location = new("Location");
    public static readonly ImportColumn Tags = new("Tags");
    public static readonly ImportColumn PaymentType = new("Payment Type");
    public static readonly ImportColumn TirePressure = new("Tire Pressure");
    public static readonly ImportColumn Notes = new("Notes");
    public static readonly ImportColumn Services = new("Services");

    /// <summary>The 18 positions in order: column i of a row is Columns[i].</summary>
    public static readonly ImportLayout Layout = new(
        "Fuelly",
        byPosition: true,
        [Type, Mpg, Date, Time, CarName, Odometer, FilledUp, CostPerGallon, Gallons, TotalCost, Octane, GasBrand, Location, Tags, PaymentType, TirePressure, Notes, Services]);
}
