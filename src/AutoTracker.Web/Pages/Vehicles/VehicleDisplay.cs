using System.Globalization;
using AutoTracker.Vehicles;

namespace AutoTracker.Pages.Vehicles;

/// <summary>Formatting shared by the vehicle pages.</summary>
public static class VehicleDisplay
{
    /// <summary>
    /// English region names that the VIN decoder stores and returns (VehicleMapper.DescribeRegion). They are
    /// resource keys, so the pages and the live VIN check can show them translated.
    /// </summary>
    public static IReadOnlyList<string> VinRegionNames { get; } = ["Africa", "Asia", "Europe", "North America", "Oceania", "South America"];

    /// <summary>Returns the heading of a vehicle, such as "2017 Honda Pilot EX-L".</summary>
    public static string Title(VehicleDto vehicle) =>
        string.Join(' ', new[] { vehicle.ModelYear?.ToString(CultureInfo.InvariantCulture), vehicle.Make, vehicle.Model, vehicle.Trim }
            .Where(part => !string.IsNullOrWhiteSpace(part)));

    /// <summary>Returns the Bootstrap badge colour class for a vehicle status.</summary>
    public static string StatusBadgeClass(VehicleStatus status) => status switch
    {
        VehicleStatus.Active => "text-bg-success",
        VehicleStatus.InService => "text-bg-info",
        VehicleStatus.OutOfService => "text-bg-warning",
        VehicleStatus.Sold => "text-bg-secondary",
        _ => "text-bg-dark",
    };

    /// <summary>Returns the Bootstrap badge colour class for the outcome of the VIN check digit test.</summary>
    public static string CheckBadgeClass(VinCheckState state) => state switch
    {
        VinCheckState.Passed => "text-bg-success",
        VinCheckState.Failed => "text-bg-danger",
        _ => "text-bg-secondary",
    };

    /// <summary>Formats a meter value with thousands separators and at most one decimal.</summary>
    public static string Meter(double value) => value.ToString("#,0.#", CultureInfo.CurrentCulture);

    /// <summary>Formats an amount of money with two decimals. The tenant's currency is not stored, so no symbol is shown.</summary>
    public static string Money(decimal amount) => amount.ToString("N2", CultureInfo.CurrentCulture);

    /// <summary>Formats a UTC time as 2024-05-31 14:05 UTC.</summary>
    public static string UtcTime(DateTime time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Formats a date in ISO 8601 form (2024-05-31), which reads the same in every locale.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
