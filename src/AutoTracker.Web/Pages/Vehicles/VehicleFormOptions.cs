namespace AutoTracker.Pages.Vehicles;

/// <summary>ViewData keys that the vehicle form partial reads.</summary>
public static class VehicleFormOptions
{
    /// <summary>True when the vehicle has meter readings, so the form explains that the meter unit cannot change.</summary>
    public const string MeterUnitLockedKey = "MeterUnitLocked";

    /// <summary>The organization units the user may choose, as a list of <c>OrganizationUnitDto</c> sorted by code.</summary>
    public const string OrganizationUnitsKey = "OrganizationUnits";
}
