namespace AutoTracker.Pages.Vehicles;

/// <summary>The TempData keys of the one-time message shown after a redirect.</summary>
public static class StatusMessage
{
    /// <summary>A success, such as "Vehicle saved."</summary>
    public const string Key = "StatusMessage";

    /// <summary>A refused action, such as deleting a reading that belongs to a fuel entry.</summary>
    public const string ErrorKey = "StatusError";
}
