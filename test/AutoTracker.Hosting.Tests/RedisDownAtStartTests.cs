using System.Net;

namespace AutoTracker.Hosting;

/// <summary>
/// A node that starts while Redis is unreachable cannot load the Data Protection key ring, so it cannot read or
/// issue cookies and antiforgery tokens. A load balancer must be able to tell such a node from one that serves, so
/// <c>/health</c> fails and the pages return 503 instead of 500.
/// </summary>
public sealed class RedisDownAtStartTests : IAsyncLifetime
{
    private readonly MySqlTestDatabase _database = new();
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "autotracker-redis-down", Guid.NewGuid().ToString("N"));
    private WebAppProcess? _node;

    public async Task InitializeAsync()
    {
        // A free port with no listener simulates a Redis server that is down.
        var unreachableRedis = $"127.0.0.1:{WebAppProcess.FreePort()}";
        _node = await WebAppProcess.StartAsync(new Dictionary<string, string>
        {
            ["AutoTracker:Database:Provider"] = "MySql",
            ["ConnectionStrings:Default"] = _database.ConnectionString,
            ["AutoTracker:Redis:Configuration"] = unreachableRedis,
            ["AutoTracker:Seed:AdminPassword"] = NodeSession.AdminPassword,
            ["AutoTracker:Seed:PasswordFile"] = Path.Combine(_dataFolder, "initial-admin-password.txt"),
            ["AutoTracker:DataProtection:KeyFolder"] = Path.Combine(_dataFolder, "keys"),
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(_dataFolder, "Logs", "autotracker-.json"),
        }, requireHealthy: false);
    }

    [Fact]
    public async Task SignInPage_RedisDownAtStart_Returns503()
    {
        using var session = new NodeSession();
        var client = session.On(_node!);

        using var page = await client.GetAsync("/Account/Login");
        using var health = await client.GetAsync("/health");
        var healthText = await health.Content.ReadAsStringAsync();

        // The node cannot read or issue cookies without its key ring, so it returns 503 instead of failing with 500.
        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, _node!.Output);
        page.Headers.RetryAfter.ShouldNotBeNull();
        health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, $"/health returned '{healthText}' while the sign-in page failed");
        healthText.ShouldBe("Unhealthy");
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
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
