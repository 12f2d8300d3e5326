using System.Security.Cryptography;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoTracker.EntityFrameworkCore.MultiTenancy;

/// <summary>
/// Finds the decrypted connection string of a tenant's own database, or null for a tenant in the shared database.
/// Every DbContext looks its tenant up here when it is created and before each connection opens, so results are
/// cached in memory on each node, "no database of its own" included.
/// </summary>
/// <remarks>
/// An entry lives <see cref="Lifetime"/> at most. The node that changes a tenant's database forgets the entry at once;
/// other nodes follow within that lifetime, which is why a tenant's database is changed while the tenant is deactivated.
/// </remarks>
public sealed partial class TenantConnectionStrings(
    HostDbContextFactory hostContexts,
    ConnectionStringProtector protector,
    ILogger<TenantConnectionStrings> logger) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private const int MaxEntries = 10_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    /// <summary>Returns the tenant's own connection string, or null for the host and for tenants in the shared database.</summary>
    public string? Find(Guid? tenantId)
    {
        if (tenantId is not { } id)
        {
            return null;
        }

        if (_cache.TryGetValue(id, out Entry? cached))
        {
            return cached!.Read(id);
        }

        using var context = hostContexts.Create();
        var stored = context.Tenants.AsNoTracking().Where(t => t.Id == id).Select(t => t.ProtectedConnectionString).FirstOrDefault();
        return Remember(id, stored);
    }

    /// <summary>The same as <see cref="Find"/>, without blocking a thread on a cache miss.</summary>
    public async ValueTask<string?> FindAsync(Guid? tenantId, CancellationToken cancellationToken)
    {
        if (tenantId is not { } id)
        {
            return null;
        }

        if (_cache.TryGetValue(id, out Entry? cached))
        {
            return cached!.Read(id);
        }

        await using var context = hostContexts.Create();
        var stored = await context.Tenants.AsNoTracking().Where(t => t.Id == id).Select(t => t.ProtectedConnectionString).FirstOrDefaultAsync(cancellationToken);
        return Remember(id, stored);
    }

    public void Forget(Guid tenantId) => _cache.Remove(tenantId);

    public void Dispose() => _cache.Dispose();

    /// <summary>
    /// Decrypts and caches the stored string. A string that cannot be decrypted is cached as such too, so that the
    /// error is logged once per <see cref="Lifetime"/> and not on every request of the tenant.
    /// </summary>
    private string? Remember(Guid tenantId, string? stored)
    {
        var entry = new Entry(null, Unreadable: false);
        if (stored is not null)
        {
            try
            {
                entry = new Entry(protector.Unprotect(stored), Unreadable: false);
            }
            catch (CryptographicException ex)
            {
                LogUndecryptable(logger, ex, tenantId);
                entry = new Entry(null, Unreadable: true);
            }
        }

        _cache.Set(tenantId, entry, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return entry.Read(tenantId);
    }

    private sealed record Entry(string? ConnectionString, bool Unreadable)
    {
        public string? Read(Guid tenantId) =>
            Unreadable ? throw new AutoTracker.MultiTenancy.TenantConnectionStringUnreadableException(tenantId) : ConnectionString;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Error, Message = "The database connection string of tenant {TenantId} cannot be decrypted")]
    private static partial void LogUndecryptable(ILogger logger, Exception exception, Guid tenantId);
}

/// <summary>
/// Encrypts tenant connection strings with Data Protection under a purpose of their own. The key ring is resolved on
/// first use, so hosts and tests without tenant databases need none.
/// </summary>
public sealed class ConnectionStringProtector(IServiceProvider services)
{
    public const string Purpose = "AutoTracker.TenantManagement.ConnectionString";

    private readonly Lazy<IDataProtector> _protector = new(() =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose));

    public string Protect(string connectionString) => _protector.Value.Protect(connectionString);

    public string Unprotect(string protectedConnectionString) => _protector.Value.Unprotect(protectedConnectionString);
}
