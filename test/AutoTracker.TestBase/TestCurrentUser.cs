using AutoTracker.Identity;

namespace AutoTracker;

/// <summary>
/// The signed-in user of a test, set with <see cref="Change"/> for the current async flow only, so tests running
/// side by side do not see each other's user. No user is signed in until a test sets one.
/// </summary>
public sealed class TestCurrentUser : ICurrentUser
{
    private static readonly AsyncLocal<Guid?> Current = new();

    public Guid? Id => Current.Value;

    public bool IsAuthenticated => Id.HasValue;

    /// <summary>Signs in <paramref name="userId"/> (or no one, with null) until the returned scope is disposed.</summary>
    public IDisposable Change(Guid? userId)
    {
        var previous = Current.Value;
        Current.Value = userId;
        return new Restore(() => Current.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                restore();
            }
        }
    }
}
