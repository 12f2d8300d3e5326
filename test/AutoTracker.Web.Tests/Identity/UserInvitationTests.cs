using System.Net;
using System.Text.RegularExpressions;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Identity;

/// <summary>
/// Invitation and reset links end to end: the e-mail read from the drop folder, the set-password page opened
/// anonymously, the password saved and used to sign in, and the link dead afterwards. Tampered links get the one
/// generic message, and neither the token nor the link reaches the log.
/// </summary>
public sealed partial class UserInvitationTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string NewPassword = "maple-river-lantern-quartz-7";

    [Fact]
    public async Task Invitation_SetPasswordSignInThenLinkDead()
    {
        var (tenantName, admin) = await CreateTenantAsync("uinvite");
        using var created = await admin.PostAsync("/api/identity/users", new { userName = "mira", email = "mira@invite.test", roleNames = new[] { "viewer" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var mail = ReadMailTo("mira@invite.test");
        mail.ShouldContain("Subject: Your AutoTracker account");
        var link = LinkPattern().Match(mail).Value;
        link.ShouldStartWith("https://localhost/Account/SetPassword?");
        var path = link["https://localhost".Length..];

        var browser = factory.CreateBrowserClient();
        using var page = await browser.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("data-testid=\"set-password-form\"");
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
        page.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"], "the address holds the token, so no request may send it on");

        var weak = await PostPasswordAsync(browser, path, "short");
        weak.ShouldContain("at least");
        var saved = await PostPasswordAsync(browser, path, NewPassword);
        saved.ShouldContain("data-testid=\"password-set\"");

        var session = await ApiClient.SignInAsync(factory, tenantName, "mira", NewPassword);
        (await session.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reused = await PostPasswordAsync(factory.CreateBrowserClient(), path, NewPassword + "x");
        reused.ShouldContain("data-testid=\"link-invalid\"");
        (await factory.CreateBrowserClient().GetStringAsync(path)).ShouldContain("data-testid=\"link-invalid\"");
        factory.Logs.Events.ShouldNotContain(e => e.RenderMessage(null).Contains("token=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResetLink_TamperedOrOtherTenant_GenericMessage()
    {
        var (tenantName, admin) = await CreateTenantAsync("ureset");
        var (otherTenant, _) = await CreateTenantAsync("uresetb");
        var userId = await factory.CreateUserAsync(await factory.GetTenantIdAsync(tenantName), "nora", []);
        (await admin.PostAsync($"/api/identity/users/{userId}/send-password-reset", new { email = "attacker@evil.test" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        Directory.GetFiles(factory.MailFolder).Select(File.ReadAllText).ShouldNotContain(m => m.Contains("attacker@evil.test", StringComparison.Ordinal));
        var path = LinkPattern().Match(ReadMailTo($"nora@{(await factory.GetTenantIdAsync(tenantName)):N}.test")).Value["https://localhost".Length..];
        path.ShouldContain("kind=reset");
        var otherTenantId = await factory.GetTenantIdAsync(otherTenant);

        var variants = new[]
        {
            Regex.Replace(path, "token=[^&]{4}", "token=AAAA"),
            path.Replace("kind=reset", "kind=invitation", StringComparison.Ordinal),
            Regex.Replace(path, "userId=[0-9a-f]{32}", $"userId={Guid.NewGuid():N}"),
            Regex.Replace(path, "tenantId=[0-9a-f]{32}", $"tenantId={otherTenantId:N}"),
            Regex.Replace(path, "tenantId=[0-9a-f]{32}&", string.Empty),
        };
        foreach (var variant in variants)
        {
            var html = await PostPasswordAsync(factory.CreateBrowserClient(), variant, NewPassword);
            html.ShouldContain("data-testid=\"link-invalid\"", customMessage: variant);
        }

        var signIn = await AutoTrackerWebFactory.PostLoginAsync(factory.CreateBrowserClient(), tenantName, "nora", NewPassword);
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK, "no variant may have set the password");
        (await PostPasswordAsync(factory.CreateBrowserClient(), path, NewPassword)).ShouldContain("data-testid=\"password-set\"");
    }

    [Fact]
    public async Task Invitation_TenantWithOwnDatabase_Works()
    {
        using var database = TestDatabase.Create();
        var name = $"uown{Guid.NewGuid():N}"[..16];
        var hostAdmin = await ApiClient.SignInAsync(factory, null);
        using var tenant = await hostAdmin.PostAsync("/api/tenant-management/tenants", new
        {
            name,
            adminEmail = $"boss@{name}.test",
            adminPassword = AutoTrackerWebFactory.AdminPassword,
            connectionString = database.ConnectionString,
        });
        tenant.StatusCode.ShouldBe(HttpStatusCode.Created, await tenant.Content.ReadAsStringAsync());
        var admin = await ApiClient.SignInAsync(factory, name);

        using var created = await admin.PostAsync("/api/identity/users", new { userName = "owen", email = $"owen@{name}.test" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var path = LinkPattern().Match(ReadMailTo($"owen@{name}.test")).Value["https://localhost".Length..];
        (await PostPasswordAsync(factory.CreateBrowserClient(), path, NewPassword)).ShouldContain("data-testid=\"password-set\"");

        await ApiClient.SignInAsync(factory, name, "owen", NewPassword);
        var tenantId = await factory.GetTenantIdAsync(name);
        factory.InScope(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users.IgnoreQueryFilters().Count(u => u.TenantId == tenantId))
            .ShouldBe(0, "the tenant's users live in its own database");
    }

    [Fact]
    public async Task SetPasswordPage_OverRateLimit_Returns429()
    {
        using var limited = factory.WithWebHostBuilder(b => b.UseSetting("AutoTracker:RateLimits:SetPasswordPerMinute", "3"));
        using var client = limited.CreateDefaultClient(new Uri("https://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler());
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync($"/Account/SetPassword?userId={Guid.NewGuid():N}&kind=reset&token=guess{i}");
            statuses.Add(response.StatusCode);
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }

    private async Task<string> PostPasswordAsync(HttpClient client, string path, string password)
    {
        var get = await client.GetStringAsync(path);
        var token = Regex.Match(get, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        if (!token.Success)
        {
            // The page shows only the generic message for a link it cannot use, without a form.
            return get;
        }

        using var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<(string TenantName, ApiClient Admin)> CreateTenantAsync(string prefix)
    {
        var name = $"{prefix}{Guid.NewGuid():N}"[..16];
        await factory.CreateTenantWithAdminAsync(name);
        return (name, await ApiClient.SignInAsync(factory, name));
    }

    private string ReadMailTo(string address) =>
        Directory.GetFiles(factory.MailFolder, "*.eml").Select(File.ReadAllText).Single(m => m.Contains($"To: {address}\r\n", StringComparison.Ordinal));

    [GeneratedRegex(@"https://localhost/Account/SetPassword\?\S+")]
    private static partial Regex LinkPattern();
}
