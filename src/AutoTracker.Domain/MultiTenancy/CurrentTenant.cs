namespace AutoTracker.MultiTenancy;

/// <summary>
/// Keeps the current tenant in an <see cref="AsyncLocal{T}"/>, so a change made in one request or task never
/// leaks into another and is undone when its scope ends.
/// </summary>
public sealed class CurrentTenant : ICurrentTenant
{
    private static readonly AsyncLocal<TenantInfo?> Current = new();

    public Guid? Id => Current.Value?.Id;

    public string? Name => Current.Value?.Name;

    public bool IsAvailable => Id.HasValue;

    public IDisposable Change(Guid? id, string? name = null)
    {
        var previous = Current.Value;
        Current.Value = new TenantInfo(id, name);
        return new Restore(() => Current.Value = previous);
    }

    private sealed record TenantInfo(Guid? Id, string? Name);

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
