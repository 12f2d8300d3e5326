using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using AutoTracker.Hosting;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace AutoTracker.Web.Tests.Nodes;

/// <summary>The Redis-counted fixed window, with two connections standing for two nodes and a fake clock.</summary>
public sealed class RedisRateLimiterTests : IAsyncLifetime
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly string _instanceName = TestRedis.NewInstanceName();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 9, 30, 30, TimeSpan.Zero));
    private readonly List<IDisposable> _disposables = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        if (Environment.GetEnvironmentVariable(TestRedis.VariableName) is { Length: > 0 })
        {
            using var redis = await TestRedis.ConnectAsync();
            await TestRedis.DeleteKeysAsync(redis, _instanceName);
        }
    }

    [Fact]
    public async Task Budget_TwoNodes_IsShared()
    {
        var nodeA = CreateLimiter(await ConnectAsync(TestRedis.Configuration), "sign-in:203.0.113.1", permits: 3);
        var nodeB = CreateLimiter(await ConnectAsync(TestRedis.Configuration), "sign-in:203.0.113.1", permits: 3);

        var leases = new[] { nodeA.AttemptAcquire(), nodeB.AttemptAcquire(), nodeA.AttemptAcquire(), nodeB.AttemptAcquire(), nodeA.AttemptAcquire() };

        leases.Take(3).ShouldAllBe(l => l.IsAcquired);
        leases.Skip(3).ShouldAllBe(l => !l.IsAcquired);
        leases[3].TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).ShouldBeTrue();
        retryAfter.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Budget_AsyncAcquire_CountsTheSame()
    {
        var redis = await ConnectAsync(TestRedis.Configuration);
        var limiter = CreateLimiter(redis, "import:user-1", permits: 2);

        var first = await limiter.AcquireAsync();
        var second = limiter.AttemptAcquire();
        var third = await limiter.AcquireAsync();

        first.IsAcquired.ShouldBeTrue();
        second.IsAcquired.ShouldBeTrue();
        third.IsAcquired.ShouldBeFalse();
    }

    [Fact]
    public async Task Budget_OtherPartition_IsSeparate()
    {
        var redis = await ConnectAsync(TestRedis.Configuration);
        var first = CreateLimiter(redis, "sign-in:203.0.113.1", permits: 1);
        var second = CreateLimiter(redis, "sign-in:203.0.113.2", permits: 1);

        first.AttemptAcquire().IsAcquired.ShouldBeTrue();

        first.AttemptAcquire().IsAcquired.ShouldBeFalse();
        second.AttemptAcquire().IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public async Task NextWindow_StartsANewCount()
    {
        var limiter = CreateLimiter(await ConnectAsync(TestRedis.Configuration), "sign-in:203.0.113.1", permits: 1);
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();
        limiter.AttemptAcquire().IsAcquired.ShouldBeFalse();

        _clock.Advance(TimeSpan.FromSeconds(30));

        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public async Task Counter_KeyNamesWindowAndExpires()
    {
        var redis = await ConnectAsync(TestRedis.Configuration);
        var limiter = CreateLimiter(redis, "sign-in:203.0.113.1", permits: 5);

        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();

        var windowStart = new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var key = $"{_instanceName}rate-limits:sign-in:203.0.113.1:{windowStart}";
        var database = redis.GetDatabase();
        ((long)await database.StringGetAsync(key)).ShouldBe(1);
        var timeToLive = await database.KeyTimeToLiveAsync(key);
        timeToLive.ShouldNotBeNull();
        timeToLive.Value.ShouldBeInRange(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(41));
    }

    [Fact]
    public async Task ZeroPermits_ChecksWithoutCounting()
    {
        var limiter = CreateLimiter(await ConnectAsync(TestRedis.Configuration), "sign-in:203.0.113.1", permits: 1);

        limiter.AttemptAcquire(0).IsAcquired.ShouldBeTrue();
        limiter.AttemptAcquire(0).IsAcquired.ShouldBeTrue();
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();

        limiter.AttemptAcquire(0).IsAcquired.ShouldBeFalse();
    }

    [Fact]
    public async Task RedisDown_SignIn_CountsOnNode()
    {
        var redis = await ConnectAsync($"127.0.0.1:{ClosedLoopbackPort()}");
        var limiter = CreateLimiter(redis, "sign-in:203.0.113.1", permits: 2, RedisOutageBehavior.CountOnNode);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var leases = new[] { limiter.AttemptAcquire(), limiter.AttemptAcquire(), limiter.AttemptAcquire() };

        redis.IsConnected.ShouldBeFalse();
        leases[0].IsAcquired.ShouldBeTrue();
        leases[1].IsAcquired.ShouldBeTrue();
        leases[2].IsAcquired.ShouldBeFalse();

        // Commands fail at once while disconnected instead of waiting for the 2-second command timeout.
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task RedisDown_Import_IsRejected()
    {
        var redis = await ConnectAsync($"127.0.0.1:{ClosedLoopbackPort()}");
        var limiter = CreateLimiter(redis, "import:user-1", permits: 20, RedisOutageBehavior.Reject);

        using var lease = limiter.AttemptAcquire();

        lease.IsAcquired.ShouldBeFalse();
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).ShouldBeTrue();
        retryAfter.ShouldBe(TimeSpan.FromSeconds(30));
    }

    private RateLimiter CreateLimiter(IConnectionMultiplexer redis, string partitionKey, int permits, RedisOutageBehavior outage = RedisOutageBehavior.CountOnNode)
    {
        var options = Options.Create(new RedisOptions { Configuration = "unused", InstanceName = _instanceName });
        var limiter = new RedisRateLimiterFactory(redis, options, _clock, NullLogger<RedisRateLimiterFactory>.Instance)
            .CreateLimiter(partitionKey.Split(':')[0], partitionKey, permits, Minute, outage);
        _disposables.Add(limiter);
        return limiter;
    }

    /// <summary>Connects as a node does, through the app's own connection settings.</summary>
    private async Task<IConnectionMultiplexer> ConnectAsync(string configuration)
    {
        var redis = await Task.Run(() => RedisConnection.Connect(
            new RedisOptions { Configuration = configuration }, NullLogger<RedisConnection>.Instance));
        _disposables.Add(redis);
        return redis;
    }

    /// <summary>Returns a loopback port that nothing listens on: one the system just handed out and that is closed again.</summary>
    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
