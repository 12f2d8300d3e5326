using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using AutoTracker.Vehicles;

namespace AutoTracker.Localization;

/// <summary>Shows enum values and units in human words through the string localizer.</summary>
public static class LocalizerExtensions
{
    /// <summary>Returns the localized display name of an enum value, such as "Out of service" for <see cref="VehicleStatus.OutOfService"/>.</summary>
    public static string Display(this IStringLocalizer localizer, Enum value) => localizer[DisplayKey(value)];

    /// <summary>
    /// Returns the English display name of an enum value, which is also its resource key. The sort fields are
    /// named here because their enum lives in the application contracts, which Domain.Shared cannot see.
    /// </summary>
    public static string DisplayKey(Enum value) => value switch
    {
        VehicleSortField.CreationTime => "Date added",
        VehicleSortField.Make => "Make and model",
        VehicleSortField.ModelYear => "Year",
        VehicleSortField.Plate => "Plate",
        VehicleSortField.UnitNumber => "Unit no.",
        _ => EnumDisplayNames.Get(value),
    };

    /// <summary>Returns the localized short symbol of a meter unit (km, mi or h).</summary>
    public static string Symbol(this IStringLocalizer localizer, MeterUnit unit) => localizer[EnumDisplayNames.Symbol(unit)];

    /// <summary>Returns the localized short symbol of a fuel unit (L, gal or kWh).</summary>
    public static string Symbol(this IStringLocalizer localizer, FuelUnit unit) => localizer[EnumDisplayNames.Symbol(unit)];

    /// <summary>
    /// Builds select options for every value of <typeparamref name="TEnum"/>. The option value is the enum
    /// name, which model binding reads back, and the select tag helper marks the bound value as selected.
    /// </summary>
    public static IReadOnlyList<SelectListItem> Options<TEnum>(this IStringLocalizer localizer)
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(value => new SelectListItem(localizer.Display(value), value.ToString())).ToList();
}
