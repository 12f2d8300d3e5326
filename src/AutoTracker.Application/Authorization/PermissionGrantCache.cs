using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace AutoTracker.Authorization;

/// <summary>
/// Keeps the permission names granted to each role and user, so that a check costs no database query once its
/// grants are cached. There are two layers: the distributed cache (Redis when several nodes run) and a copy in
/// this node's memory.
/// </summary>
/// <remarks>
/// Every cached set belongs to a version of its tenant's grants. The version is a random value in the distributed
/// cache, which each request reads once. <see cref="InvalidateAsync"/> replaces it after every grant change, so
/// the next request on any node reads a new version and loads the grants again. A version that is missing (expired,
/// evicted, or unreadable while Redis is down) is replaced by a new one, which also means a fresh load.
/// NOTE: when Redis is unreachable at the moment of a grant change, the old version survives in Redis, and nodes
/// may use the grants cached under it until it expires after <see cref="EntryLifetime"/>. That failure is logged.
/// </remarks>
public sealed partial class PermissionGrantCache(IDistributedCache cache, ILogger<PermissionGrantCache> logger)
{
    /// <summary>Longest time a version or a cached set is used; it bounds the staleness after a failed invalidation.</summary>
    public static readonly TimeSpan EntryLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Most cached sets per tenant in memory; beyond it the tenant's copy starts over.</summary>
    private const int MaxMemoryEntriesPerTenant = 10_000;

    private const string KeyPrefix = "permissions:";

    /// <summary>Marks a stored set, so that an empty set is distinguished from a missing entry.</summary>
    private const string ValueHeader = "v1\n";

    private static readonly DistributedCacheEntryOptions EntryOptions = new() { AbsoluteExpirationRelativeToNow = EntryLifetime };

    private readonly ConcurrentDictionary<string, TenantEntries> _memory = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns the union of the names granted to <paramref name="providers"/> in the tenant, calling
    /// <paramref name="load"/> for each provider whose grants are cached in neither layer.
    /// </summary>
    public async Task<IReadOnlySet<string>> GetGrantedAsync(
        Guid? tenantId,
        IReadOnlyList<(string ProviderName, string ProviderKey)> providers,
        Func<string, string, CancellationToken, Task<IReadOnlyList<string>>> load,
        CancellationToken cancellationToken)
    {
        var tenant = TenantKey(tenantId);
        var version = await GetVersionAsync(tenant, cancellationToken);
        var entries = _memory.AddOrUpdate(
            tenant,
            _ => new TenantEntries(version),
            (_, existing) => existing.Version == version && existing.Sets.Count < MaxMemoryEntriesPerTenant ? existing : new TenantEntries(version));

        var union = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (providerName, providerKey) in providers)
        {
            var entryKey = $"{providerName}:{providerKey}";
            if (!entries.Sets.TryGetValue(entryKey, out var names))
            {
                names = await ReadOrLoadAsync($"{KeyPrefix}{tenant}:{version}:{entryKey}", providerName, providerKey, load, cancellationToken);
                entries.Sets[entryKey] = names;
            }

            union.UnionWith(names);
        }

        return union;
    }

    /// <summary>
    /// Makes every node load the tenant's grants again on its next check. Call it after the change is committed,
    /// so that no node can cache the state before the change under the new version.
    /// </summary>
    public async Task InvalidateAsync(Guid? tenantId, CancellationToken cancellationToken)
    {
        var tenant = TenantKey(tenantId);
        var version = Guid.NewGuid().ToString("N");
        _memory.TryRemove(tenant, out _);
        await cache.SetStringAsync(VersionKey(tenant), version, EntryOptions, cancellationToken);

        // The distributed cache may drop writes while Redis is unreachable, so the write is read back to find out.
        if (await cache.GetStringAsync(VersionKey(tenant), cancellationToken) != version)
        {
            LogInvalidationFailed(logger, tenantId, (int)EntryLifetime.TotalMinutes);
        }
    }

    private async Task<string> GetVersionAsync(string tenant, CancellationToken cancellationToken)
    {
        var version = await cache.GetStringAsync(VersionKey(tenant), cancellationToken);
        if (version is not null)
        {
            return version;
        }

        version = Guid.NewGuid().ToString("N");
        await cache.SetStringAsync(VersionKey(tenant), version, EntryOptions, cancellationToken);
        return version;
    }

    private async Task<IReadOnlySet<string>> ReadOrLoadAsync(
        string key,
        string providerName,
        string providerKey,
        Func<string, string, CancellationToken, Task<IReadOnlyList<string>>> load,
        CancellationToken cancellationToken)
    {
        var stored = await cache.GetAsync(key, cancellationToken);
        if (stored is not null && Encoding.UTF8.GetString(stored) is { } text && text.StartsWith(ValueHeader, StringComparison.Ordinal))
        {
            return text[ValueHeader.Length..].Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        }

        var names = await load(providerName, providerKey, cancellationToken);
        await cache.SetAsync(key, Encoding.UTF8.GetBytes(ValueHeader + string.Join('\n', names)), EntryOptions, cancellationToken);
        return names.ToHashSet(StringComparer.Ordinal);
    }

    private static string TenantKey(Guid? tenantId) => tenantId?.ToString("N") ?? "host";

    private static string VersionKey(string tenant) => $"{KeyPrefix}{tenant}:version";

    /// <summary>The sets of one version of a tenant's grants, by "provider name:provider key".</summary>
    private sealed class TenantEntries(string version)
    {
        public string Version { get; } = version;

        public ConcurrentDictionary<string, IReadOnlySet<string>> Sets { get; } = new(StringComparer.Ordinal);
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Error, Message = "The permission cache of tenant {TenantId} could not be invalidated; other nodes may use the old grants for up to {Minutes} minutes")]
    private static partial void LogInvalidationFailed(ILogger logger, Guid? tenantId, int minutes);
}
