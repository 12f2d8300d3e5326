using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AutoTracker.Hosting;

/// <summary>What a partition counted in Redis does while Redis cannot be reached.</summary>
public enum RedisOutageBehavior
{
    /// <summary>Count in this node's memory until Redis is back, so the budget applies per node as without Redis.</summary>
    CountOnNode,

    /// <summary>Reject every request of the partition until Redis is back.</summary>
    Reject,
}

/// <summary>
/// Creates rate limiters whose fixed-window counters live in Redis, so that all nodes draw on one budget per
/// partition. Registered only when Redis is configured.
/// </summary>
public sealed partial class RedisRateLimiterFactory(
    IConnectionMultiplexer redis,
    IOptions<RedisOptions> options,
    TimeProvider timeProvider,
    ILogger<RedisRateLimiterFactory> logger)
{
    private static readonly TimeSpan OutageReportInterval = TimeSpan.FromSeconds(30);

    private long _lastOutageReport = long.MinValue;
    private int _unreportedFailures;

    /// <summary>Prefix of every counter key: the instance name, then <c>rate-limits:</c>.</summary>
    public string KeyPrefix { get; } = options.Value.InstanceName + "rate-limits:";

    internal TimeProvider Time => timeProvider;

    internal IDatabase Database => redis.GetDatabase();

    /// <summary>
    /// Creates the limiter of one partition. <paramref name="policy"/> names the kind of partition in log events;
    /// <paramref name="partitionKey"/> (which may contain a client address) only goes into the Redis key.
    /// </summary>
    public RateLimiter CreateLimiter(string policy, string partitionKey, int permitLimit, TimeSpan window, RedisOutageBehavior outageBehavior) =>
        new RedisFixedWindowRateLimiter(this, policy, KeyPrefix + partitionKey, permitLimit, window, outageBehavior);

    /// <summary>Logs a failed counter update at most once per 30 seconds, with the number of failures since the last event.</summary>
    internal void ReportOutage(Exception exception, string policy, RedisOutageBehavior behavior)
    {
        Interlocked.Increment(ref _unreportedFailures);
        var now = timeProvider.GetTimestamp();
        var last = Volatile.Read(ref _lastOutageReport);
        if (last != long.MinValue && timeProvider.GetElapsedTime(last, now) < OutageReportInterval)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastOutageReport, now, last) == last)
        {
            LogOutage(logger, exception, policy, behavior, Interlocked.Exchange(ref _unreportedFailures, 0));
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Error,
        Message = "Counting the {Policy} rate limit in Redis failed ({FailureCount} failures since the last report); the partition falls back to {Behavior}")]
    private static partial void LogOutage(ILogger logger, Exception exception, string policy, RedisOutageBehavior behavior, int failureCount);
}

/// <summary>
/// A fixed-window limiter for one partition whose counter is a Redis key named after the partition and the
/// window's start. Windows are aligned to the Unix epoch, so every node computes the same key from its own
/// clock. A node whose clock is off by a few seconds counts a few seconds into the neighbouring window.
/// </summary>
internal sealed class RedisFixedWindowRateLimiter : RateLimiter
{
    // Adds the permits to the window's counter and, on the first hit, sets the key to expire. Both happen in one
    // atomic step, so no counter is left without an expiry.
    private const string IncrementScript = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        if redis.call('PTTL', KEYS[1]) < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return count
        """;

    // The key outlives its window a little, so that a node whose clock runs behind still counts into the same key.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(10);

    private readonly RedisRateLimiterFactory _store;
    private readonly string _policy;
    private readonly string _keyPrefix;
    private readonly int _permitLimit;
    private readonly long _windowMilliseconds;
    private readonly RedisOutageBehavior _outageBehavior;
    private readonly FixedWindowRateLimiter? _nodeCounter;
    private long _lastUsedTimestamp;

    public RedisFixedWindowRateLimiter(RedisRateLimiterFactory store, string policy, string keyPrefix, int permitLimit, TimeSpan window, RedisOutageBehavior outageBehavior)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromSeconds(1));
        _store = store;
        _policy = policy;
        _keyPrefix = keyPrefix;
        _permitLimit = permitLimit;
        _windowMilliseconds = (long)window.TotalMilliseconds;
        _outageBehavior = outageBehavior;
        _lastUsedTimestamp = store.Time.GetTimestamp();
        if (outageBehavior == RedisOutageBehavior.CountOnNode)
        {
            _nodeCounter = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = permitLimit, Window = window, QueueLimit = 0 });
        }
    }

    /// <summary>
    /// The partitioned limiter disposes a limiter once it has been idle for a while. This one holds no count of its
    /// own, unless its node counter has permits out during a Redis outage.
    /// </summary>
    public override TimeSpan? IdleDuration =>
        _nodeCounter is { IdleDuration: null } ? null : _store.Time.GetElapsedTime(Volatile.Read(ref _lastUsedTimestamp));

    public override RateLimiterStatistics? GetStatistics() => null;

    // The rate limiting middleware calls this synchronous method first and rejects the request if it returns a
    // failed lease, so it must count in Redis itself. The blocking round trip is bounded by the connection's
    // short synchronous timeout, and only requests in a limited partition make it.
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var window = StartAttempt(permitCount);
        try
        {
            var count = (long)_store.Database.ScriptEvaluate(IncrementScript, [window.Key], [permitCount, window.ExpiryMilliseconds]);
            return Decide(count, permitCount, window);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            _store.ReportOutage(exception, _policy, _outageBehavior);
            return _nodeCounter?.AttemptAcquire(permitCount) ?? WindowLease.Rejected(window.Remaining);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var window = StartAttempt(permitCount);
        try
        {
            var result = await _store.Database.ScriptEvaluateAsync(IncrementScript, [window.Key], [permitCount, window.ExpiryMilliseconds])
                .WaitAsync(cancellationToken);
            return Decide((long)result, permitCount, window);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            _store.ReportOutage(exception, _policy, _outageBehavior);
            return _nodeCounter is null
                ? WindowLease.Rejected(window.Remaining)
                : await _nodeCounter.AcquireAsync(permitCount, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _nodeCounter?.Dispose();
        }

        base.Dispose(disposing);
    }

    private Window StartAttempt(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _permitLimit);
        Volatile.Write(ref _lastUsedTimestamp, _store.Time.GetTimestamp());

        var now = _store.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var start = now - (now % _windowMilliseconds);
        var remaining = TimeSpan.FromMilliseconds(start + _windowMilliseconds - now);
        var key = _keyPrefix + ":" + (start / 1000).ToString(CultureInfo.InvariantCulture);
        return new Window(key, remaining, (long)(remaining + ExpiryMargin).TotalMilliseconds);
    }

    /// <summary>A request for zero permits only checks whether one is left, because INCRBY 0 changes no count.</summary>
    private RateLimitLease Decide(long count, int permitCount, Window window)
    {
        var acquired = permitCount == 0 ? count < _permitLimit : count <= _permitLimit;
        return acquired ? WindowLease.Acquired : WindowLease.Rejected(window.Remaining);
    }

    private static bool IsRedisFailure(Exception exception) => exception is RedisException or RedisTimeoutException;

    private readonly record struct Window(string Key, TimeSpan Remaining, long ExpiryMilliseconds);

    private sealed class WindowLease : RateLimitLease
    {
        public static readonly WindowLease Acquired = new(true, null);

        private readonly TimeSpan? _retryAfter;

        private WindowLease(bool isAcquired, TimeSpan? retryAfter)
        {
            IsAcquired = isAcquired;
            _retryAfter = retryAfter;
        }

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static WindowLease Rejected(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (_retryAfter is { } retryAfter && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retryAfter;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
