using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AutoTracker;

/// <summary>
/// The built web app started as its own process on a free loopback port, a real Kestrel server, with the
/// settings a test gives as environment variables. It is stopped when disposed.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private const int StartTimeoutSeconds = 90;

    private readonly ProcessOutputTail _output = new(maxLines: 300);
    private readonly Process _process;

    private WebAppProcess(Process process, string baseUrl, int port)
    {
        _process = process;
        BaseUrl = baseUrl;
        Port = port;
    }

    public string BaseUrl { get; }

    public int Port { get; }

    /// <summary>The last lines the app wrote, for failure messages.</summary>
    public string Output => _output.ToString();

    /// <summary>
    /// Starts the app with <paramref name="settings"/> (configuration keys with <c>:</c>, in Development unless
    /// they set <c>ASPNETCORE_ENVIRONMENT</c>) on <paramref name="host"/> and waits until <c>GET /health</c> returns
    /// 200, or with <paramref name="requireHealthy"/> false, until it returns anything.
    /// </summary>
    public static async Task<WebAppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, bool requireHealthy = true, string host = "127.0.0.1")
    {
        var root = RepositoryRoot();
        var webProject = Path.Combine(root, "src", "AutoTracker.Web");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var assembly = Path.Combine(webProject, "bin", configuration, "net10.0", "AutoTracker.Web.dll");
        var port = FreePort();
        var baseUrl = $"http://{host}:{port}";
        var start = new ProcessStartInfo("dotnet", [assembly, "--urls", baseUrl, "--contentRoot", webProject])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"The web app {assembly} did not start.");
        var app = new WebAppProcess(process, baseUrl, port);
        process.OutputDataReceived += (_, e) => app._output.Add("out: ", e.Data);
        process.ErrorDataReceived += (_, e) => app._output.Add("err: ", e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilHealthyAsync(requireHealthy);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a client for this node that shares <paramref name="cookies"/> with other clients.</summary>
    public HttpClient CreateClient(CookieJar cookies) =>
        new(cookies, disposeHandler: false) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync(bool requireHealthy)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(StartTimeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // WaitForExit without a timeout returns only after the redirected streams are read to the end.
                _process.WaitForExit();
                throw new InvalidOperationException(
                    $"The web app exited with code {_process.ExitCode} before GET /health returned 200. Its last output:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK || !requireHealthy)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(
            $"GET {BaseUrl}/health did not return 200 within {StartTimeoutSeconds} seconds. The web app's last output:{Environment.NewLine}{Output}");
    }

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AutoTracker.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("AutoTracker.sln was not found above the test folder.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
