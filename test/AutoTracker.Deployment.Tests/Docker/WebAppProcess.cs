using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AutoTracker.Deployment.Docker;

/// <summary>
/// The built web app started as its own process on a free loopback port, in Production as in the image, with a
/// fresh SQLite file and AllowedHosts set to a public host name, as docker-compose.yml sets it.
/// </summary>
internal sealed class WebAppProcess : IAsyncDisposable
{
    private const int StartTimeoutSeconds = 90;

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "autotracker-deployment", Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; private set; }

    /// <summary>Starts the app and waits until it listens.</summary>
    /// <exception cref="TimeoutException">The app did not listen within the start timeout; the message has its output.</exception>
    public static async Task<WebAppProcess> StartAsync()
    {
        var app = new WebAppProcess();
        try
        {
            await app.StartProcessAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's cleanup.
        }
    }

    private async Task StartProcessAsync()
    {
        Directory.CreateDirectory(_dataFolder);
        Port = FreePort();
        var webProject = Repository.PathOf("src/AutoTracker.Web");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var assembly = Path.Combine(webProject, "bin", configuration, "net10.0", "AutoTracker.Web.dll");
        var start = new ProcessStartInfo("dotnet", [assembly, "--urls", $"http://127.0.0.1:{Port}", "--contentRoot", webProject])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _dataFolder,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["AllowedHosts"] = "autotracker.example.com";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_dataFolder, "autotracker.db")}";
        start.Environment["AutoTracker__Seed__AdminPassword"] = "deployment-test-passphrase-2026";
        start.Environment["AutoTracker__Seed__DemoTenant"] = "false";
        start.Environment["AutoTracker__Seed__PasswordFile"] = Path.Combine(_dataFolder, "initial-admin-password.txt");
        start.Environment["AutoTracker__DataProtection__KeyFolder"] = Path.Combine(_dataFolder, "keys");
        start.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(_dataFolder, "Logs", "autotracker-.json");
        _process = Process.Start(start) ?? throw new InvalidOperationException($"The web app {assembly} did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(StartTimeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The web app exited with code {_process.ExitCode} before it listened. Its output:{Environment.NewLine}{Output}");
            }

            if (Output.Contains("Application started", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The web app did not start within {StartTimeoutSeconds} seconds. Its output:{Environment.NewLine}{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
