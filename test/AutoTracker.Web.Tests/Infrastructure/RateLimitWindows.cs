namespace AutoTracker.Web.Tests.Infrastructure;

/// <summary>Helps tests of the Redis rate limits, whose fixed windows start on the minute (UTC).</summary>
public static class RateLimitWindows
{
    /// <summary>Waits for the next minute when fewer than 20 seconds of the current one are left, so a test's attempts fall in one window.</summary>
    public static async Task AvoidMinuteEndAsync()
    {
        var now = DateTime.UtcNow;
        var intoMinute = TimeSpan.FromTicks(now.Ticks % TimeSpan.TicksPerMinute);
        if (intoMinute > TimeSpan.FromSeconds(40))
        {
            await Task.Delay(TimeSpan.FromMinutes(1) - intoMinute + TimeSpan.FromMilliseconds(200));
        }
    }
}
