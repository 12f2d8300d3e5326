namespace AutoTracker.Vehicles;

/// <summary>Whether a vehicle is run by a fleet or held for sale by a dealer.</summary>
public enum VehicleKind
{
    Fleet = 0,
    Inventory = 1,
}

public enum VehicleStatus
{
    Active = 0,
    InService = 1,
    OutOfService = 2,
    Sold = 3,
    Disposed = 4,
}

/// <summary>Unit of a vehicle's meter: an odometer in kilometres or miles, or an hour meter.</summary>
public enum MeterUnit
{
    Kilometers = 0,
    Miles = 1,
    Hours = 2,
}

/// <summary>Where a meter reading came from.</summary>
public enum MeterReadingSource
{
    Manual = 0,
    FuelEntry = 1,
    ServiceRecord = 2,
    Import = 3,
}

public enum FuelUnit
{
    Liters = 0,
    UsGallons = 1,
    KilowattHours = 2,
}

public enum FuelType
{
    Petrol = 0,
    Diesel = 1,
    Lpg = 2,
    Cng = 3,
    Electricity = 4,
    AdBlue = 5,
}

public enum ServiceRecordStatus
{
    Planned = 0,
    InProgress = 1,
    Done = 2,
}

public enum ServiceLineKind
{
    Labour = 0,
    Part = 1,
    Other = 2,
}

/// <summary>Unit in which fuel economy is shown.</summary>
public enum EconomyUnit
{
    LitersPer100Kilometers = 0,
    MilesPerUsGallon = 1,
    MilesPerImperialGallon = 2,
    KilowattHoursPer100Kilometers = 3,
}

/// <summary>Outcome of the VIN check digit (position 9) test.</summary>
public enum VinCheckState
{
    NotChecked = 0,
    Passed = 1,
    Failed = 2,
}

/// <summary>CSV layout of an import file.</summary>
public enum ImportFormat
{
    AutoTracker = 0,
    LubeLogger = 1,
    Fuelly = 2,
}

public enum ImportRecordKind
{
    Vehicles = 0,
    FuelEntries = 1,
    ServiceRecords = 2,
}
