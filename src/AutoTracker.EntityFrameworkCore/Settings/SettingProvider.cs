using System.Text.Json;
using AutoTracker.EntityFrameworkCore.MultiTenancy;
using AutoTracker.MultiTenancy;
using AutoTracker.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;

namespace AutoTracker.EntityFrameworkCore.Settings;

/// <summary>
/// Reads host defaults from the host database and tenant overrides from the scope's database (the tenant's own when
/// it has one), each kept in the distributed cache until a change removes it. With Redis as the cache, a change on
/// one node is seen by the others on their next read.
/// </summary>
public sealed class SettingProvider(
    AutoTrackerDbContext scopeContext,
    HostDatabase hostDatabase,
    ICurrentTenant currentTenant,
    IDistributedCache cache) : ISettingProvider
{
    /// <summary>
    /// Lifetime of a cache entry. A reader that loaded values just before a change may store them after the change
    /// removed the entry, and the expiry bounds how long such stale values last.
    /// </summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public async Task<EffectiveSettings> GetEffectiveAsync(CancellationToken cancellationToken)
    {
        var hostDefaults = await GetHostDefaultsAsync(cancellationToken);
        var tenantOverrides = await GetTenantOverridesAsync(cancellationToken);
        return EffectiveSettings.Combine(hostDefaults, tenantOverrides);
    }

    public Task<IReadOnlyDictionary<string, string>> GetHostDefaultsAsync(CancellationToken cancellationToken) =>
        GetOrLoadAsync(null, async ct =>
        {
            using (currentTenant.Change(null))
            {
                return await ReadAsync(hostDatabase.Context, ct);
            }
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetTenantOverridesAsync(CancellationToken cancellationToken) =>
        currentTenant.Id is { } tenantId
            ? GetOrLoadAsync(tenantId, ct => ReadAsync(scopeContext, ct), cancellationToken)
            : Task.FromResult(None);

    public Task InvalidateAsync(Guid? tenantId, CancellationToken cancellationToken) =>
        cache.RemoveAsync(CacheKey(tenantId), cancellationToken);

    public static string CacheKey(Guid? tenantId) =>
        tenantId is { } id ? $"AutoTracker:Settings:{id:N}" : "AutoTracker:Settings:host";

    private async Task<IReadOnlyDictionary<string, string>> GetOrLoadAsync(
        Guid? tenantId,
        Func<CancellationToken, Task<Dictionary<string, string>>> load,
        CancellationToken cancellationToken)
    {
        var key = CacheKey(tenantId);
        var cached = await cache.GetAsync(key, cancellationToken);
        if (cached is not null)
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(cached) ?? [];
        }

        var values = await load(cancellationToken);
        await cache.SetAsync(
            key,
            JsonSerializer.SerializeToUtf8Bytes(values),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheLifetime },
            cancellationToken);
        return values;
    }

    private static Task<Dictionary<string, string>> ReadAsync(AutoTrackerDbContext context, CancellationToken cancellationToken) =>
        context.Set<SettingValue>().AsNoTracking().ToDictionaryAsync(s => s.Name, s => s.Value, StringComparer.Ordinal, cancellationToken);
}
