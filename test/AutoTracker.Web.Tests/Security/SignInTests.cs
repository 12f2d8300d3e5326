using System.Diagnostics;
using System.Net;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoTracker.Web.Tests.Security;

public sealed class SignInTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    [Fact]
    public async Task SignIn_DemoAdmin_IssuesHostPrefixedSecureCookie()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await AutoTrackerWebFactory.PostLoginAsync(client, "demo", "admin", AutoTrackerWebFactory.AdminPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-AutoTracker=", StringComparison.Ordinal));
        cookie.ShouldContain("secure", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        cookie.ShouldContain("path=/", Case.Insensitive);
        cookie.ShouldNotContain("domain=", Case.Insensitive);
    }

    [Fact]
    public async Task StoredHash_IsPbkdf2Sha512With210000Iterations()
    {
        var tenantId = await factory.GetTenantIdAsync("demo");

        var hash = await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users.Select(u => u.PasswordHash).FirstAsync());

        var bytes = Convert.FromBase64String(hash!);
        bytes[0].ShouldBe((byte)0x01); // Identity version 3 format
        ReadBigEndian(bytes, 1).ShouldBe(2u); // KeyDerivationPrf.HMACSHA512
        ReadBigEndian(bytes, 5).ShouldBeGreaterThanOrEqualTo(210_000u);
        ReadBigEndian(bytes, 9).ShouldBeGreaterThanOrEqualTo(16u); // salt length in bytes
    }

    [Fact]
    public async Task SignIn_WeakerStoredHash_IsRehashedWithCurrentIterations()
    {
        var tenantId = await factory.CreateTenantWithAdminAsync($"rehash{Guid.NewGuid():N}"[..16]);
        var tenantName = await TenantNameAsync(tenantId);
        var weakHasher = new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));
        var weakHash = weakHasher.HashPassword(new AppUser(), AutoTrackerWebFactory.AdminPassword);
        await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, weakHash)));

        await factory.SignInAsync(tenantName, "admin", AutoTrackerWebFactory.AdminPassword);

        var stored = await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users.Select(u => u.PasswordHash).FirstAsync());
        stored.ShouldNotBe(weakHash);
        ReadBigEndian(Convert.FromBase64String(stored!), 5).ShouldBe(210_000u);
    }

    [Fact]
    public async Task SignIn_TwentyParallelWrongPasswords_LocksAccount()
    {
        var tenantId = await factory.CreateTenantWithAdminAsync($"lock{Guid.NewGuid():N}"[..16]);
        var tenantName = await TenantNameAsync(tenantId);
        var clients = Enumerable.Range(0, 20).Select(_ => factory.CreateBrowserClient()).ToList();
        var tokens = await Task.WhenAll(clients.Select(c => AutoTrackerWebFactory.GetFormTokenAsync(c, "/Account/Login")));

        var responses = await Task.WhenAll(clients.Select((c, i) => c.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.TenantName"] = tenantName,
            ["Input.UserNameOrEmail"] = "admin",
            ["Input.Password"] = $"wrong-password-number-{i}",
            ["__RequestVerificationToken"] = tokens[i],
        }))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var user = await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users.AsNoTracking().FirstAsync());
        user.LockoutEnd.ShouldNotBeNull();
        user.LockoutEnd.Value.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(14));

        using var client = factory.CreateBrowserClient();
        using var rightPassword = await AutoTrackerWebFactory.PostLoginAsync(client, tenantName, "admin", AutoTrackerWebFactory.AdminPassword);
        rightPassword.StatusCode.ShouldBe(HttpStatusCode.OK); // the form again, no cookie
        rightPassword.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).ShouldNotContain(c => c.StartsWith("__Host-AutoTracker=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970"));
    }

    [Fact]
    public async Task SignIn_ParallelBurstOfThirty_ChecksAtMostFivePasswords()
    {
        var tenantId = await factory.CreateTenantWithAdminAsync($"burst{Guid.NewGuid():N}"[..16]);
        var tenantName = await TenantNameAsync(tenantId);
        var clients = Enumerable.Range(0, 30).Select(_ => factory.CreateBrowserClient()).ToList();
        var tokens = await Task.WhenAll(clients.Select(c => AutoTrackerWebFactory.GetFormTokenAsync(c, "/Account/Login")));
        factory.Logs.Clear();

        await Task.WhenAll(clients.Select((c, i) => c.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.TenantName"] = tenantName,
            ["Input.UserNameOrEmail"] = "admin",
            ["Input.Password"] = $"wrong-password-number-{i}",
            ["__RequestVerificationToken"] = tokens[i],
        }))));
        using var client = factory.CreateBrowserClient();
        using var rightPassword = await AutoTrackerWebFactory.PostLoginAsync(client, tenantName, "admin", AutoTrackerWebFactory.AdminPassword);

        var checkedPasswords = factory.Logs.AllText().Count(line => line.Contains("wrong password for user", StringComparison.Ordinal));
        checkedPasswords.ShouldBeInRange(1, 5);
        rightPassword.StatusCode.ShouldBe(HttpStatusCode.OK);
        var user = await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users.AsNoTracking().FirstAsync());
        user.LockoutEnd.ShouldNotBeNull();
    }

    [Fact]
    public async Task SignIn_FiveSequentialFailures_LockOutAndSixthRightPasswordFails()
    {
        var tenantId = await factory.CreateTenantWithAdminAsync($"seq{Guid.NewGuid():N}"[..16]);
        var tenantName = await TenantNameAsync(tenantId);
        using var client = factory.CreateBrowserClient();

        for (var i = 0; i < 4; i++)
        {
            (await AutoTrackerWebFactory.PostLoginAsync(client, tenantName, "admin", "not-the-password-at-all")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await AutoTrackerWebFactory.PostLoginAsync(client, tenantName, "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var fresh = factory.CreateBrowserClient();
        for (var i = 0; i < 5; i++)
        {
            (await AutoTrackerWebFactory.PostLoginAsync(fresh, tenantName, "admin", "not-the-password-at-all")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await AutoTrackerWebFactory.PostLoginAsync(fresh, tenantName, "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignIn_UnknownUserAndWrongPassword_LookAlike()
    {
        using var client = factory.CreateBrowserClient();
        var unknownTimes = new List<long>();
        var wrongTimes = new List<long>();
        string? unknownBody = null;
        string? wrongBody = null;

        for (var i = 0; i < 6; i++)
        {
            var watch = Stopwatch.StartNew();
            using var unknown = await AutoTrackerWebFactory.PostLoginAsync(client, "demo", $"nobody{i}", "some-long-password-here");
            unknownTimes.Add(watch.ElapsedMilliseconds);
            unknownBody = StripTokens(await unknown.Content.ReadAsStringAsync());
            unknown.StatusCode.ShouldBe(HttpStatusCode.OK);

            watch.Restart();
            using var wrong = await AutoTrackerWebFactory.PostLoginAsync(client, "demo", "admin", $"some-long-password-her{i}");
            wrongTimes.Add(watch.ElapsedMilliseconds);
            wrongBody = StripTokens(await wrong.Content.ReadAsStringAsync()).Replace("value=\"admin\"", $"value=\"nobody{i}\"");
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);

            // Reset the failure count so the lockout does not end the comparison.
            var tenantId = await factory.GetTenantIdAsync("demo");
            await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0)));
        }

        wrongBody.ShouldBe(unknownBody);

        // Both paths verify one PBKDF2 hash of the same cost; allow wide noise on a loaded 2-core machine.
        var unknownMedian = unknownTimes.Order().ElementAt(unknownTimes.Count / 2);
        var wrongMedian = wrongTimes.Order().ElementAt(wrongTimes.Count / 2);
        ((double)unknownMedian).ShouldBeInRange(wrongMedian * 0.5, wrongMedian * 2.0 + 20);
    }

    [Theory]
    [InlineData("https://evil.test")]
    [InlineData("//evil.test")]
    [InlineData("/\\evil.test")]
    [InlineData("/%2F%2Fevil.test")]
    [InlineData("%5C%5Cevil.test")]
    [InlineData("\\\\evil.test")]
    [InlineData("http:evil.test")]
    [InlineData("javascript:alert(1)")]
    public async Task SignIn_ForeignReturnUrl_LandsOnHome(string returnUrl)
    {
        using var client = factory.CreateBrowserClient();

        using var response = await AutoTrackerWebFactory.PostLoginAsync(client, "demo", "admin", AutoTrackerWebFactory.AdminPassword, returnUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task SignIn_LocalReturnUrl_IsFollowed()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await AutoTrackerWebFactory.PostLoginAsync(client, "demo", "admin", AutoTrackerWebFactory.AdminPassword, "/Vehicles?page=2");

        response.Headers.Location!.OriginalString.ShouldBe("/Vehicles?page=2");
    }

    [Fact]
    public async Task SignIn_NonAsciiReturnUrlInQuery_RedirectsEncoded()
    {
        using var client = factory.CreateBrowserClient();
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(client, "/Account/Login");

        // A browser posts the form back to the page's own URL, query string included.
        using var response = await client.PostAsync("/Account/Login?ReturnUrl=%2FVehicles%3FSearch%3DM%C3%BCller", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.TenantName"] = "demo",
            ["Input.UserNameOrEmail"] = "admin",
            ["Input.Password"] = AutoTrackerWebFactory.AdminPassword,
            ["__RequestVerificationToken"] = token,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/Vehicles?Search=M%C3%BCller");
    }

    [Fact]
    public async Task SignIn_ReturnUrlWithNonAsciiSearch_RedirectsEncoded()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await AutoTrackerWebFactory.PostLoginAsync(client, "demo", "admin", AutoTrackerWebFactory.AdminPassword, "/Vehicles?Search=Müller");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/Vehicles?Search=M%C3%BCller");
    }

    [Fact]
    public async Task SignOut_OldCookieReplayed_IsRejected()
    {
        var cookies = new CookieContainer();
        using var client = factory.CreateBrowserClient(cookies);
        (await AutoTrackerWebFactory.PostLoginAsync(client, "demo", "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookieHeader = cookies.GetCookieHeader(new Uri("https://localhost"));
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(client, "/Account/AccessDenied");

        using var signOut = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var replay = factory.CreateDefaultClient(new Uri("https://localhost"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/app/vehicles");
        request.Headers.Add("Cookie", cookieHeader);
        using var response = await replay.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Session_UserDeactivated_EndsOnNextRequest()
    {
        var tenantId = await factory.CreateTenantWithAdminAsync($"deact{Guid.NewGuid():N}"[..16]);
        var api = await ApiClient.SignInAsync(factory, await TenantNameAsync(tenantId));
        (await api.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        (await api.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.PostAsync("/api/app/vehicles", new { make = "After", model = "Deactivation" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Session_TenantDeactivated_EndsOnNextRequest()
    {
        var tenantId = await factory.CreateTenantWithAdminAsync($"tdeact{Guid.NewGuid():N}"[..16]);
        var tenantName = await TenantNameAsync(tenantId);
        var api = await ApiClient.SignInAsync(factory, tenantName);
        (await api.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await factory.InScopeAsync<int>(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.Where(t => t.Id == tenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.IsActive, false)));

        (await api.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var client = factory.CreateBrowserClient();
        (await AutoTrackerWebFactory.PostLoginAsync(client, tenantName, "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(11 * 60 + 59, false)]
    [InlineData(12 * 60 + 1, true)]
    public void AbsoluteLifetime_SessionAge_DecidesExpiry(int minutesSinceSignIn, bool expired)
    {
        var signedIn = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var properties = new Microsoft.AspNetCore.Authentication.AuthenticationProperties();
        properties.Items[AutoTracker.Account.TenantSecurityStampValidator.SignedInUtcItem] = signedIn.ToString("O");

        AutoTracker.Account.TenantSecurityStampValidator.IsBeyondAbsoluteLifetime(properties, signedIn.AddMinutes(minutesSinceSignIn)).ShouldBe(expired);
    }

    [Fact]
    public void AbsoluteLifetime_NoSignInTime_IsExpired()
    {
        AutoTracker.Account.TenantSecurityStampValidator.IsBeyondAbsoluteLifetime(new Microsoft.AspNetCore.Authentication.AuthenticationProperties(), DateTimeOffset.UtcNow).ShouldBeTrue();
    }

    [Fact]
    public async Task Password_CommonOrShort_IsRejected()
    {
        var tenantId = await factory.GetTenantIdAsync("demo");

        var results = await factory.InScopeAsync(tenantId, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var outcomes = new Dictionary<string, bool>();
            foreach (var password in new[] { "qwertyuiop12", "password1234", "short-pass1", "correct horse battery staple", new string('x', 100) + "Unique7" })
            {
                var user = new AppUser(Guid.NewGuid(), tenantId, $"p{Guid.NewGuid():N}", null);
                outcomes[password] = (await users.CreateAsync(user, password)).Succeeded;
            }

            return outcomes;
        });

        results["qwertyuiop12"].ShouldBeFalse();
        results["password1234"].ShouldBeFalse();
        results["short-pass1"].ShouldBeFalse();
        results["correct horse battery staple"].ShouldBeTrue();
        results[new string('x', 100) + "Unique7"].ShouldBeTrue();
    }

    private async Task<string> TenantNameAsync(Guid tenantId) =>
        await factory.InScopeAsync<string>(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).FirstAsync());

    private static string StripTokens(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "(value|nonce)=\"[^\"]*\"", "$1=\"\"");

    private static uint ReadBigEndian(byte[] bytes, int offset) =>
        (uint)(bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3]);
}
