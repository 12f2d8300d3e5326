using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace AutoTracker.BrowserTests;

/// <summary>
/// Starts the built web app as its own process on a free loopback port (a real Kestrel server with a fresh
/// SQLite file and the demo tenant), and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class WebServerFixture : IAsyncLifetime
{
    public const string AdminPassword = "browser-test-passphrase-2026";

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "autotracker-browser", Guid.NewGuid().ToString("N"));
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

    public async Task<IPage> NewSignedInPageAsync(string tenant, string userName = "admin", string password = AdminPassword)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => throw new InvalidOperationException($"Unexpected dialog: {dialog.Message}");
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_TenantName", tenant);
        await page.FillAsync("#Input_UserNameOrEmail", userName);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
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
        start.Environment["AutoTracker__Seed__PasswordFile"] = Path.Combine(_dataFolder, "initial-admin-password.txt");
        start.Environment["AutoTracker__DataProtection__KeyFolder"] = Path.Combine(_dataFolder, "keys");
        start.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(_dataFolder, "Logs", "autotracker-.json");
        var process = Process.Start(start) ?? throw new InvalidOperationException("The web app did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"The web app exited with code {_server.ExitCode} before it was healthy.");
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

        throw new TimeoutException("The web app did not report Healthy within 90 seconds.");
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
