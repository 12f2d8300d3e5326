using AutoTracker.Domain;
using AutoTracker.MultiTenancy;

namespace AutoTracker.Identity;

/// <summary>
/// Serializes the changes of one tenant that can take user or permission management away: user role changes,
/// deactivations, locks and deletes, grant changes and role deletes. Each of them checks who keeps management and
/// then writes, so two of them running together could each pass the check while the other removes the last
/// other manager.
/// </summary>
public sealed class ManagementLock(IDatabaseLock databaseLock, ICurrentTenant currentTenant)
{
    /// <summary>How long a change waits for another one of the same tenant.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Waits for the tenant's lock and returns a handle that releases it.</summary>
    /// <exception cref="ConcurrencyConflictException">Other changes kept the lock for longer than the timeout.</exception>
    public Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken) =>
        databaseLock.AcquireOrConflictAsync(
            $"management:{currentTenant.Id?.ToString("N") ?? "host"}",
            Timeout,
            $"Other requests of this tenant were changing users, roles or permissions, and this one stopped waiting after {Timeout.TotalSeconds:0} s. Nothing was saved. Try again in a moment.",
            cancellationToken);
}
