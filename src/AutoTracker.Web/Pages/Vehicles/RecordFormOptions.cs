namespace AutoTracker.Pages.Vehicles;

/// <summary>ViewData keys that the record form partials read, because a partial rendered for Input cannot see the page model.</summary>
public static class RecordFormOptions
{
    /// <summary>Symbol of the vehicle's meter unit (km, mi or h), shown after meter fields.</summary>
    public const string MeterSymbolKey = "MeterSymbol";
}
