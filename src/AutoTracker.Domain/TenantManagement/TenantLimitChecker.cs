using AutoTracker.Domain;
using AutoTracker.MultiTenancy;
using AutoTracker.Vehicles;

namespace AutoTracker.TenantManagement;

/// <summary>
/// Enforces the host's per-tenant limits on vehicles and users before records are added. A vehicle count and the
/// save of the vehicles it allowed run under the tenant's vehicle lock (<see cref="LockVehicleCountAsync"/>), so that
/// parallel requests, on one node or several, cannot pass the limit together.
/// </summary>
/// <remarks>It is registered per scope, because the lock it holds belongs to the scope's request.</remarks>
public sealed class TenantLimitChecker(
    IRepository<Tenant> tenants,
    IRepository<Vehicle> vehicles,
    IQueryExecutor executor,
    ICurrentTenant currentTenant,
    IDatabaseLock databaseLock)
{
    /// <summary>Default of <see cref="VehicleLockTimeout"/>.</summary>
    public static readonly TimeSpan DefaultVehicleLockTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Number of open handles of <see cref="LockVehicleCountAsync"/> in this scope.</summary>
    private int _vehicleLockDepth;

    /// <summary>The database lock that the outermost handle took, or null when the tenant had no vehicle limit.</summary>
    private IAsyncDisposable? _heldVehicleLock;

    /// <summary>
    /// How long a request waits while other requests of its tenant add vehicles. On MySQL the wait is rounded up to
    /// whole seconds, because GET_LOCK takes seconds.
    /// </summary>
    public TimeSpan VehicleLockTimeout { get; set; } = DefaultVehicleLockTimeout;

    /// <summary>
    /// Opens a section in which vehicles may be counted and added, and returns the handle that closes it. When the
    /// current tenant has a vehicle limit, the outermost section of the scope holds the tenant's database lock.
    /// Open it before the transaction that adds the vehicles begins, and close it after that transaction has
    /// committed. A MySQL transaction reads from the snapshot of its first read, so a count in a transaction that
    /// began before the lock could miss vehicles that the previous holder saved.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">Other requests of the tenant held the lock for longer than <see cref="VehicleLockTimeout"/>.</exception>
    public async Task<IAsyncDisposable> LockVehicleCountAsync(CancellationToken cancellationToken)
    {
        if (_vehicleLockDepth == 0 && await LimitsAsync(cancellationToken) is { MaxVehicles: not null } tenant)
        {
            _heldVehicleLock = await databaseLock.AcquireOrConflictAsync(
                VehicleLockName(tenant.Id),
                VehicleLockTimeout,
                $"Other requests of this tenant were adding vehicles, and this one stopped waiting for them after {VehicleLockTimeout.TotalSeconds:0.#} s. Nothing was saved. Try again in a moment.",
                cancellationToken);
        }

        _vehicleLockDepth++;
        return new VehicleCountSection(this);
    }

    /// <summary>
    /// Throws a <see cref="BusinessException"/> when <paramref name="adding"/> more vehicles would pass the current
    /// tenant's limit. Call it inside a section of <see cref="LockVehicleCountAsync"/>.
    /// </summary>
    public async Task EnsureVehiclesAllowedAsync(int adding, CancellationToken cancellationToken)
    {
        if (await LimitsAsync(cancellationToken) is not { MaxVehicles: { } max })
        {
            return;
        }

        if (_vehicleLockDepth == 0)
        {
            throw new InvalidOperationException(
                $"The vehicle limit of tenant {currentTenant.Id} was checked outside {nameof(LockVehicleCountAsync)}. Open that section first and close it after the vehicles are saved.");
        }

        var count = await executor.CountAsync(vehicles.Query(), cancellationToken);
        if (count + adding > max)
        {
            throw new BusinessException(
                ErrorCodes.VehicleLimitReached,
                $"This tenant may keep at most {max} vehicles and has {count}; ask the operator to raise the limit.");
        }
    }

    /// <summary>Throws a <see cref="BusinessException"/> when <paramref name="adding"/> more users would pass the tenant's limit.</summary>
    public static void EnsureUsersAllowed(Tenant tenant, int existing, int adding)
    {
        if (tenant.MaxUsers is { } max && existing + adding > max)
        {
            throw new BusinessException(
                ErrorCodes.UserLimitReached,
                $"This tenant may have at most {max} users and has {existing}; ask the operator to raise the limit.",
                nameof(Tenant.MaxUsers));
        }
    }


    /// <summary>
    /// Returns the name of a tenant's vehicle lock, 46 characters long. MySQL allows 64, and <c>MySqlDatabaseLock</c>
    /// adds a 12-character prefix.
    /// </summary>
    public static string VehicleLockName(Guid tenantId) => $"vehicle-limit:{tenantId:N}";

    private async Task<Tenant?> LimitsAsync(CancellationToken cancellationToken)
    {
        if (currentTenant.Id is not { } tenantId)
        {
            return null;
        }

        return await executor.FirstOrDefaultAsync(tenants.Query().Where(t => t.Id == tenantId), cancellationToken);
    }

    /// <summary>Closes one section once. Closing the outermost one releases the database lock, if it holds one.</summary>
    private sealed class VehicleCountSection(TenantLimitChecker owner) : IAsyncDisposable
    {
        private int _closed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0 || --owner._vehicleLockDepth > 0 || owner._heldVehicleLock is not { } held)
            {
                return;
            }

            owner._heldVehicleLock = null;
            await held.DisposeAsync();
        }
    }
}
