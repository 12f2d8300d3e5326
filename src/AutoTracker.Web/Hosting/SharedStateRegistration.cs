using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AutoTracker.Hosting;

/// <summary>
/// Registers the state that all nodes of a deployment must share: the distributed cache and the Data
/// Protection key ring, which signs and encrypts the sign-in, antiforgery and TempData cookies. With
/// <c>AutoTracker:Redis:Configuration</c> set, both live in Redis behind one connection that the rate limits use
/// too. Without it the cache is in memory and the keys are in a folder, which serves a single node only.
/// </summary>
public static class SharedStateRegistration
{
    public const string ApplicationName = "AutoTracker";

    /// <summary>Name of the Redis list holding the key ring, after the instance name prefix.</summary>
    public const string DataProtectionKeyName = "DataProtection-Keys";

    public const string KeyFolderSetting = "AutoTracker:DataProtection:KeyFolder";

    public static void AddAutoTrackerSharedState(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);

        if (!RedisOptions.Read(builder.Configuration).IsConfigured)
        {
            services.AddDistributedMemoryCache();
            dataProtection.PersistKeysToFileSystem(KeyFolder.Create(builder.Configuration[KeyFolderSetting] ?? "App_Data/keys"));
            return;
        }

        // Reading the options validates them, so a bad setting stops the start with its message before any connection attempt.
        services.AddSingleton<IConnectionMultiplexer>(sp => RedisConnection.Connect(
            sp.GetRequiredService<IOptions<RedisOptions>>().Value,
            sp.GetRequiredService<ILogger<RedisConnection>>()));

        // RedisCache closes the shared connection when the container disposes it at shutdown, after the server has stopped.
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer, IOptions<RedisOptions>>((cache, redis, options) =>
        {
            cache.InstanceName = options.Value.InstanceName;
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
        });

        // The same repository that PersistKeysToStackExchangeRedis sets, but on the shared connection. The keys are
        // stored unencrypted, as in the key folder, so access to Redis must be restricted like access to that folder.
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer, IOptions<RedisOptions>>((keys, redis, options) =>
            keys.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), options.Value.InstanceName + DataProtectionKeyName));

        services.AddSingleton<RedisRateLimiterFactory>();

        // The cache is best effort, so the Redis cache is wrapped. Redis reports as a degraded dependency, not a
        // failed one, because every node shares it: failing them all would take the whole service out of the
        // load balancer.
        services.AddSingleton(sp => new RedisCache(sp.GetRequiredService<IOptions<RedisCacheOptions>>()));
        services.AddSingleton<IDistributedCache>(sp => new BestEffortDistributedCache(
            sp.GetRequiredService<RedisCache>(), sp.GetRequiredService<ILogger<BestEffortDistributedCache>>()));
        services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded)
            .AddCheck<DataProtectionHealthCheck>("key-ring");
    }
}
