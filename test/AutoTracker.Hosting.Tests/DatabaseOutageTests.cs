using System.Diagnostics;
using System.Net;
using MySql.Data.MySqlClient;

namespace AutoTracker.Hosting;

/// <summary>
/// A node whose MariaDB server is killed mid-run: health turns 503 quickly, writes get 503 and leave nothing
/// behind, and everything works again once the server is back, without restarting the app.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "autotracker-outage", Guid.NewGuid().ToString("N"));
    private MariaDbInstance? _mariaDb;
    private WebAppProcess? _node;

    public async Task InitializeAsync()
    {
        _mariaDb = await MariaDbInstance.StartNewAsync();
        _node = await WebAppProcess.StartAsync(new Dictionary<string, string>
        {
            ["AutoTracker:Database:Provider"] = "MySql",
            ["ConnectionStrings:Default"] = _mariaDb.ConnectionString,
            ["AutoTracker:Seed:AdminPassword"] = NodeSession.AdminPassword,
            ["AutoTracker:Seed:PasswordFile"] = Path.Combine(_dataFolder, "initial-admin-password.txt"),
            ["AutoTracker:DataProtection:KeyFolder"] = Path.Combine(_dataFolder, "keys"),
            ["AutoTracker:RateLimits:SignInPerMinute"] = "1000",
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(_dataFolder, "Logs", "autotracker-.json"),
        });
    }

    [Fact]
    public async Task DatabaseKilled_HealthAndWritesGet503ThenRecover()
    {
        using var session = new NodeSession();
        var client = session.On(_node!);
        await NodeSession.SignInAsync(client);
        var apiToken = await session.ApiTokenAsync(client);
        const string model = "Outage probe";

        await _mariaDb!.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        await WaitForHealthAsync(client, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(5));
        sinceKill.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));

        var writeTimer = Stopwatch.StartNew();
        using (var write = await NodeSession.CreateVehicleAsync(client, apiToken, model))
        {
            writeTimer.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "a write during the outage should fail fast, not hang");
            write.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, _node!.Output);
            write.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            write.Headers.RetryAfter.ShouldNotBeNull();
            var body = await write.Content.ReadAsStringAsync();
            body.ShouldNotContain("MySql", Case.Insensitive);
            body.ShouldNotContain("127.0.0.1");
        }

        using (var page = await client.GetAsync("/Vehicles"))
        {
            page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        await _mariaDb.StartAsync();
        await WaitForHealthAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        CountVehicles(model).ShouldBe(0, "the failed write must leave nothing behind");

        using (var retry = await NodeSession.CreateVehicleAsync(client, apiToken, model))
        {
            retry.StatusCode.ShouldBe(HttpStatusCode.Created, await retry.Content.ReadAsStringAsync());
        }

        CountVehicles(model).ShouldBe(1);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (_mariaDb is not null)
        {
            await _mariaDb.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's cleanup.
        }
    }

    private static async Task WaitForHealthAsync(HttpClient client, HttpStatusCode expected, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        var last = HttpStatusCode.OK;
        while (deadline.Elapsed < within)
        {
            using var response = await client.GetAsync("/health");
            last = response.StatusCode;
            if (last == expected)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"GET /health returned {(int)last}, not {(int)expected}, for {within.TotalSeconds} seconds.");
    }

    private long CountVehicles(string model)
    {
        using var connection = new MySqlConnection(_mariaDb!.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Vehicles WHERE Model = @model";
        command.Parameters.AddWithValue("@model", model);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
