using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AutoTracker.Deployment.Docker;

/// <summary>etc/docker/healthcheck.sh, the image's HEALTHCHECK, run against the real app and against stand-ins.</summary>
public sealed class HealthCheckScriptTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HealthCheck_RunningApp_Succeeds()
    {
        // Production with AllowedHosts set to a public name, as docker-compose.yml runs the app. The script sends no
        // Host header, so the check must pass whatever AllowedHosts is.
        var dataFolder = Path.Combine(Path.GetTempPath(), "autotracker-deployment", Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = await WebAppProcess.StartAsync(
                new Dictionary<string, string>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["AllowedHosts"] = "autotracker.example.com",
                    ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(dataFolder, "autotracker.db")}",
                    ["AutoTracker:Seed:AdminPassword"] = "deployment-test-passphrase-2026",
                    ["AutoTracker:Seed:DemoTenant"] = "false",
                    ["AutoTracker:Seed:PasswordFile"] = Path.Combine(dataFolder, "initial-admin-password.txt"),
                    ["AutoTracker:DataProtection:KeyFolder"] = Path.Combine(dataFolder, "keys"),
                    ["Serilog:WriteTo:1:Args:path"] = Path.Combine(dataFolder, "Logs", "autotracker-.json"),
                },
                requireHealthy: false);

            var result = await RunScriptAsync(app.Port);

            result.ExitCode.ShouldBe(0, $"{result}{Environment.NewLine}app output:{Environment.NewLine}{app.Output}");
        }
        finally
        {
            if (Directory.Exists(dataFolder))
            {
                Directory.Delete(dataFolder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task HealthCheck_NothingListening_Fails()
    {
        var port = FreePort();

        var result = await RunScriptAsync(port);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StandardError.ShouldContain($"cannot connect to 127.0.0.1:{port}");
    }

    [Fact]
    public async Task HealthCheck_Status503_Fails()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = AnswerOnceAsync(listener, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 9\r\nConnection: close\r\n\r\nUnhealthy");

        var result = await RunScriptAsync(port);
        var request = await server;

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StandardError.ShouldContain("HTTP/1.1 503 Service Unavailable");
        request.ShouldStartWith("GET /health HTTP/1.0\r\n");
        request.ShouldNotContain("Host:", Case.Insensitive);
    }

    private static Task<ProcessResult> RunScriptAsync(int port) =>
        ProcessRunner.RunAsync(
            "bash",
            [Repository.PathOf("etc/docker/healthcheck.sh")],
            ScriptTimeout,
            new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Accepts one connection, reads the request head, sends <paramref name="response"/> and returns the request.</summary>
    private static async Task<string> AnswerOnceAsync(TcpListener listener, string response)
    {
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        using var client = await listener.AcceptTcpClientAsync(timeout.Token);
        var stream = client.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[1024];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), timeout.Token);
        return request.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
