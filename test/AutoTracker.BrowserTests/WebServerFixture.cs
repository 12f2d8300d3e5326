using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace AutoTracker.BrowserTests;

/// <summary>
/// Starts the built web app as its own process on a free loopback port (a real Kestrel server with a fresh
/// SQLite file and the demo tenant), and Debian's Chromium driven by Playwright. The test classes of
/// <see cref="WebServerCollection"/> share one instance and run one after another.
/// </summary>
public sealed class WebServerFixture : IAsyncLifetime
{
    public const string AdminPassword = "browser-test-passphrase-2026";

    private const int StartTimeoutSeconds = 90;

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "autotracker-browser", Guid.NewGuid().ToString("N"));
    private readonly ProcessOutputTail _serverOutput = new(maxLines: 200);
    private Process? _server;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataFolder);
        var port = FreePort();
        BaseUrl = $"http://localhost:{port}";
        _server = StartServer(port);
        await WaitUntilHealthyAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("AUTOTRACKER_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Opens a new browser session, signed out, on the web app.</summary>
    public Task<BrowserSession> NewSessionAsync() => BrowserSession.OpenAsync(Browser, BaseUrl);

    /// <summary>Opens a new browser session and signs in through the sign-in form.</summary>
    /// <exception cref="InvalidOperationException">The sign-in page showed an error, which the message contains.</exception>
    public async Task<BrowserSession> NewSignedInSessionAsync(string tenant, string userName = "admin", string password = AdminPassword)
    {
        var session = await NewSessionAsync();
        try
        {
            await SignInAsync(session.Page, tenant, userName, password);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Fills in and submits the sign-in form, then waits for the signed-in navigation bar or the sign-in error.</summary>
    /// <exception cref="InvalidOperationException">The sign-in page showed an error, which the message contains.</exception>
    public static async Task SignInAsync(IPage page, string tenant, string userName = "admin", string password = AdminPassword)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_TenantName", tenant);
        await page.FillAsync("#Input_UserNameOrEmail", userName);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("main button[type=submit]");

        // The error summary is rendered only when sign-in failed, so one of the two appears after the post.
        var signedInOrError = page.Locator("[data-testid=signed-in-as], [data-testid=login-error]");
        await signedInOrError.First.WaitForAsync();
        var error = page.Locator("[data-testid=login-error]");
        if (await error.CountAsync() > 0)
        {
            var message = await error.InnerTextAsync();
            throw new InvalidOperationException($"Sign-in as '{userName}' in tenant '{tenant}' failed: '{message.Trim()}'.");
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's cleanup.
        }
    }

    private Process StartServer(int port)
    {
        var webProject = FindWebProjectFolder();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var assembly = Path.Combine(webProject, "bin", configuration, "net10.0", "AutoTracker.Web.dll");
        var start = new ProcessStartInfo("dotnet", [assembly, "--urls", $"http://localhost:{port}", "--contentRoot", webProject])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_dataFolder, "autotracker.db")}";
        start.Environment["AutoTracker__Seed__AdminPassword"] = AdminPassword;
        start.Environment["AutoTracker__RateLimits__SignInPerMinute"] = "1000";
        start.Environment["AutoTracker__Seed__PasswordFile"] = Path.Combine(_dataFolder, "initial-admin-password.txt");
        start.Environment["AutoTracker__DataProtection__KeyFolder"] = Path.Combine(_dataFolder, "keys");
        start.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(_dataFolder, "Logs", "autotracker-.json");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"The web app {assembly} did not start.");
        process.OutputDataReceived += (_, e) => _serverOutput.Add("out: ", e.Data);
        process.ErrorDataReceived += (_, e) => _serverOutput.Add("err: ", e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(StartTimeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (_server!.HasExited)
            {
                // WaitForExit without a timeout returns only after the redirected streams are read to the end.
                _server.WaitForExit();
                throw new InvalidOperationException(
                    $"The web app exited with code {_server.ExitCode} before GET /health returned 200. Its last output:{Environment.NewLine}{_serverOutput}");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
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
            $"GET {BaseUrl}/health did not return 200 within {StartTimeoutSeconds} seconds. The web app's last output:{Environment.NewLine}{_serverOutput}");
    }

    private static string FindWebProjectFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AutoTracker.sln")))
        {
            folder = folder.Parent;
        }

        return folder is null
            ? throw new InvalidOperationException("AutoTracker.sln was not found above the test folder.")
            : Path.Combine(folder.FullName, "src", "AutoTracker.Web");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
