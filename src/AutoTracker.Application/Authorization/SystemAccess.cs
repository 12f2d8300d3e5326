namespace AutoTracker.Authorization;

/// <summary>
/// Lets code that runs without a signed-in user, such as the seed, call application services: inside the scope
/// that <see cref="Begin"/> returns, every permission of the current side is granted while no user is signed in.
/// A signed-in user's permissions never change. Search for <c>SystemAccess.Begin</c> to review each use.
/// </summary>
public static class SystemAccess
{
    private static readonly AsyncLocal<bool> Active = new();

    /// <summary>True inside a scope started by <see cref="Begin"/> in the current async flow.</summary>
    public static bool IsActive => Active.Value;

    public static IDisposable Begin()
    {
        var previous = Active.Value;
        Active.Value = true;
        return new Scope(previous);
    }

    private sealed class Scope(bool previous) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Active.Value = previous;
            }
        }
    }
}
