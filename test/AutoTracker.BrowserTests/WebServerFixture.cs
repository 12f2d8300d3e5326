using Microsoft.Playwright;

namespace AutoTracker.BrowserTests;

/// <summary>
/// Starts the built web app as its own process (<see cref="WebAppProcess"/>) on a free loopback port, a real
/// Kestrel server with a fresh SQLite file and the demo tenant, and Debian's Chromium driven by Playwright. The
/// test classes of <see cref="WebServerCollection"/> share one instance and run one after another.
/// </summary>
public sealed class WebServerFixture : IAsyncLifetime
{
    public const string AdminPassword = "browser-test-passphrase-2026";

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "autotracker-browser", Guid.NewGuid().ToString("N"));
    private WebAppProcess? _server;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataFolder);

        // Chromium must browse http://localhost, not 127.0.0.1, for the Secure sign-in cookie to be kept.
        _server = await WebAppProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(_dataFolder, "autotracker.db")}",
                ["AutoTracker:Seed:AdminPassword"] = AdminPassword,
                ["AutoTracker:RateLimits:SignInPerMinute"] = "1000",
                ["AutoTracker:Seed:PasswordFile"] = Path.Combine(_dataFolder, "initial-admin-password.txt"),
                ["AutoTracker:DataProtection:KeyFolder"] = Path.Combine(_dataFolder, "keys"),
                ["Serilog:WriteTo:1:Args:path"] = Path.Combine(_dataFolder, "Logs", "autotracker-.json"),
            },
            host: "localhost");
        BaseUrl = _server.BaseUrl;

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
        if (_server is not null)
        {
            await _server.DisposeAsync();
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
}
