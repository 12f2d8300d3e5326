using AutoTracker.Identity;

namespace AutoTracker;

/// <summary>
/// The signed-in user of a test, set with <see cref="Change"/> for the current async flow only, so tests running
/// side by side do not see each other's user. No user is signed in until a test sets one.
/// </summary>
public sealed class TestCurrentUser : ICurrentUser
{
    private static readonly AsyncLocal<SignedInUser?> Current = new();

    public Guid? Id => Current.Value?.Id;

    public Guid? TenantId => Current.Value?.TenantId;

    public bool IsAuthenticated => Id.HasValue;

    public IReadOnlyList<string> Roles => Current.Value?.Roles ?? [];

    /// <summary>
    /// Signs in <paramref name="userId"/> of <paramref name="tenantId"/> (null for the host) with
    /// <paramref name="roles"/>, or no one with a null user, until the returned scope is disposed.
    /// </summary>
    public IDisposable Change(Guid? userId, Guid? tenantId, params string[] roles)
    {
        var previous = Current.Value;
        Current.Value = userId is { } id ? new SignedInUser(id, tenantId, roles) : null;
        return new Restore(() => Current.Value = previous);
    }

    private sealed record SignedInUser(Guid Id, Guid? TenantId, IReadOnlyList<string> Roles);

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
