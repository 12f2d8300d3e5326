namespace AutoTracker.Pages.Vehicles;

/// <summary>ViewData keys that the vehicle form partial reads.</summary>
public static class VehicleFormOptions
{
    /// <summary>True when the vehicle has meter readings, so the form explains that the meter unit cannot change.</summary>
    public const string MeterUnitLockedKey = "MeterUnitLocked";
}
