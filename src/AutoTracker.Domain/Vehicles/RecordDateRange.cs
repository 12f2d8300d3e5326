using System.Globalization;

namespace AutoTracker.Vehicles;

/// <summary>
/// The dates a fuel entry, meter reading or service record may have: from <see cref="VehicleConsts.MinRecordDate"/>
/// to a day after today's UTC date, or up to five years ahead for a planned service. A date far in the future
/// would otherwise become the vehicle's latest meter reading and block every real entry after it.
/// </summary>
public static class RecordDateRange
{
    public const string DefaultFormat = "yyyy-MM-dd";

    /// <summary>Returns today's date in UTC, which may differ by a day from the tenant's own date.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static DateOnly Latest(DateOnly today, bool plannedService) =>
        plannedService ? today.AddYears(VehicleConsts.MaxPlannedServiceYearsAhead) : today.AddDays(VehicleConsts.MaxRecordDaysAhead);

    /// <summary>
    /// Returns an error message naming <paramref name="fieldName"/> and the allowed range when
    /// <paramref name="date"/> is outside it, or null when it is inside. Dates in the message use
    /// <paramref name="dateFormat"/>, so an import error shows them as the file writes them.
    /// </summary>
    public static string? Check(DateOnly date, DateOnly today, bool plannedService, string fieldName, string dateFormat = DefaultFormat)
    {
        var latest = Latest(today, plannedService);
        if (date >= VehicleConsts.MinRecordDate && date <= latest)
        {
            return null;
        }

        var range = $"from {Format(VehicleConsts.MinRecordDate, dateFormat)} to {Format(latest, dateFormat)}";
        return plannedService
            ? $"{Format(date, dateFormat)} is out of range; the {fieldName} of a planned service must be {range}."
            : $"{Format(date, dateFormat)} is out of range; the {fieldName} must be {range}.";
    }

    /// <summary>
    /// Returns the error message for a service record's date, whose range depends on the status. For a service
    /// that is not planned but dated within the planned range, the message adds that only a planned one may be.
    /// </summary>
    public static string? CheckServiceDate(DateOnly date, DateOnly today, ServiceRecordStatus status, string fieldName, string dateFormat = DefaultFormat)
    {
        var planned = status == ServiceRecordStatus.Planned;
        var problem = Check(date, today, planned, fieldName, dateFormat);
        if (problem is null || planned || Check(date, today, plannedService: true, fieldName, dateFormat) is not null)
        {
            return problem;
        }

        return $"{problem} Only a planned service may be dated later, up to {Format(Latest(today, plannedService: true), dateFormat)}.";
    }

    private static string Format(DateOnly date, string format) => date.ToString(format, CultureInfo.InvariantCulture);
}
