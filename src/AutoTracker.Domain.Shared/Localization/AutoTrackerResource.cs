namespace AutoTracker.Localization;

/// <summary>Marker type for the shared UI strings in AutoTrackerResource.resx.</summary>
public sealed class AutoTrackerResource
{
}
