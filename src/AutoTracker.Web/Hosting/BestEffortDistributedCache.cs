using Microsoft.Extensions.Caching.Distributed;

namespace AutoTracker.Hosting;

/// <summary>
/// Wraps the Redis cache so that a Redis outage costs a node its cache, not its requests. The application keeps
/// only values it can recompute or do without (list counts, import progress), so a failed read is a miss and a
/// failed write or removal is dropped. The first failure of an outage is logged, and the first success after it.
/// </summary>
public sealed partial class BestEffortDistributedCache(IDistributedCache inner, ILogger<BestEffortDistributedCache> logger) : IDistributedCache
{
    private int _failing;

    public byte[]? Get(string key) => Run(() => inner.Get(key), fallback: null);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => RunAsync(() => inner.GetAsync(key, token), fallback: null);

    public void Refresh(string key) => Run(() => Done(() => inner.Refresh(key)), fallback: false);

    public Task RefreshAsync(string key, CancellationToken token = default) => RunAsync(() => Done(inner.RefreshAsync(key, token)), fallback: false);

    public void Remove(string key) => Run(() => Done(() => inner.Remove(key)), fallback: false);

    public Task RemoveAsync(string key, CancellationToken token = default) => RunAsync(() => Done(inner.RemoveAsync(key, token)), fallback: false);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        Run(() => Done(() => inner.Set(key, value, options)), fallback: false);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        RunAsync(() => Done(inner.SetAsync(key, value, options, token)), fallback: false);

    private static bool Done(Action action)
    {
        action();
        return true;
    }

    private static async Task<bool> Done(Task task)
    {
        await task;
        return true;
    }

    private T Run<T>(Func<T> operation, T fallback)
    {
        try
        {
            var result = operation();
            Recovered();
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(ex);
            return fallback;
        }
    }

    private async Task<T> RunAsync<T>(Func<Task<T>> operation, T fallback)
    {
        try
        {
            var result = await operation();
            Recovered();
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(ex);
            return fallback;
        }
    }

    private void Failed(Exception exception)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            LogCacheFailed(logger, exception.GetType().Name);
        }
    }

    private void Recovered()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            LogCacheRecovered(logger);
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "The distributed cache failed ({ExceptionType}); requests continue without it until it recovers")]
    private static partial void LogCacheFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "The distributed cache works again")]
    private static partial void LogCacheRecovered(ILogger logger);
}
