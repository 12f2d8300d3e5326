using System.Net;
using System.Text.RegularExpressions;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.PermissionManagement;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Infrastructure;

/// <summary>
/// The real web host on a database of its own (SQLite, or MySQL when the run targets it), seeded with the host admin and the demo tenant. One instance
/// per test class (xunit class fixture).
/// </summary>
public sealed partial class AutoTrackerWebFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "fleet-tester-long-passphrase-42";

    private readonly TestDatabase _database = TestDatabase.Create();
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "autotracker-tests", Guid.NewGuid().ToString("N"));

    public string ConnectionString => _database.ConnectionString;

    /// <summary>The host database, for checks that read it without the application.</summary>
    public TestDatabase Database => _database;

    public string DataFolder => _dataFolder;

    /// <summary>The folder that receives the app's e-mails, one .eml file per message.</summary>
    public string MailFolder => Path.Combine(_dataFolder, "mail");

    /// <summary>Every log event the app wrote, as Serilog delivered it to its sinks.</summary>
    public CapturedLogSink Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("AutoTracker:Database:Provider", _database.Provider);
        builder.UseSetting("ConnectionStrings:Default", _database.ConnectionString);
        builder.UseSetting("AutoTracker:Seed:AdminPassword", AdminPassword);
        builder.UseSetting("AutoTracker:Seed:PasswordFile", Path.Combine(_dataFolder, "initial-admin-password.txt"));
        builder.UseSetting("AutoTracker:DataProtection:KeyFolder", Path.Combine(_dataFolder, "keys"));
        builder.UseSetting("AllowedHosts", "localhost;autotracker.test");

        // The tests sign in far more often than a person; one test checks the limit with its own low value.
        builder.UseSetting("AutoTracker:RateLimits:SignInPerMinute", "10000");
        builder.UseSetting("AutoTracker:RateLimits:ImportUploadsPerTenMinutes", "10000");
        builder.UseSetting("AutoTracker:RateLimits:SetPasswordPerMinute", "10000");

        // Invitation and password reset links are absolute, and the tests read the e-mails from the drop folder.
        builder.UseSetting("AutoTracker:PublicBaseUrl", "https://localhost");
        builder.UseSetting("AutoTracker:Email:DropFolder", MailFolder);
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(_dataFolder, "Logs", "autotracker-.json"));
        builder.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(Logs));
    }

    /// <summary>A client on https://localhost that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateBrowserClient() => CreateBrowserClient(new CookieContainer());

    /// <summary>A browser-like client whose cookies the test can read and copy.</summary>
    public HttpClient CreateBrowserClient(CookieContainer cookies) =>
        CreateDefaultClient(new Uri("https://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));

    /// <summary>Signs in through the login form, as a browser does, and returns the client holding the auth cookie.</summary>
    public async Task<HttpClient> SignInAsync(string? tenant, string userName, string password)
    {
        var client = CreateBrowserClient();
        var response = await PostLoginAsync(client, tenant, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName}@{tenant} failed with {(int)response.StatusCode}.");
        }

        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string? tenant, string userName, string password, string? returnUrl = null)
    {
        var token = await GetFormTokenAsync(client, "/Account/Login");
        var url = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.TenantName"] = tenant ?? string.Empty,
            ["Input.UserNameOrEmail"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Reads the antiforgery form token from a page.</summary>
    public static async Task<string> GetFormTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = FormTokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    /// <summary>Fetches a signed-in page and returns the XSRF-TOKEN cookie value that API calls must echo.</summary>
    public static async Task<string> GetApiTokenAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/");
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        var cookie = cookies.FirstOrDefault(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The page did not offer an XSRF-TOKEN cookie.");
        return Uri.UnescapeDataString(cookie["XSRF-TOKEN=".Length..cookie.IndexOf(';')]);
    }

    public async Task<Guid> GetTenantIdAsync(string name)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AutoTrackerDbContext>();
        var normalized = Tenant.NormalizeName(name);
        return db.Tenants.Single(t => t.NormalizedName == normalized).Id;
    }

    /// <summary>
    /// Creates a tenant directly in the database, as tenant management does: its static roles with their grants, and
    /// a user admin in the admin role.
    /// </summary>
    public async Task<Guid> CreateTenantWithAdminAsync(string name, string password = AdminPassword)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AutoTrackerDbContext>();
        var tenant = new Tenant(Guid.NewGuid(), name);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();

        await InScopeAsync(tenant.Id, async sp =>
        {
            await sp.GetRequiredService<StaticRoleSeeder>().SeedCurrentAsync(CancellationToken.None);
            return 0;
        });
        await CreateUserAsync(tenant.Id, "admin", [StaticRoleNames.Admin], password);
        return tenant.Id;
    }

    /// <summary>Creates a user of the tenant (or of the host, with null) in the given roles, which must exist, and returns the user's id.</summary>
    public Task<Guid> CreateUserAsync(Guid? tenantId, string userName, IReadOnlyList<string> roles, string password = AdminPassword) =>
        InScopeAsync(tenantId, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser(Guid.NewGuid(), tenantId, userName, $"{userName}@{tenantId?.ToString("N") ?? "host"}.test");
            ThrowIfFailed(await users.CreateAsync(user, password));
            if (roles.Count > 0)
            {
                ThrowIfFailed(await users.AddToRolesAsync(user, roles));
            }

            return user.Id;
        });

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    public T InScope<T>(Guid? tenantId, Func<IServiceProvider, T> action)
    {
        using var scope = Services.CreateScope();
        var currentTenant = scope.ServiceProvider.GetRequiredService<ICurrentTenant>();
        using (currentTenant.Change(tenantId))
        {
            return action(scope.ServiceProvider);
        }
    }

    public async Task<T> InScopeAsync<T>(Guid? tenantId, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var currentTenant = scope.ServiceProvider.GetRequiredService<ICurrentTenant>();
        using (currentTenant.Change(tenantId))
        {
            return await action(scope.ServiceProvider);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
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

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();
}
