using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AutoTracker.Hosting;

/// <summary>
/// A running node whose Redis is killed: it reports Degraded but keeps serving, because the cache is best
/// effort and the key ring is already loaded. Every node shares Redis, so failing health would take them all
/// out of the load balancer.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly MySqlTestDatabase _database = new();
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "autotracker-redis-outage", Guid.NewGuid().ToString("N"));
    private RedisInstance? _redis;
    private WebAppProcess? _node;

    public async Task InitializeAsync()
    {
        _redis = await RedisInstance.StartAsync();
        _node = await WebAppProcess.StartAsync(new Dictionary<string, string>
        {
            ["AutoTracker:Database:Provider"] = "MySql",
            ["ConnectionStrings:Default"] = _database.ConnectionString,
            ["AutoTracker:Redis:Configuration"] = _redis.Configuration,
            ["AutoTracker:Seed:AdminPassword"] = NodeSession.AdminPassword,
            ["AutoTracker:Seed:PasswordFile"] = Path.Combine(_dataFolder, "initial-admin-password.txt"),
            ["AutoTracker:RateLimits:SignInPerMinute"] = "1000",
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(_dataFolder, "Logs", "autotracker-.json"),
        });
    }

    [Fact]
    public async Task RedisKilled_NodeKeepsServingAndReportsDegraded()
    {
        using var session = new NodeSession();
        var client = session.On(_node!);
        await NodeSession.SignInAsync(client);
        var apiToken = await session.ApiTokenAsync(client);

        await _redis!.DisposeAsync();

        using (var health = await client.GetAsync("/health"))
        {
            health.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await health.Content.ReadAsStringAsync()).ShouldBe("Degraded");
        }

        // The demo tenant has seven vehicles, so a page of two needs the total count, which the cache keeps.
        using (var list = await client.GetAsync("/api/app/vehicles?take=2"))
        {
            list.StatusCode.ShouldBe(HttpStatusCode.OK, _node!.Output);
            (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("totalCount").GetInt32().ShouldBe(7);
        }

        using (var created = await NodeSession.CreateVehicleAsync(client, apiToken, "Redis outage probe"))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        using var page = await client.GetAsync("/Vehicles");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _database.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's cleanup.
        }
    }
}
