using AutoTracker.Vehicles;

namespace AutoTracker.Localization;

/// <summary>
/// English display names of the enums shown in the UI. Each name is also the key of its translation in
/// AutoTrackerResource.resx, so pass it through the string localizer before showing it.
/// </summary>
public static class EnumDisplayNames
{
    /// <summary>Enum types that have display names here. A test checks that the resource file contains all of them.</summary>
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(VehicleKind),
        typeof(VehicleStatus),
        typeof(MeterUnit),
        typeof(MeterReadingSource),
        typeof(FuelUnit),
        typeof(FuelType),
        typeof(ServiceRecordStatus),
        typeof(ServiceLineKind),
        typeof(EconomyUnit),
        typeof(VinCheckState),
        typeof(ImportFormat),
        typeof(ImportRecordKind),
    ];

    /// <summary>Returns the display name of <paramref name="value"/>, or its identifier when the type or value is not listed.</summary>
    public static string Get(Enum value) => value switch
    {
        VehicleKind kind => Get(kind),
        VehicleStatus status => Get(status),
        MeterUnit unit => Get(unit),
        MeterReadingSource source => Get(source),
        FuelUnit unit => Get(unit),
        FuelType type => Get(type),
        ServiceRecordStatus status => Get(status),
        ServiceLineKind kind => Get(kind),
        EconomyUnit unit => Get(unit),
        VinCheckState state => Get(state),
        ImportFormat format => Get(format),
        ImportRecordKind kind => Get(kind),
        _ => value.ToString(),
    };

    /// <summary>Returns the short unit symbol shown after a meter value: km, mi or h.</summary>
    public static string Symbol(MeterUnit unit) => unit switch
    {
        MeterUnit.Kilometers => "km",
        MeterUnit.Miles => "mi",
        MeterUnit.Hours => "h",
        _ => unit.ToString(),
    };

    /// <summary>Returns the short unit symbol shown after a fuel quantity: L, gal or kWh.</summary>
    public static string Symbol(FuelUnit unit) => unit switch
    {
        FuelUnit.Liters => "L",
        FuelUnit.UsGallons => "gal",
        FuelUnit.KilowattHours => "kWh",
        _ => unit.ToString(),
    };

    private static string Get(VehicleKind kind) => kind switch
    {
        VehicleKind.Fleet => "Fleet",
        VehicleKind.Inventory => "Inventory",
        _ => kind.ToString(),
    };

    private static string Get(VehicleStatus status) => status switch
    {
        VehicleStatus.Active => "Active",
        VehicleStatus.InService => "In service",
        VehicleStatus.OutOfService => "Out of service",
        VehicleStatus.Sold => "Sold",
        VehicleStatus.Disposed => "Disposed",
        _ => status.ToString(),
    };

    private static string Get(MeterUnit unit) => unit switch
    {
        MeterUnit.Kilometers => "Kilometres",
        MeterUnit.Miles => "Miles",
        MeterUnit.Hours => "Engine hours",
        _ => unit.ToString(),
    };

    private static string Get(MeterReadingSource source) => source switch
    {
        MeterReadingSource.Manual => "Manual",
        MeterReadingSource.FuelEntry => "Fuel entry",
        MeterReadingSource.ServiceRecord => "Service record",
        MeterReadingSource.Import => "Import",
        _ => source.ToString(),
    };

    private static string Get(FuelUnit unit) => unit switch
    {
        FuelUnit.Liters => "Litres",
        FuelUnit.UsGallons => "US gallons",
        FuelUnit.KilowattHours => "Kilowatt-hours",
        _ => unit.ToString(),
    };

    private static string Get(FuelType type) => type switch
    {
        FuelType.Petrol => "Petrol",
        FuelType.Diesel => "Diesel",
        FuelType.Lpg => "LPG",
        FuelType.Cng => "CNG",
        FuelType.Electricity => "Electricity",
        FuelType.AdBlue => "AdBlue (DEF)",
        _ => type.ToString(),
    };

    private static string Get(ServiceRecordStatus status) => status switch
    {
        ServiceRecordStatus.Planned => "Planned",
        ServiceRecordStatus.InProgress => "In progress",
        ServiceRecordStatus.Done => "Done",
        _ => status.ToString(),
    };

    private static string Get(ServiceLineKind kind) => kind switch
    {
        ServiceLineKind.Labour => "Labour",
        ServiceLineKind.Part => "Part",
        ServiceLineKind.Other => "Other",
        _ => kind.ToString(),
    };

    private static string Get(EconomyUnit unit) => unit switch
    {
        EconomyUnit.LitersPer100Kilometers => "L/100 km",
        EconomyUnit.MilesPerUsGallon => "mpg (US)",
        EconomyUnit.MilesPerImperialGallon => "mpg (imperial)",
        EconomyUnit.KilowattHoursPer100Kilometers => "kWh/100 km",
        _ => unit.ToString(),
    };

    private static string Get(VinCheckState state) => state switch
    {
        VinCheckState.NotChecked => "Not checked",
        VinCheckState.Passed => "Passed",
        VinCheckState.Failed => "Failed",
        _ => state.ToString(),
    };

    private static string Get(ImportFormat format) => format switch
    {
        ImportFormat.AutoTracker => "AutoTracker CSV",
        ImportFormat.LubeLogger => "LubeLogger CSV",
        ImportFormat.Fuelly => "Fuelly CSV",
        _ => format.ToString(),
    };

    private static string Get(ImportRecordKind kind) => kind switch
    {
        ImportRecordKind.Vehicles => "Vehicles",
        ImportRecordKind.FuelEntries => "Fuel entries",
        ImportRecordKind.ServiceRecords => "Service records",
        _ => kind.ToString(),
    };
}
