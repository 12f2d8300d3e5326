using System.Net;
using AutoTracker.Hosting;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Nodes;

/// <summary>
/// Two nodes of one deployment: two hosts on the same database and the same Redis, each with a key folder of its
/// own that Redis mode must leave unused. Every test uses its own Redis instance name.
/// </summary>
public sealed class RedisNodeTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>, IAsyncLifetime
{
    private readonly string _instanceName = TestRedis.NewInstanceName();
    private readonly string _otherInstanceName = TestRedis.NewInstanceName();
    private readonly string _keyFolderPrefix = Guid.NewGuid().ToString("N");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable(TestRedis.VariableName) is not { Length: > 0 })
        {
            return;
        }

        using var redis = await TestRedis.ConnectAsync();
        await TestRedis.DeleteKeysAsync(redis, _instanceName);
        await TestRedis.DeleteKeysAsync(redis, _otherInstanceName);
    }

    [Fact]
    public async Task SignInCookie_FromNodeA_WorksOnNodeB()
    {
        using var nodeA = StartNode("a");
        using var nodeB = StartNode("b");
        var cookies = new CookieContainer();
        using var clientA = CreateClient(nodeA, cookies);
        using var clientB = CreateClient(nodeB, cookies);

        using var signIn = await AutoTrackerWebFactory.PostLoginAsync(clientA, "demo", "admin", AutoTrackerWebFactory.AdminPassword);
        using var response = await clientB.GetAsync("/api/app/vehicles");

        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignInCookie_OtherKeyRing_IsRejected()
    {
        using var nodeA = StartNode("a");
        using var stranger = StartNode("stranger", instanceName: _otherInstanceName);
        var cookies = new CookieContainer();
        using var clientA = CreateClient(nodeA, cookies);
        using var strangerClient = CreateClient(stranger, cookies);

        using var signIn = await AutoTrackerWebFactory.PostLoginAsync(clientA, "demo", "admin", AutoTrackerWebFactory.AdminPassword);
        using var response = await strangerClient.GetAsync("/api/app/vehicles");

        // Shows that the shared key ring, not some other shared state, makes the cookie valid on node B.
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AntiforgeryToken_FromNodeA_WorksOnNodeB()
    {
        using var nodeA = StartNode("a");
        using var nodeB = StartNode("b");
        var cookies = new CookieContainer();
        using var clientA = CreateClient(nodeA, cookies);
        using var clientB = CreateClient(nodeB, cookies);
        (await AutoTrackerWebFactory.PostLoginAsync(clientA, "demo", "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var token = await AutoTrackerWebFactory.GetApiTokenAsync(clientA);

        using var created = await new ApiClient(clientB, token).PostAsync("/api/app/vehicles", new { make = "Shared", model = "Key ring" });
        using var forged = await new ApiClient(clientB, "forged-token").PostAsync("/api/app/vehicles", new { make = "Forged", model = "Token" });

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DistributedCache_WrittenOnNodeA_IsReadOnNodeB()
    {
        using var nodeA = StartNode("a");
        using var nodeB = StartNode("b");
        var cacheA = nodeA.Services.GetRequiredService<IDistributedCache>();
        var cacheB = nodeB.Services.GetRequiredService<IDistributedCache>();

        await cacheA.SetStringAsync("node-test", "written by node A", new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });

        cacheA.ShouldBeAssignableTo<AutoTracker.Hosting.BestEffortDistributedCache>();
        nodeA.Services.GetService<RedisCache>().ShouldNotBeNull();
        (await cacheB.GetStringAsync("node-test")).ShouldBe("written by node A");
        using var redis = await TestRedis.ConnectAsync();
        (await redis.GetDatabase().KeyExistsAsync(_instanceName + "node-test")).ShouldBeTrue();
    }

    [Fact]
    public async Task KeyRing_IsInRedisNotInKeyFolders()
    {
        using var nodeA = StartNode("a");
        using var nodeB = StartNode("b");
        using var clientA = CreateClient(nodeA, new CookieContainer());
        using var clientB = CreateClient(nodeB, new CookieContainer());

        (await AutoTrackerWebFactory.PostLoginAsync(clientA, "demo", "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AutoTrackerWebFactory.PostLoginAsync(clientB, "demo", "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var redis = await TestRedis.ConnectAsync();
        var keys = await redis.GetDatabase().ListRangeAsync(_instanceName + SharedStateRegistration.DataProtectionKeyName);
        keys.Length.ShouldBeGreaterThanOrEqualTo(1);
        keys.ShouldAllBe(k => k.ToString().Contains("<key id=", StringComparison.Ordinal));
        Directory.Exists(KeyFolder("a")).ShouldBeFalse();
        Directory.Exists(KeyFolder("b")).ShouldBeFalse();
    }

    [Fact]
    public async Task SignInLimit_SpreadOverTwoNodes_IsShared()
    {
        await RateLimitWindows.AvoidMinuteEndAsync();
        using var nodeA = StartNode("a", signInPerMinute: 4);
        using var nodeB = StartNode("b", signInPerMinute: 4);
        using var clientA = CreateClient(nodeA, new CookieContainer());
        using var clientB = CreateClient(nodeB, new CookieContainer());
        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;

        for (var i = 0; i < 8; i++)
        {
            // TestServer gives no remote address, so every attempt falls in the same client partition.
            using var response = await AutoTrackerWebFactory.PostLoginAsync(i % 2 == 0 ? clientA : clientB, "demo", $"nobody{i}", "not-a-real-password");
            statuses.Add(response.StatusCode);
            retryAfter ??= response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        statuses.Take(4).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(4).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        retryAfter.ShouldNotBeNull();
        int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
    }

    private WebApplicationFactory<Program> StartNode(string name, string? instanceName = null, int signInPerMinute = 10_000) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("AutoTracker:Redis:Configuration", TestRedis.Configuration);
            builder.UseSetting("AutoTracker:Redis:InstanceName", instanceName ?? _instanceName);
            builder.UseSetting(SharedStateRegistration.KeyFolderSetting, KeyFolder(name));
            builder.UseSetting("AutoTracker:RateLimits:SignInPerMinute", signInPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

    private string KeyFolder(string node) => Path.Combine(factory.DataFolder, $"keys-{_keyFolderPrefix}-{node}");

    private static HttpClient CreateClient(WebApplicationFactory<Program> node, CookieContainer cookies) =>
        node.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies));
}
