using System.Text.Json;
using AutoTracker.MultiTenancy;
using Microsoft.Extensions.Caching.Distributed;

namespace AutoTracker.Vehicles.Import;

/// <summary>
/// Keeps the progress of running commits in the distributed cache, keyed by tenant and batch, so that any web
/// node can serve a progress request. Entries expire on their own; a missing one means no commit is running.
/// </summary>
internal sealed class ImportProgressStore(IDistributedCache cache, ICurrentTenant currentTenant)
{
    /// <summary>Long enough for the largest commit, short enough that a stopped node leaves no lasting entry.</summary>
    private static readonly DistributedCacheEntryOptions EntryOptions = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(15) };

    public Task WriteAsync(ImportProgressDto progress, CancellationToken cancellationToken) =>
        cache.SetStringAsync(Key(progress.BatchId), JsonSerializer.Serialize(progress), EntryOptions, cancellationToken);

    public async Task<ImportProgressDto?> ReadAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var json = await cache.GetStringAsync(Key(batchId), cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<ImportProgressDto>(json);
    }

    public Task RemoveAsync(Guid batchId, CancellationToken cancellationToken) => cache.RemoveAsync(Key(batchId), cancellationToken);

    private string Key(Guid batchId) => $"vehicle-imports:progress:{currentTenant.Id?.ToString("N") ?? "host"}:{batchId:N}";
}
