namespace AutoTracker.Domain;

/// <summary>
/// A named lock shared by every process that uses the same database, for work that must not run twice at once,
/// such as the first-run seed when several nodes start together.
/// </summary>
public interface IDatabaseLock
{
    /// <summary>Waits up to <paramref name="timeout"/> for the lock and returns a handle that releases it.</summary>
    /// <exception cref="TimeoutException">Another holder kept the lock for longer than <paramref name="timeout"/>.</exception>
    Task<IAsyncDisposable> AcquireAsync(string name, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>Helpers that take an <see cref="IDatabaseLock"/> in request handling code.</summary>
public static class DatabaseLockExtensions
{
    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the lock and returns a handle that releases it. A timeout becomes a
    /// <see cref="ConcurrencyConflictException"/> with <paramref name="conflictMessage"/>, which the API returns as 409.
    /// </summary>
    public static async Task<IAsyncDisposable> AcquireOrConflictAsync(
        this IDatabaseLock databaseLock,
        string name,
        TimeSpan timeout,
        string conflictMessage,
        CancellationToken cancellationToken)
    {
        try
        {
            return await databaseLock.AcquireAsync(name, timeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new ConcurrencyConflictException(conflictMessage, ex);
        }
    }
}
