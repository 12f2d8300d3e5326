using System.Net;
using AutoTracker.Identity;
using AutoTracker.Settings;
using AutoTracker.Vehicles;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AutoTracker.Web.Tests.Settings;

/// <summary>What the settings change in the running app: password rules, lockout, session lifetimes and units.</summary>
public sealed class SettingBehaviourTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    // 16 characters, not on the common password list.
    private const string SixteenCharacters = "quiet-harbor-417";
    private const string TwentyCharacters = "quiet-harbor-417-elm";

    [Fact]
    public async Task PasswordLength_EnforcedOnCreateAndChange()
    {
        var (strictId, _, strictAdmin) = await SettingsApi.CreateTenantAsync(factory, "strict");
        var (lenientId, _, _) = await SettingsApi.CreateTenantAsync(factory, "lenient");
        await SettingsApi.SetAsync(strictAdmin, SettingsApi.TenantUrl, new() { [SettingNames.PasswordRequiredLength] = "20" });

        var strictShort = await CreateUserAsync(strictId, SixteenCharacters);
        var strictLong = await CreateUserAsync(strictId, TwentyCharacters);
        var lenientShort = await CreateUserAsync(lenientId, SixteenCharacters);

        strictShort.Succeeded.ShouldBeFalse();
        strictShort.Errors.Select(e => e.Code).ShouldBe(["PasswordTooShort"]);
        strictLong.Succeeded.ShouldBeTrue();
        lenientShort.Succeeded.ShouldBeTrue();
        var change = await factory.InScopeAsync(strictId, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync("admin") ?? throw new InvalidOperationException("The tenant has no admin.");
            return await users.ChangePasswordAsync(user, SettingsApi.TenantAdminPassword, SixteenCharacters);
        });
        change.Succeeded.ShouldBeFalse();
        change.Errors.Select(e => e.Code).ShouldContain("PasswordTooShort");
    }

    [Fact]
    public async Task PasswordClasses_TenantSetting_Enforced()
    {
        var (tenantId, _, admin) = await SettingsApi.CreateTenantAsync(factory, "classes");
        await SettingsApi.SetAsync(admin, SettingsApi.TenantUrl, new()
        {
            [SettingNames.PasswordRequireDigit] = "true",
            [SettingNames.PasswordRequireUppercase] = "true",
            [SettingNames.PasswordRequiredUniqueChars] = "8",
        });

        var plain = await CreateUserAsync(tenantId, "quiet-harbor-elm");
        var repetitive = await CreateUserAsync(tenantId, "Aa1Aa1Aa1Aa1Aa1");
        var strong = await CreateUserAsync(tenantId, "Quiet-harbor-417");

        plain.Errors.Select(e => e.Code).ShouldBe(["PasswordRequiresDigit", "PasswordRequiresUpper"], ignoreOrder: true);
        repetitive.Errors.Select(e => e.Code).ShouldBe(["PasswordRequiresUniqueChars"]);
        strong.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task HostDefaultLength_AppliesToNewTenantAdmin()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        await SettingsApi.SetAsync(host, SettingsApi.HostUrl, new() { [SettingNames.PasswordRequiredLength] = "30" });

        try
        {
            var name = $"hostlen{Guid.NewGuid():N}"[..16];
            using var response = await host.PostAsync(
                "/api/tenant-management/tenants",
                new { name, adminEmail = $"admin@{name}.test", adminPassword = SettingsApi.TenantAdminPassword });

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await response.Content.ReadAsStringAsync()).ShouldContain("30");
        }
        finally
        {
            await SettingsApi.SetAsync(host, SettingsApi.HostUrl, new() { [SettingNames.PasswordRequiredLength] = null });
        }
    }

    [Fact]
    public async Task Lockout_LowerAttemptLimit_LocksEarlier()
    {
        var (_, strictName, strictAdmin) = await SettingsApi.CreateTenantAsync(factory, "lock3");
        var (_, defaultName, _) = await SettingsApi.CreateTenantAsync(factory, "lock5");
        await SettingsApi.SetAsync(strictAdmin, SettingsApi.TenantUrl, new() { [SettingNames.LockoutMaxFailedAccessAttempts] = "3" });

        var strict = await FailThenSignInAsync(strictName, failures: 3);
        var lenient = await FailThenSignInAsync(defaultName, failures: 3);

        strict.ShouldBe(HttpStatusCode.OK, "three failures lock the account when the limit is 3, so the right password fails");
        lenient.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task IdleTimeout_Shorter_EndsSession()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var node = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var (_, shortName, shortAdmin) = await SettingsApi.CreateTenantAsync(node, "idle30");
        var (_, defaultName, _) = await SettingsApi.CreateTenantAsync(node, "idle120");
        await SettingsApi.SetAsync(shortAdmin, SettingsApi.TenantUrl, new() { [SettingNames.SessionIdleTimeoutMinutes] = "30" });
        var shortSession = await SettingsApi.SignInAsync(node, shortName);
        var defaultSession = await SettingsApi.SignInAsync(node, defaultName);

        clock.Advance(TimeSpan.FromMinutes(20));
        var shortAfter20 = await StatusAsync(shortSession);
        var defaultAfter20 = await StatusAsync(defaultSession);
        clock.Advance(TimeSpan.FromMinutes(20));
        var shortAfter40 = await StatusAsync(shortSession);
        clock.Advance(TimeSpan.FromMinutes(31));

        shortAfter20.ShouldBe(HttpStatusCode.OK);
        defaultAfter20.ShouldBe(HttpStatusCode.OK);
        shortAfter40.ShouldBe(HttpStatusCode.OK, "each request restarts the idle time, so 40 minutes after sign-in is only 20 idle");
        (await StatusAsync(shortSession)).ShouldBe(HttpStatusCode.Unauthorized);
        (await StatusAsync(defaultSession)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AbsoluteLifetime_Shorter_EndsActiveSession()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var node = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var (_, shortName, shortAdmin) = await SettingsApi.CreateTenantAsync(node, "abs60");
        var (_, defaultName, _) = await SettingsApi.CreateTenantAsync(node, "abs720");
        await SettingsApi.SetAsync(shortAdmin, SettingsApi.TenantUrl, new() { [SettingNames.SessionAbsoluteLifetimeMinutes] = "60" });
        var shortSession = await SettingsApi.SignInAsync(node, shortName);
        var defaultSession = await SettingsApi.SignInAsync(node, defaultName);

        var statuses = new List<(HttpStatusCode Short, HttpStatusCode Default)>();
        for (var i = 0; i < 4; i++)
        {
            // A request every 20 minutes keeps both sessions from idling out.
            clock.Advance(TimeSpan.FromMinutes(20));
            statuses.Add((await StatusAsync(shortSession), await StatusAsync(defaultSession)));
        }

        statuses[0].Short.ShouldBe(HttpStatusCode.OK);
        statuses[1].Short.ShouldBe(HttpStatusCode.OK);
        statuses[2].Short.ShouldBe(HttpStatusCode.OK, "60 minutes is not beyond the lifetime of 60");
        statuses[3].Short.ShouldBe(HttpStatusCode.Unauthorized);
        statuses.ShouldAllBe(s => s.Default == HttpStatusCode.OK);
    }

    [Fact]
    public async Task EconomyUnitAndCurrency_ChangeFuelSummary()
    {
        var (_, _, admin) = await SettingsApi.CreateTenantAsync(factory, "economy");
        using var created = await admin.PostAsync("/api/app/vehicles", new { make = "Test", model = "Economy", meterUnit = "Kilometers" });
        var vehicle = await ApiClient.ReadAsync<VehicleDto>(created);
        foreach (var (meter, litres, date) in new[] { (10000, 40.0, "2026-01-01"), (10500, 35.0, "2026-01-10") })
        {
            using var entry = await admin.PostAsync(
                $"/api/app/vehicles/{vehicle.Id}/fuel-entries",
                new { date, meterValue = meter, quantity = litres, unit = "Liters", totalCost = 80.00m, fuelType = "Petrol", isFullTank = true });
            entry.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var before = await ApiClient.ReadAsync<FuelEconomySummaryDto>(await admin.GetAsync($"/api/app/vehicles/{vehicle.Id}/fuel-economy"));
        await SettingsApi.SetAsync(admin, SettingsApi.TenantUrl, new()
        {
            [SettingNames.EconomyUnit] = "MilesPerUsGallon",
            [SettingNames.Currency] = "USD",
        });
        var after = await ApiClient.ReadAsync<FuelEconomySummaryDto>(await admin.GetAsync($"/api/app/vehicles/{vehicle.Id}/fuel-economy"));

        before.PreferredUnit.ShouldBe(EconomyUnit.LitersPer100Kilometers);
        before.Unit.ShouldBe(EconomyUnit.LitersPer100Kilometers);
        before.Average!.Value.ShouldBe(7.0, 1e-9);
        before.Currency.ShouldBe("EUR");
        after.PreferredUnit.ShouldBe(EconomyUnit.MilesPerUsGallon);
        after.Unit.ShouldBe(EconomyUnit.MilesPerUsGallon);
        after.Average!.Value.ShouldBe(500 / Units.KilometersPerMile / (35 / Units.LitersPerUsGallon), 1e-9);
        after.Currency.ShouldBe("USD");
    }

    private Task<IdentityResult> CreateUserAsync(Guid tenantId, string password) =>
        factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<UserManager<AppUser>>()
            .CreateAsync(new AppUser(Guid.NewGuid(), tenantId, $"u{Guid.NewGuid():N}", null), password));

    private async Task<HttpStatusCode> FailThenSignInAsync(string tenantName, int failures)
    {
        using var client = factory.CreateBrowserClient();
        for (var i = 0; i < failures; i++)
        {
            using var failed = await AutoTrackerWebFactory.PostLoginAsync(client, tenantName, "admin", "not-the-password-at-all");
            failed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var right = await AutoTrackerWebFactory.PostLoginAsync(client, tenantName, "admin", SettingsApi.TenantAdminPassword);
        return right.StatusCode;
    }

    private static async Task<HttpStatusCode> StatusAsync(ApiClient session)
    {
        using var response = await session.GetAsync("/api/app/vehicles");
        return response.StatusCode;
    }
}
