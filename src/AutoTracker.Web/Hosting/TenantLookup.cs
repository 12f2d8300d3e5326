using AutoTracker.EntityFrameworkCore.MultiTenancy;
using AutoTracker.TenantManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AutoTracker.Hosting;

/// <summary>The id, name and active flag of a tenant, which tenant resolution needs.</summary>
public sealed record TenantSummary(Guid Id, string Name, bool IsActive);

/// <summary>
/// Finds tenants by name for tenant resolution, which runs on nearly every request. Results, "not found"
/// included, are kept in a per-node memory cache for a few seconds, keyed by <see cref="Tenant.NormalizeName"/>.
/// </summary>
/// <remarks>
/// A per-node memory cache is enough because the entries are small and read-only, and a Redis round trip
/// would cost about as much as the database query it saves. The short expiry bounds how stale an entry can
/// be: a tenant created or (de)activated just now resolves as before for up to <see cref="FoundLifetime"/>.
/// That delay is safe because sign-in and every signed-in request check the tenant in the database
/// (<c>PasswordSignInService</c>, <c>AppSignInManager</c>), never through this cache. The entry limit keeps
/// requests with random names from growing the cache without bound.
/// </remarks>
public sealed class TenantLookup(HostDatabase hostDatabase, TenantLookupCache cache)
{
    public static readonly TimeSpan FoundLifetime = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan NotFoundLifetime = TimeSpan.FromSeconds(5);

    /// <summary>Returns the tenant with the given name, active or not, or null when no tenant has it.</summary>
    public async Task<TenantSummary?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = Tenant.NormalizeName(name);
        if (cache.Entries.TryGetValue(normalized, out TenantSummary? cached))
        {
            return cached;
        }

        var tenant = await hostDatabase.Context.Tenants.AsNoTracking()
            .Where(t => t.NormalizedName == normalized)
            .Select(t => new TenantSummary(t.Id, t.Name, t.IsActive))
            .FirstOrDefaultAsync(cancellationToken);
        cache.Entries.Set(normalized, tenant, new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = tenant is null ? NotFoundLifetime : FoundLifetime,
            Size = 1,
        });
        return tenant;
    }
}

/// <summary>The memory cache of <see cref="TenantLookup"/>, one per node, apart from the app's other caches.</summary>
public sealed class TenantLookupCache : IDisposable
{
    public const int MaxEntries = 10_000;

    public MemoryCache Entries { get; } = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public void Dispose() => Entries.Dispose();
}
