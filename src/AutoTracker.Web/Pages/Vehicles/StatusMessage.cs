namespace AutoTracker.Pages.Vehicles;

/// <summary>The TempData key of the one-time success message shown after a redirect.</summary>
public static class StatusMessage
{
    public const string Key = "StatusMessage";
}
