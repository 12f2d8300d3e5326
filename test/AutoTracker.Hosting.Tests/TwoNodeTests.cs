using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AutoTracker.Hosting;

/// <summary>
/// Two app processes on different ports share one MariaDB database and one Redis, as two nodes behind a load
/// balancer do. They run in Production behind a stand-in TLS proxy on loopback, so their cookies are the Secure
/// <c>__Host-</c> ones. A session started on one node must work on the other, in both directions, and a grant
/// changed on one node must apply on the other from the next request.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private readonly MySqlTestDatabase _database = new();
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "autotracker-nodes", Guid.NewGuid().ToString("N"));
    private WebAppProcess? _nodeA;
    private WebAppProcess? _nodeB;

    private WebAppProcess NodeA => _nodeA!;

    private WebAppProcess NodeB => _nodeB!;

    public async Task InitializeAsync()
    {
        var redis = Environment.GetEnvironmentVariable("AUTOTRACKER_TEST_REDIS") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("AUTOTRACKER_TEST_REDIS is not set. Run etc/scripts/test.sh, which starts Redis, or set it to host:port.");
        var instance = $"at-{Guid.NewGuid():N}:";

        // Node A migrates and seeds; node B starts on the finished database, as in the compose file.
        _nodeA = await WebAppProcess.StartAsync(Settings("a", redis, instance, migrate: true));
        _nodeB = await WebAppProcess.StartAsync(Settings("b", redis, instance, migrate: false));
    }

    [Fact]
    public async Task Session_FromNodeA_WorksOnNodeB()
    {
        using var session = new NodeSession();
        var onA = session.On(NodeA, viaTlsProxy: true);
        var onB = session.On(NodeB, viaTlsProxy: true);
        await NodeSession.SignInAsync(onA);

        using var listOnB = await onB.GetAsync("/api/app/vehicles");
        listOnB.StatusCode.ShouldBe(HttpStatusCode.OK, NodeB.Output);

        var tokenFromA = await session.ApiTokenAsync(onA);
        using var created = await NodeSession.CreateVehicleAsync(onB, tokenFromA, "Octavia node B");
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var readOnA = await onA.GetAsync($"/api/app/vehicles/{id}");
        readOnA.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await readOnA.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("model").GetString().ShouldBe("Octavia node B");
    }

    [Fact]
    public async Task SignOut_OnNodeA_EndsSessionOnNodeB()
    {
        using var session = new NodeSession();
        var onA = session.On(NodeA, viaTlsProxy: true);
        var onB = session.On(NodeB, viaTlsProxy: true);
        await NodeSession.SignInAsync(onA);
        var authCookie = session.Cookies["__Host-AutoTracker"];
        authCookie.ShouldNotBeNull();
        (await onB.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await NodeSession.SignOutAsync(onA);

        // A stolen copy of the old cookie is no better than the signed-out browser.
        using var replay = new NodeSession();
        var replayOnB = replay.On(NodeB, viaTlsProxy: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/app/vehicles");
        request.Headers.Add("Cookie", $"__Host-AutoTracker={authCookie}");
        using var response = await replayOnB.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await onB.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// Vehicle creates sent to both processes at once count against one vehicle limit, because the tenant's lock is a
    /// MariaDB named lock that every node takes in the shared database.
    /// </summary>
    [Fact]
    public async Task VehicleLimit_CreatesOnBothNodes()
    {
        using var session = new NodeSession();
        var onA = session.On(NodeA, viaTlsProxy: true);
        var onB = session.On(NodeB, viaTlsProxy: true);
        await NodeSession.SignInAsync(onA);
        var token = await session.ApiTokenAsync(onA);
        var existing = CountDemoVehicles();
        var limit = existing + 6;
        SetDemoVehicleLimit(limit);

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            start.Wait();
            using var response = await NodeSession.CreateVehicleAsync(i % 2 == 0 ? onA : onB, token, $"Fabia #{i}");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(attempts);

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(6, NodeA.Output + NodeB.Output);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, refused.Body);
            var problem = JsonDocument.Parse(refused.Body).RootElement;
            problem.GetProperty("code").GetString().ShouldBe("AutoTracker:TenantManagement:VehicleLimitReached");
            problem.GetProperty("title").GetString().ShouldBe($"This tenant may keep at most {limit} vehicles and has {limit}; ask the operator to raise the limit.");
        }

        CountDemoVehicles().ShouldBe(limit);
    }

    [Fact]
    public async Task GrantChange_OnOneNode_AppliesOnTheOtherAtNextRequest()
    {
        const string viewerName = "fleet-viewer";
        const string viewerPassword = "fleet-viewer-passphrase-8";
        await NodeUsers.CreateAsync(_database.ConnectionString, NodeSession.DemoTenant, viewerName, viewerPassword, ["viewer"]);
        using var admin = new NodeSession();
        var adminOnA = admin.On(NodeA, viaTlsProxy: true);
        var adminOnB = admin.On(NodeB, viaTlsProxy: true);
        await NodeSession.SignInAsync(adminOnA);
        var adminToken = await admin.ApiTokenAsync(adminOnA);
        using var viewer = new NodeSession();
        var viewerOnA = viewer.On(NodeA, viaTlsProxy: true);
        var viewerOnB = viewer.On(NodeB, viaTlsProxy: true);
        await NodeSession.SignInAsync(viewerOnA, viewerName, viewerPassword);
        var viewerToken = await viewer.ApiTokenAsync(viewerOnA);

        // Both nodes cache the viewer's grants before the change.
        (await CreateVehicleStatusAsync(viewerOnA, viewerToken)).ShouldBe(HttpStatusCode.Forbidden);
        (await CreateVehicleStatusAsync(viewerOnB, viewerToken)).ShouldBe(HttpStatusCode.Forbidden);

        (await SetViewerGrantAsync(adminOnA, adminToken, isGranted: true)).ShouldBe(HttpStatusCode.NoContent, NodeA.Output);
        (await CreateVehicleStatusAsync(viewerOnB, viewerToken)).ShouldBe(HttpStatusCode.Created, NodeB.Output);
        (await CreateVehicleStatusAsync(viewerOnA, viewerToken)).ShouldBe(HttpStatusCode.Created, NodeA.Output);

        (await SetViewerGrantAsync(adminOnB, adminToken, isGranted: false)).ShouldBe(HttpStatusCode.NoContent, NodeB.Output);
        (await CreateVehicleStatusAsync(viewerOnA, viewerToken)).ShouldBe(HttpStatusCode.Forbidden);
        (await CreateVehicleStatusAsync(viewerOnB, viewerToken)).ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<HttpStatusCode> CreateVehicleStatusAsync(HttpClient client, string apiToken)
    {
        using var response = await NodeSession.CreateVehicleAsync(client, apiToken, "Granted on another node");
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> SetViewerGrantAsync(HttpClient client, string apiToken, bool isGranted)
    {
        using var response = await NodeSession.SendJsonAsync(
            client,
            apiToken,
            HttpMethod.Put,
            "/api/permission-management/permissions?providerName=R&providerKey=viewer",
            new { permissions = new[] { new { name = "AutoTracker.Vehicles.Create", isGranted } } });
        return response.StatusCode;
    }

    public async Task DisposeAsync()
    {
        if (_nodeB is not null)
        {
            await _nodeB.DisposeAsync();
        }

        if (_nodeA is not null)
        {
            await _nodeA.DisposeAsync();
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

    private int CountDemoVehicles()
    {
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Vehicles v JOIN Tenants t ON t.Id = v.TenantId WHERE t.NormalizedName = 'DEMO'";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void SetDemoVehicleLimit(int maxVehicles)
    {
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE Tenants SET MaxVehicles = {maxVehicles} WHERE NormalizedName = 'DEMO'";
        command.ExecuteNonQuery().ShouldBe(1);
    }

    private Dictionary<string, string> Settings(string node, string redis, string instance, bool migrate) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["AllowedHosts"] = "127.0.0.1",
        ["AutoTracker:PublicBaseUrl"] = "https://fleet.autotracker.test",
        ["AutoTracker:ReverseProxy:KnownProxies:0"] = "127.0.0.1",
        ["AutoTracker:Database:Provider"] = "MySql",
        ["ConnectionStrings:Default"] = _database.ConnectionString,
        ["AutoTracker:Database:MigrateOnStartup"] = migrate ? "true" : "false",
        ["AutoTracker:Redis:Configuration"] = redis,
        ["AutoTracker:Redis:InstanceName"] = instance,
        ["AutoTracker:Seed:AdminPassword"] = NodeSession.AdminPassword,
        ["AutoTracker:Seed:PasswordFile"] = Path.Combine(_dataFolder, "initial-admin-password.txt"),
        ["AutoTracker:RateLimits:SignInPerMinute"] = "1000",

        // Each node has its own key folder: only the key ring in Redis can make a cookie from one node readable on the other.
        ["AutoTracker:DataProtection:KeyFolder"] = Path.Combine(_dataFolder, node, "keys"),
        ["Serilog:WriteTo:1:Args:path"] = Path.Combine(_dataFolder, node, "Logs", "autotracker-.json"),
    };
}
