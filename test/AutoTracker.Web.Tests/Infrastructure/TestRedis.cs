using StackExchange.Redis;

namespace AutoTracker.Web.Tests.Infrastructure;

/// <summary>
/// The Redis server that tests share, named by the environment variable AUTOTRACKER_TEST_REDIS (host:port), which
/// etc/scripts/test.sh sets. Each test writes under an instance name of its own and deletes its keys afterwards.
/// </summary>
public static class TestRedis
{
    public const string VariableName = "AUTOTRACKER_TEST_REDIS";

    /// <summary>Returns the configuration string, or fails the test when the variable is missing: a skipped Redis test would hide a broken setup.</summary>
    public static string Configuration =>
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{VariableName} is not set, so this test has no Redis server. Run etc/scripts/test.sh, which starts one, "
                + $"or start Redis yourself and set {VariableName} to its host:port, such as 127.0.0.1:16379.");

    /// <summary>Returns a key prefix that no other test uses.</summary>
    public static string NewInstanceName() => $"autotracker-test:{Guid.NewGuid():N}:";

    public static Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(Configuration);

    /// <summary>Deletes every key under the instance name.</summary>
    public static async Task DeleteKeysAsync(IConnectionMultiplexer redis, string instanceName)
    {
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            await foreach (var key in server.KeysAsync(pattern: instanceName + "*"))
            {
                await redis.GetDatabase().KeyDeleteAsync(key);
            }
        }
    }
}
